package dev.shunt.gateway.replicas;

import static java.util.Objects.requireNonNull;

import dev.shunt.gateway.config.PeerAddress;
import dev.shunt.gateway.cutover.CutoverRecord;
import dev.shunt.gateway.cutover.Cutovers;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a gateway's replicas act as one. Every second the leader, once it holds the newest state it
 * can know of, collects the other replicas' windows, ticks every cutover over all their counts, and
 * publishes a new {@link ReplicatedState} version when a cutover changed; operators' cutover calls
 * run on the leader too ({@link #act}). Every replica applies each superseding document the
 * {@link StateChannel} brings to its cutovers, so they all split traffic at the same step. Followers
 * never tick: a follower that loses the leader keeps the state it applied last.
 *
 * <p>A replica alone is its own leader and publishes only to itself. {@code parts} closes the
 * leadership, the channel and the directory (and whatever they share) when the coordinator closes.
 */
public final class ReplicaCoordinator implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ReplicaCoordinator.class);

    /** How often the leader judges cutovers. */
    public static final Duration TICK = Duration.ofSeconds(1);

    private final Vertx vertx;
    private final Clock clock;
    private final Leadership leadership;
    private final PeerDirectory directory;
    private final StateChannel channel;
    private final WindowExchange windows;
    private final Cutovers cutovers;
    private final AutoCloseable parts;
    private final AtomicReference<ReplicatedState> held = new AtomicReference<>(ReplicatedState.EMPTY);
    private volatile java.time.Instant appliedAt = java.time.Instant.EPOCH;
    private final Object lock = new Object();
    private volatile boolean leading;
    private long timer = -1;

    public ReplicaCoordinator(Vertx vertx, Clock clock, Leadership leadership, PeerDirectory directory,
            StateChannel channel, WindowExchange windows, Cutovers cutovers, AutoCloseable parts) {
        this.vertx = requireNonNull(vertx, "vertx");
        this.clock = requireNonNull(clock, "clock");
        this.leadership = requireNonNull(leadership, "leadership");
        this.directory = requireNonNull(directory, "directory");
        this.channel = requireNonNull(channel, "channel");
        this.windows = requireNonNull(windows, "windows");
        this.cutovers = requireNonNull(cutovers, "cutovers");
        this.parts = requireNonNull(parts, "parts");
    }

    public void start() {
        leadership.start();
        if (directory != leadership) {
            directory.start();
        }
        channel.start(this::offer);
        timer = vertx.setPeriodic(TICK.toMillis(), id -> tick());
    }

    /** The document this replica holds and serves. */
    public ReplicatedState held() {
        return held.get();
    }

    /** When this replica applied the document it holds (when it published it, on the leader). */
    public java.time.Instant appliedAt() {
        return appliedAt;
    }

    /** This replica's address. */
    public PeerAddress self() {
        return leadership.self();
    }

    /** The leader as this replica believes now. */
    public Optional<PeerAddress> leader() {
        return leadership.leader();
    }

    /** Whether this replica may act as the leader now: it leads and holds the newest state it can know of. */
    public boolean acting() {
        return leadership.leads() && channel.caughtUp();
    }

    /** Whether there are other replicas at all. */
    public boolean replicated() {
        return directory.peers().size() > 1;
    }

    /** The other replicas' windows, for merged reports. */
    public WindowExchange windows() {
        return windows;
    }

    /** The leadership in use (the static peers' carries liveness and held versions). */
    public Leadership leadership() {
        return leadership;
    }

    /**
     * Runs an operator's cutover call here, the acting leader, and publishes what it changed.
     *
     * @throws IllegalStateException when this replica is not the acting leader
     */
    public <T> T act(Supplier<T> call) {
        if (!acting()) {
            throw new NotLeading(leader());
        }
        T result = call.get();
        publishIfChanged();
        return result;
    }

    /** Thrown by {@link #act} on a replica that is not the acting leader. */
    public static final class NotLeading extends IllegalStateException {
        private final transient Optional<PeerAddress> leader;

        NotLeading(Optional<PeerAddress> leader) {
            super(leader.map(l -> "this replica does not lead; " + l + " does")
                    .orElse("no replica leads now (too few replicas live, or the lease is vacant)"));
            this.leader = leader;
        }

        public Optional<PeerAddress> leader() {
            return leader;
        }
    }

    /** Applies a document when it supersedes the one held. Any thread. */
    void offer(ReplicatedState doc) {
        synchronized (lock) {
            ReplicatedState current = held.get();
            if (!doc.supersedes(current)) {
                return;
            }
            cutovers.apply(doc.cutovers());
            held.set(doc);
            appliedAt = clock.instant();
            log.info("replicas: applied state version {} from {} ({} cutover(s)), {} ms after it was published",
                    doc.version(), doc.leader(), doc.cutovers().size(),
                    Duration.between(doc.publishedAt(), appliedAt).toMillis());
        }
    }

    private void tick() {
        boolean leads = leadership.leads();
        if (leads != leading) {
            leading = leads;
            log.info("replicas: {} {}", self(), leads ? "leads" : "no longer leads; follows " + leader().map(String::valueOf).orElse("nobody yet"));
            if (!leads) {
                windows.clear();
            }
        }
        if (!leads || !channel.caughtUp()) {
            return;
        }
        windows.refresh(self());
        cutovers.tickAll(windows::cutover);
        publishIfChanged();
    }

    /**
     * Publishes the next version when a cutover changed in any way but its reason alone (a waiting
     * reason counts samples every second; it travels with the next real change).
     */
    private void publishIfChanged() {
        ReplicatedState next;
        synchronized (lock) {
            ReplicatedState current = held.get();
            List<CutoverRecord> records = cutovers.records();
            if (sameButReasons(records, current.cutovers())) {
                return;
            }
            next = current.next(self().toString(), clock.instant(), records);
            held.set(next);
            appliedAt = next.publishedAt();
        }
        log.info("replicas: {} publishes state version {}", self(), next.version());
        channel.publish(next).whenComplete((ok, failure) -> {
            if (failure != null) {
                log.warn("replicas: publishing state version {} failed: {}", next.version(), failure.toString());
            }
        });
    }

    private static boolean sameButReasons(List<CutoverRecord> a, List<CutoverRecord> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            CutoverRecord x = a.get(i);
            CutoverRecord y = b.get(i);
            if (!x.plan().equals(y.plan()) || !x.generation().equals(y.generation()) || x.state() != y.state()
                    || x.stepIndex() != y.stepIndex() || !java.util.Objects.equals(x.stepStartedAt(), y.stepStartedAt())
                    || !x.history().equals(y.history())) {
                return false;
            }
        }
        return true;
    }

    /**
     * Stops ticking, then closes the leadership, channel and directory through {@code parts} (a
     * Kubernetes lease is given up: up to two API calls, so call it off the event loop).
     */
    @Override
    public void close() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
        try {
            parts.close();
        } catch (Exception e) {
            log.warn("replicas: closing: {}", e.toString());
        }
    }
}
