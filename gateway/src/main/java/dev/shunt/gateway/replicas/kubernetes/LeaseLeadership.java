package dev.shunt.gateway.replicas.kubernetes;

import static java.util.Objects.requireNonNull;

import dev.shunt.gateway.config.KubernetesReplicasConfig;
import dev.shunt.gateway.config.PeerAddress;
import dev.shunt.gateway.replicas.Leadership;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leadership held in a Kubernetes {@code Lease} ({@code coordination.k8s.io/v1}) through fabric8's
 * {@code LeaderElector}, whose loops run on the client's own threads. The Lease's holder is the
 * replica's address ({@code <pod IP>:<listener port>}); {@link #leader()} is the holder this replica
 * last saw. A replica that loses the Lease (it could not renew within {@code renewDeadline}) takes part
 * again at once, as a candidate; {@link #close()} gives a held Lease up (an empty holder), so another
 * replica takes over at its next try, within a {@code retryPeriod} or so instead of a whole
 * {@code leaseDuration}. The Kubernetes verbs used on the Lease: get, create and patch.
 */
public final class LeaseLeadership implements Leadership {

    private static final Logger log = LoggerFactory.getLogger(LeaseLeadership.class);

    private final KubernetesClient client;
    private final KubernetesReplicasConfig config;
    private final PeerAddress self;
    private final AtomicReference<Optional<PeerAddress>> leader = new AtomicReference<>(Optional.empty());
    private CompletableFuture<?> election;
    private boolean started;
    private boolean closed;

    /** Takes part as {@code self} in the election of {@code config}'s Lease; {@code client} stays the caller's. */
    public LeaseLeadership(KubernetesClient client, KubernetesReplicasConfig config, PeerAddress self) {
        this.client = requireNonNull(client, "client");
        this.config = requireNonNull(config, "config");
        this.self = requireNonNull(self, "self");
    }

    @Override
    public synchronized void start() {
        if (started || closed) {
            return;
        }
        started = true;
        elect();
    }

    private synchronized void elect() {
        if (closed) {
            return;
        }
        CompletableFuture<?> running = client.leaderElector().withConfig(new LeaderElectionConfigBuilder()
                .withName(config.lease())
                .withLock(new LeaseLock(config.namespace(), config.lease(), self.toString()))
                .withLeaseDuration(config.leaseDuration())
                .withRenewDeadline(config.renewDeadline())
                .withRetryPeriod(config.retryPeriod())
                .withLeaderCallbacks(new LeaderCallbacks(this::startedLeading, this::stoppedLeading, this::newLeader))
                .withReleaseOnCancel(false) // its release leaves the holder in place: see release()
                .build()).build().start();
        election = running;
        running.whenComplete((ignored, failure) -> ended(failure));
    }

    /** The elector ends when this replica could not renew the Lease it held, or on close. */
    private void ended(Throwable failure) {
        leader.updateAndGet(held -> held.filter(l -> !l.equals(self)));
        synchronized (this) {
            if (closed) {
                return;
            }
        }
        if (failure != null && !(failure instanceof CancellationException)) {
            log.warn("replicas: the election for Lease {}/{} ended ({}); standing again", config.namespace(),
                    config.lease(), failure.toString());
        } else {
            log.info("replicas: {} no longer holds Lease {}/{}; standing again", self, config.namespace(), config.lease());
        }
        elect();
    }

    private void startedLeading() {
        log.info("replicas: {} leads (Lease {}/{})", self, config.namespace(), config.lease());
    }

    private void stoppedLeading() {
        leader.updateAndGet(held -> held.filter(l -> !l.equals(self)));
    }

    private void newLeader(String identity) {
        if (identity == null || identity.isBlank()) {
            leader.set(Optional.empty());
            return;
        }
        try {
            leader.set(Optional.of(PeerAddress.parse("Lease " + config.lease() + " holder", identity)));
        } catch (IllegalArgumentException e) {
            log.warn("replicas: {} (another program holds the Lease?)", e.getMessage());
            leader.set(Optional.empty());
        }
    }

    @Override
    public PeerAddress self() {
        return self;
    }

    @Override
    public Optional<PeerAddress> leader() {
        return leader.get();
    }

    /**
     * Stops taking part; a held Lease is given up first, so this waits for one request to the API server
     * (call it off the event loop).
     */
    @Override
    public void close() {
        CompletableFuture<?> running;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            running = election;
        }
        if (running != null) {
            running.cancel(true);
            release();
        }
        leader.set(Optional.empty());
    }

    /**
     * Empties the Lease's holder if it is still this replica, so that a candidate takes it at its next try.
     * (fabric8's own release writes a null holder in a JSON merge patch, which leaves the holder as it was
     * and only moves the renewal time on: the others would wait a whole lease duration more.) The patch
     * carries the Lease's resourceVersion: a Lease renewed or taken meanwhile is left alone.
     */
    private void release() {
        try {
            Lease held = client.leases().inNamespace(config.namespace()).withName(config.lease()).get();
            if (held == null || held.getSpec() == null || !self.toString().equals(held.getSpec().getHolderIdentity())) {
                return;
            }
            client.resource(new LeaseBuilder(held).editSpec().withHolderIdentity("").endSpec().build())
                    .patch(PatchContext.of(PatchType.JSON_MERGE));
            log.info("replicas: {} gave Lease {}/{} up", self, config.namespace(), config.lease());
        } catch (KubernetesClientException e) {
            log.warn("replicas: {} could not give Lease {}/{} up ({}); it lapses after {}", self, config.namespace(),
                    config.lease(), e.getMessage(), config.leaseDuration());
        }
    }
}
