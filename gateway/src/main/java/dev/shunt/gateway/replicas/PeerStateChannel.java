package dev.shunt.gateway.replicas;

import static java.util.Objects.requireNonNull;

import dev.shunt.gateway.config.PeerAddress;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The static peers' {@link StateChannel}: every replica serves the document it holds at
 * {@code GET /admin/replica/state}, and says which version in its heartbeat answer. Each heartbeat,
 * a replica that sees a live peer holding a superseding version fetches that peer's document (one
 * fetch at a time, the best peer first), so a document spreads from the leader, or from any replica
 * that has it, within a heartbeat or two. Publishing is holding: the leader's document is served once
 * it holds it.
 */
public final class PeerStateChannel implements StateChannel {

    private static final Logger log = LoggerFactory.getLogger(PeerStateChannel.class);

    static final String PATH = "/admin/replica/state";

    private final Vertx vertx;
    private final PeerPoller poller;
    private final PeerClient client;
    private final Supplier<ReplicatedState> held;
    private final Duration period;
    private final ReplicatedStateJson json = new ReplicatedStateJson();
    private final AtomicBoolean fetching = new AtomicBoolean();
    private volatile Consumer<ReplicatedState> onNewer;
    private volatile long timer = -1;

    public PeerStateChannel(Vertx vertx, PeerPoller poller, PeerClient client, Supplier<ReplicatedState> held,
            Duration period) {
        this.vertx = requireNonNull(vertx, "vertx");
        this.poller = requireNonNull(poller, "poller");
        this.client = requireNonNull(client, "client");
        this.held = requireNonNull(held, "held");
        this.period = requireNonNull(period, "period");
    }

    @Override
    public void start(Consumer<ReplicatedState> onNewer) {
        this.onNewer = requireNonNull(onNewer, "onNewer");
        if (poller.peers().size() > 1) {
            timer = vertx.setPeriodic(1, Math.max(1, period.toMillis()), id -> fetchIfBehind());
        }
    }

    @Override
    public CompletionStage<Void> publish(ReplicatedState state) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public boolean caughtUp() {
        return best().isEmpty();
    }

    /** The live peer holding the best document that supersedes ours, if any. */
    private Optional<PeerAddress> best() {
        HeldVersion ours = HeldVersion.of(held.get());
        PeerAddress best = null;
        HeldVersion bestVersion = ours;
        for (Map.Entry<PeerAddress, HeldVersion> e : poller.heldByLivePeers().entrySet()) {
            if (e.getValue().supersedes(bestVersion)) {
                best = e.getKey();
                bestVersion = e.getValue();
            }
        }
        return Optional.ofNullable(best);
    }

    private void fetchIfBehind() {
        Optional<PeerAddress> peer = best();
        if (peer.isEmpty() || !fetching.compareAndSet(false, true)) {
            return;
        }
        client.get(peer.get(), PATH).onComplete(ar -> {
            fetching.set(false);
            if (ar.failed() || ar.result().statusCode() != 200) {
                log.info("replicas: could not fetch the state from {} ({})", peer.get(),
                        ar.failed() ? ar.cause().toString() : "status " + ar.result().statusCode());
                return;
            }
            try {
                onNewer.accept(json.read(ar.result().body().getBytes()));
            } catch (IllegalArgumentException e) {
                log.warn("replicas: {} served a state this replica cannot read: {}", peer.get(), e.getMessage());
            }
        });
    }

    @Override
    public void close() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
    }
}
