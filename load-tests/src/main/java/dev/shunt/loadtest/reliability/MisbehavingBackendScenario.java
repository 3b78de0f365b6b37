package dev.shunt.loadtest.reliability;

import static java.util.Objects.requireNonNull;

import dev.shunt.loadtest.ServerProcess;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One backend that misbehaves ({@link Fault}) as the only backend of its pool, under a steady load with
 * a 500 ms deadline: every request must be answered within the deadline plus a bound, every error must
 * be a JSON error, and the connections and fds the gateway held must come back down afterwards.
 */
final class MisbehavingBackendScenario implements Scenario {

    static final int RATE = 20;
    static final Duration LOAD = Duration.ofSeconds(4);
    static final Duration DEADLINE = Duration.ofMillis(500);
    /** How far past its deadline an answer may come: the gateway's work and the scheduling delay of a loaded 2-core machine. */
    static final Duration BOUND = Duration.ofMillis(1000);
    /** Keep-alive connections per backend (one event loop), and so the most the gateway may hold after. */
    static final int CONNECTIONS = 8;
    static final double HEAP_GROWTH_MIB = 32;

    private final String name;
    private final Fault fault;
    private final Set<Integer> statuses;

    MisbehavingBackendScenario(String name, Fault fault, Set<Integer> statuses) {
        this.name = requireNonNull(name, "name");
        this.fault = requireNonNull(fault, "fault");
        this.statuses = Set.copyOf(statuses);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String passMeans() {
        return "every request answered within its " + DEADLINE.toMillis() + " ms deadline + " + BOUND.toMillis()
                + " ms with a status in " + new java.util.TreeSet<>(statuses) + " (errors as JSON `{\"error\"}`), and "
                + "afterwards at most " + CONNECTIONS + " connections open to the backend, fds within "
                + (CONNECTIONS + 8) + " and heap after GC within " + (int) HEAP_GROWTH_MIB + " MiB of before";
    }

    @Override
    public ScenarioResult run(Lab lab) throws Exception {
        FaultServer backend = lab.fault(fault);
        int port = ServerProcess.freePort();
        Gateway gateway = lab.gateway(name, port, """
                listener: {host: 127.0.0.1, port: %d, eventLoops: 1, accessLog: false}
                pools:
                  cpu:
                    backends: ["127.0.0.1:%d"]
                    maxConnectionsPerBackend: %d
                    healthCheck: {interval: 1s, timeout: 500ms}
                    # the breaker stays closed, so that every request meets the fault
                    breaker: {slidingWindow: 1000, minimumCalls: 1000}
                routes:
                  - name: default
                    policy: {type: rules, rules: [{name: all, pool: cpu}]}
                admin: {tokenEnv: SHUNT_ADMIN_TOKEN}
                """.formatted(port, backend.port(), CONNECTIONS));
        Resources before = Resources.of(gateway);
        RunningLoad load = RunningLoad.start(lab.vertx(), Targets.of(port),
                List.of(Kinds.mlp("standard", 1, 1, DEADLINE)), RATE, Duration.ofSeconds(30));
        Waits.sleep(LOAD);
        Outcomes seen = load.stop().all();
        // what the gateway gave up on it must close; idle keep-alive connections may stay
        Waits.until(Duration.ofSeconds(5), () -> backend.openConnections() <= CONNECTIONS);
        Resources after = Resources.of(gateway);
        int toBackend = gateway.resources().established(backend.port());
        Checks checks = new Checks()
                .require(seen.noAnswer() == 0, seen.noAnswer() + " requests got no answer from the gateway")
                .require(seen.maxMs() <= DEADLINE.plus(BOUND).toMillis(), String.format(Locale.ROOT,
                        "slowest answer %.0f ms > %d ms", seen.maxMs(), DEADLINE.plus(BOUND).toMillis()))
                .require(seen.unclearErrors() == 0, seen.unclearErrors() + " error answers without a JSON error body")
                .require(statuses.containsAll(seen.byStatus().keySet()), "statuses " + seen.byStatus()
                        + " (expected only " + new java.util.TreeSet<>(statuses) + ")")
                .require(backend.openConnections() <= CONNECTIONS, backend.openConnections()
                        + " connections still open at the backend (expected: <= " + CONNECTIONS + ")")
                .require(toBackend <= CONNECTIONS, toBackend + " gateway connections to the backend still ESTABLISHED")
                .require(after.fds() <= before.fds() + CONNECTIONS + 8, "gateway fds " + before.fds() + " -> "
                        + after.fds())
                .require(after.heapMiB() <= before.heapMiB() + HEAP_GROWTH_MIB, String.format(Locale.ROOT,
                        "heap after GC %.0f -> %.0f MiB", before.heapMiB(), after.heapMiB()));
        String notes = String.format(Locale.ROOT, "statuses %s; slowest %.0f ms; backend accepted %d connections, "
                + "%d open after; gateway ESTABLISHED to it after: %d", seen.summary(), seen.maxMs(),
                backend.acceptedConnections(), backend.openConnections(), toBackend);
        return ScenarioResult.of(this, RATE + "/s for " + LOAD.toSeconds() + " s", seen,
                Resources.change(before, after), checks, notes);
    }
}
