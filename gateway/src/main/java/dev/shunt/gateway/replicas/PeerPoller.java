package dev.shunt.gateway.replicas;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shunt.gateway.config.PeerAddress;
import dev.shunt.gateway.config.ReplicasConfig;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The static peer list's {@link Leadership} and {@link PeerDirectory}: polls every other peer's
 * {@code GET /admin/replica} each heartbeat, with the admin token, and records when each answered 200
 * and which state version it holds. At most one request per peer is out at a time (a peer whose last
 * poll has not finished is skipped this heartbeat), each bounded by the heartbeat; nothing blocks.
 * Who leads is then {@link LeaderRule}'s answer over those times.
 */
public final class PeerPoller implements Leadership, PeerDirectory {

    private static final Logger log = LoggerFactory.getLogger(PeerPoller.class);

    static final String PATH = "/admin/replica";

    private final Vertx vertx;
    private final ReplicasConfig config;
    private final Clock clock;
    private final PeerClient client;
    private final LeaderRule rule;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<PeerAddress, Instant> lastSeen = new ConcurrentHashMap<>();
    private final Map<PeerAddress, HeldVersion> held = new ConcurrentHashMap<>();
    private final Set<PeerAddress> inFlight = ConcurrentHashMap.newKeySet();
    private final Set<PeerAddress> warned = ConcurrentHashMap.newKeySet();
    private volatile long timer = -1;
    private volatile boolean closed;

    public PeerPoller(Vertx vertx, ReplicasConfig config, Clock clock, PeerClient client) {
        this.vertx = requireNonNull(vertx, "vertx");
        this.config = requireNonNull(config, "config");
        this.clock = requireNonNull(clock, "clock");
        this.client = requireNonNull(client, "client");
        this.rule = new LeaderRule(config.timeout());
    }

    /** Starts polling; a replica alone polls nothing. */
    @Override
    public void start() {
        if (config.peers().size() == 1) {
            return;
        }
        if (!client.usable()) {
            log.warn("replicas: the admin API is off here, so no peer can be polled (configure admin.tokenEnv or "
                    + "admin.tokenFile with the same token on every replica); {} cannot lead or follow", config.self());
        }
        timer = vertx.setPeriodic(1, config.heartbeat().toMillis(), id -> pollAll());
    }

    /** What this replica believes now. */
    public ReplicaView view() {
        return rule.view(config.self(), config.peers(), Map.copyOf(lastSeen), clock.instant());
    }

    @Override
    public PeerAddress self() {
        return config.self();
    }

    @Override
    public Optional<PeerAddress> leader() {
        return view().leader();
    }

    @Override
    public List<PeerAddress> peers() {
        return config.peers().stream().sorted().toList();
    }

    /** The state version each live peer said it holds in its last heartbeat answer. */
    public Map<PeerAddress, HeldVersion> heldByLivePeers() {
        Map<PeerAddress, HeldVersion> out = new HashMap<>();
        for (PeerView peer : view().peers()) {
            HeldVersion v = held.get(peer.address());
            if (peer.live() && v != null) {
                out.put(peer.address(), v);
            }
        }
        return out;
    }

    /** The state version a peer said it holds in its last heartbeat answer, live or not. */
    public Optional<HeldVersion> heldBy(PeerAddress peer) {
        return Optional.ofNullable(held.get(peer));
    }

    private void pollAll() {
        if (closed || !client.usable()) {
            return;
        }
        for (PeerAddress peer : config.peers()) {
            if (!peer.equals(config.self()) && inFlight.add(peer)) {
                poll(peer);
            }
        }
    }

    private void poll(PeerAddress peer) {
        client.get(peer, PATH).onComplete(ar -> {
            inFlight.remove(peer);
            if (ar.succeeded() && ar.result().statusCode() == 200) {
                lastSeen.put(peer, clock.instant());
                held.put(peer, heldVersion(ar.result().bodyAsString()));
                warned.remove(peer);
            } else if (!closed && warned.add(peer)) {
                log.info("replicas: peer {} did not answer {} ({})", peer, PATH,
                        ar.succeeded() ? "status " + ar.result().statusCode() : ar.cause().toString());
            }
        });
    }

    private HeldVersion heldVersion(String body) {
        try {
            JsonNode node = json.readTree(body == null ? "{}" : body);
            JsonNode state = node.path("state");
            return new HeldVersion(Math.max(0, state.path("version").asLong(0)), state.path("leader").asText(""));
        } catch (IOException e) {
            return HeldVersion.NONE;
        }
    }

    @Override
    public void close() {
        closed = true;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
    }
}
