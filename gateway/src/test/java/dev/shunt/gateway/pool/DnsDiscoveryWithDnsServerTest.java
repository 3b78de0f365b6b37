package dev.shunt.gateway.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shunt.gateway.InProcessDnsServer;
import dev.shunt.gateway.InProcessDnsServer.Query;
import dev.shunt.gateway.InProcessDnsServer.Srv;
import dev.shunt.gateway.config.ConfigLoader;
import io.netty.handler.codec.dns.DnsRecordType;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * DNS discovery against a real DNS server on 127.0.0.1 (in-process, UDP) that answers A and SRV
 * records with the TTLs each test chooses: the pool follows a changed answer within its TTL, looks up
 * again when the TTL says (within the configured bounds), and keeps its backends when lookups fail.
 */
class DnsDiscoveryWithDnsServerTest {

    static final String NAME = "backends.shunt.test";
    static final String SERVICE = "_http._tcp.cpu.shunt.test";
    /** What a lookup may add to a TTL here: the query, the answer, a busy shared machine. */
    static final Duration SLACK = Duration.ofMillis(1500);

    InProcessDnsServer dns;
    Vertx vertx;
    Pool pool;
    DnsDiscoverer discoverer;
    final List<List<BackendState>> added = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        dns = InProcessDnsServer.start();
        vertx = Vertx.vertx();
    }

    @AfterEach
    void stop() throws Exception {
        if (discoverer != null) {
            discoverer.close();
        }
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        dns.close();
    }

    /** A pool whose backends come from {@code dns} (the server is added), discovering from now on. */
    void discover(String settings) {
        String yaml = """
                pools:
                  cpu: {dns: {%s, server: "%s"}}
                routes: [{name: default, policy: {type: rules, rules: [{name: all, pool: cpu}]}}]
                """.formatted(settings, dns.address());
        pool = new Pool(new ConfigLoader(Clock.systemUTC()).parse(yaml).pools().get("cpu"), Clock.systemUTC());
        discoverer = new DnsDiscoverer(vertx, pool, pool.config().dns().orElseThrow(), list -> {
            if (!list.isEmpty()) { // told of departures too, with nothing added
                added.add(list);
            }
        });
        discoverer.start();
    }

    List<String> ids() {
        return pool.backends().stream().map(BackendState::id).toList();
    }

    BackendState backend(String id) {
        return pool.backends().stream().filter(b -> b.id().equals(id)).findFirst().orElseThrow();
    }

    void awaitBackends(Duration within, String... ids) {
        await("backends " + List.of(ids)).atMost(within).pollInterval(Duration.ofMillis(10))
                .until(() -> ids().equals(List.of(ids)));
    }

    /** Milliseconds between one question and the next, for the first {@code count} questions. */
    static List<Long> gaps(List<Query> queries, int count) {
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            gaps.add(TimeUnit.NANOSECONDS.toMillis(queries.get(i).nanos() - queries.get(i - 1).nanos()));
        }
        return gaps;
    }

    @Test
    void aRecordsGiveBackendsOnThePortAndTheyFollowAChangedAnswerWithinItsTtl() {
        dns.answerA(NAME, 1, "127.0.0.1");
        discover("name: " + NAME + ", port: 8001, refresh: 1m, minRefresh: 100ms");
        awaitBackends(Duration.ofSeconds(5), "127.0.0.1:8001");
        BackendState first = backend("127.0.0.1:8001");

        dns.answerA(NAME, 1, "127.0.0.2", "127.0.0.1");
        awaitBackends(Duration.ofSeconds(1).plus(SLACK), "127.0.0.1:8001", "127.0.0.2:8001");
        assertThat(backend("127.0.0.1:8001")).as("a backend that stays keeps its live state").isSameAs(first);

        dns.answerA(NAME, 1, "127.0.0.2");
        awaitBackends(Duration.ofSeconds(1).plus(SLACK), "127.0.0.2:8001");
        assertThat(added).extracting(list -> list.stream().map(BackendState::id).toList())
                .containsExactly(List.of("127.0.0.1:8001"), List.of("127.0.0.2:8001"));
    }

    @Test
    void theNextLookupComesWhenTheTtlRunsOutNotBefore() {
        dns.answerA(NAME, 1, "127.0.0.1");
        discover("name: " + NAME + ", port: 8001, refresh: 1m, minRefresh: 100ms");

        await("four lookups").atMost(Duration.ofSeconds(10)).until(() -> dns.queries(NAME, DnsRecordType.A).size() >= 4);

        assertThat(gaps(dns.queries(NAME, DnsRecordType.A), 4)).as("a TTL of 1 s between 100 ms and 1 min")
                .allSatisfy(gap -> assertThat(gap).isBetween(990L, 1000 + SLACK.toMillis()));
    }

    @Test
    void aTtlLongerThanRefreshIsCutToIt() {
        dns.answerA(NAME, 3600, "127.0.0.1");
        discover("name: " + NAME + ", port: 8001, refresh: 300ms, minRefresh: 100ms");

        await("four lookups").atMost(Duration.ofSeconds(10)).until(() -> dns.queries(NAME, DnsRecordType.A).size() >= 4);

        assertThat(gaps(dns.queries(NAME, DnsRecordType.A), 4)).as("an hour's TTL, refreshed every 300 ms")
                .allSatisfy(gap -> assertThat(gap).isBetween(290L, 300 + SLACK.toMillis()));
    }

    @Test
    void aTtlOfZeroIsRaisedToMinRefresh() {
        dns.answerA(NAME, 0, "127.0.0.1");
        discover("name: " + NAME + ", port: 8001, refresh: 1m, minRefresh: 400ms");

        await("four lookups").atMost(Duration.ofSeconds(10)).until(() -> dns.queries(NAME, DnsRecordType.A).size() >= 4);

        assertThat(gaps(dns.queries(NAME, DnsRecordType.A), 4)).as("never more often than minRefresh")
                .allSatisfy(gap -> assertThat(gap).isBetween(390L, 400 + SLACK.toMillis()));
    }

    @Test
    void srvRecordsGiveEachBackendItsHostPortAndWeight() {
        dns.answerA("a.shunt.test", 30, "127.0.0.1");
        dns.answerA("b.shunt.test", 30, "127.0.0.2");
        dns.answerSrv(SERVICE, 1, new Srv(0, 10, 8101, "a.shunt.test"), new Srv(0, 20, 8102, "b.shunt.test"),
                new Srv(1, 5, 8103, "a.shunt.test"));
        discover("name: " + SERVICE + ", type: srv, refresh: 1m, minRefresh: 100ms");

        awaitBackends(Duration.ofSeconds(5), "127.0.0.1:8101", "127.0.0.2:8102");
        assertThat(pool.backends()).extracting(b -> b.address().weight()).as("the lowest priority only").containsExactly(10, 20);
        BackendState a = backend("127.0.0.1:8101");

        dns.answerSrv(SERVICE, 1, new Srv(0, 30, 8101, "a.shunt.test"), new Srv(0, 20, 8104, "b.shunt.test"));
        awaitBackends(Duration.ofSeconds(1).plus(SLACK), "127.0.0.1:8101", "127.0.0.2:8104");
        assertThat(backend("127.0.0.1:8101")).as("kept, with its new weight").isSameAs(a)
                .satisfies(b -> assertThat(b.address().weight()).isEqualTo(30));
        assertThat(dns.queries("a.shunt.test", DnsRecordType.A)).as("the additional section had the targets' addresses")
                .isEmpty();
    }

    @Test
    void srvTargetsMissingFromTheAdditionalSectionAreAskedForAndTheirTtlCountsToo() {
        dns.targetsInAdditional(false);
        dns.answerA("a.shunt.test", 1, "127.0.0.1");
        dns.answerSrv(SERVICE, 3600, new Srv(0, 1, 8101, "a.shunt.test"));
        discover("name: " + SERVICE + ", type: srv, refresh: 1m, minRefresh: 100ms");

        awaitBackends(Duration.ofSeconds(5), "127.0.0.1:8101");
        await("three lookups").atMost(Duration.ofSeconds(10)).until(() -> dns.queries(SERVICE, DnsRecordType.SRV).size() >= 3);

        assertThat(dns.queries("a.shunt.test", DnsRecordType.A)).isNotEmpty();
        assertThat(dns.queries("a.shunt.test", DnsRecordType.AAAA)).isNotEmpty();
        assertThat(gaps(dns.queries(SERVICE, DnsRecordType.SRV), 3)).as("the target's 1 s, not the SRV record's hour")
                .allSatisfy(gap -> assertThat(gap).isBetween(990L, 1000 + SLACK.toMillis()));
    }

    @Test
    void failedLookupsKeepTheLastKnownBackendsUntilAnAnswerComesAgain() {
        dns.answerA(NAME, 1, "127.0.0.1");
        discover("name: " + NAME + ", port: 8001, refresh: 1m, minRefresh: 200ms, timeout: 300ms");
        awaitBackends(Duration.ofSeconds(5), "127.0.0.1:8001");
        BackendState kept = backend("127.0.0.1:8001");

        dns.failing(true);
        int before = dns.queries(NAME, DnsRecordType.A).size();
        await("two lookups got SERVFAIL").atMost(Duration.ofSeconds(10))
                .until(() -> dns.queries(NAME, DnsRecordType.A).size() >= before + 2);
        assertThat(pool.backends()).as("the second lookup came after the first had failed").containsExactly(kept);

        dns.silent(true);
        int unanswered = dns.queries(NAME, DnsRecordType.A).size();
        await("two lookups timed out").atMost(Duration.ofSeconds(10))
                .until(() -> dns.queries(NAME, DnsRecordType.A).size() >= unanswered + 2);
        assertThat(pool.backends()).containsExactly(kept);

        dns.silent(false);
        dns.failing(false);
        dns.answerA(NAME, 1, "127.0.0.2");
        awaitBackends(Duration.ofSeconds(5), "127.0.0.2:8001");
    }
}
