package dev.shunt.gateway.replicas;

import static java.util.Objects.requireNonNull;

import dev.shunt.gateway.admin.AdminAuth;
import dev.shunt.gateway.config.PeerAddress;
import dev.shunt.gateway.config.ReplicasConfig;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls every other peer's {@code GET /admin/replica} each heartbeat, with the admin token, and
 * records when each answered 200. At most one request per peer is out at a time (a peer whose last
 * poll has not finished is skipped this heartbeat), each bounded by the heartbeat; nothing blocks.
 * Who leads is then {@link LeaderRule}'s answer over those times.
 */
public final class PeerPoller implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PeerPoller.class);

    static final String PATH = "/admin/replica";

    private final Vertx vertx;
    private final ReplicasConfig config;
    private final Clock clock;
    private final Supplier<AdminAuth> auth;
    private final LeaderRule rule;
    private final Map<PeerAddress, Instant> lastSeen = new ConcurrentHashMap<>();
    private final Set<PeerAddress> inFlight = ConcurrentHashMap.newKeySet();
    private final Set<PeerAddress> warned = ConcurrentHashMap.newKeySet();
    private volatile WebClient client;
    private volatile long timer = -1;
    private volatile boolean closed;

    public PeerPoller(Vertx vertx, ReplicasConfig config, Clock clock, Supplier<AdminAuth> auth) {
        this.vertx = requireNonNull(vertx, "vertx");
        this.config = requireNonNull(config, "config");
        this.clock = requireNonNull(clock, "clock");
        this.auth = requireNonNull(auth, "auth");
        this.rule = new LeaderRule(config.timeout());
    }

    /** Starts polling; a replica alone polls nothing. */
    public void start() {
        if (config.peers().size() == 1) {
            return;
        }
        if (!auth.get().enabled()) {
            log.warn("replicas: the admin API is off here, so no peer can be polled (configure admin.tokenEnv or "
                    + "admin.tokenFile with the same token on every replica); {} leads only itself", config.self());
        }
        int timeoutMs = (int) Math.max(1, config.heartbeat().toMillis());
        client = WebClient.create(vertx, new WebClientOptions().setConnectTimeout(timeoutMs)
                .setKeepAlive(true).setUserAgentEnabled(false));
        timer = vertx.setPeriodic(1, config.heartbeat().toMillis(), id -> pollAll(timeoutMs));
    }

    /** What this replica believes now. */
    public ReplicaView view() {
        return rule.view(config.self(), config.peers(), Map.copyOf(lastSeen), clock.instant());
    }

    private void pollAll(long timeoutMs) {
        Optional<String> token = auth.get().token();
        if (closed || token.isEmpty()) {
            return;
        }
        for (PeerAddress peer : config.peers()) {
            if (!peer.equals(config.self()) && inFlight.add(peer)) {
                poll(peer, token.get(), timeoutMs);
            }
        }
    }

    private void poll(PeerAddress peer, String token, long timeoutMs) {
        HttpRequest<?> request;
        try {
            request = client.get(peer.port(), peer.host(), PATH).timeout(timeoutMs).bearerTokenAuthentication(token);
        } catch (IllegalStateException e) { // closed between the check and here: the poll is simply not made
            inFlight.remove(peer);
            return;
        }
        request.send().onComplete(ar -> {
            inFlight.remove(peer);
            if (ar.succeeded() && ar.result().statusCode() == 200) {
                lastSeen.put(peer, clock.instant());
                warned.remove(peer);
            } else if (warned.add(peer)) {
                log.info("replicas: peer {} did not answer {} ({})", peer, PATH,
                        ar.succeeded() ? "status " + ar.result().statusCode() : ar.cause().toString());
            }
        });
    }

    @Override
    public void close() {
        closed = true;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
        if (client != null) {
            client.close();
        }
    }
}
