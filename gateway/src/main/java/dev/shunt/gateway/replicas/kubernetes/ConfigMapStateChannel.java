package dev.shunt.gateway.replicas.kubernetes;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import dev.shunt.gateway.config.KubernetesReplicasConfig;
import dev.shunt.gateway.replicas.ReplicatedState;
import dev.shunt.gateway.replicas.ReplicatedStateJson;
import dev.shunt.gateway.replicas.StateChannel;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The replicated state in a ConfigMap: its data key {@value #STATE_KEY} holds the document as
 * {@link ReplicatedStateJson} text, {@value #VERSION_KEY} its version. A publication reads the ConfigMap
 * (creating it when absent), refuses to replace a document that supersedes the new one, and replaces it
 * only if nobody changed it in between (optimistic locking on {@code resourceVersion}, tried again at
 * most {@value #MAX_ATTEMPTS} times on a conflict). Every replica reads it each {@code statePoll} and hands
 * on what supersedes the last document it handed on; a malformed document is logged once and skipped.
 * The API calls run on one thread of this channel's own, never on the caller's.
 */
public final class ConfigMapStateChannel implements StateChannel {

    /** The data key of the document. */
    public static final String STATE_KEY = "state.json";
    /** The data key of its version, for people reading the ConfigMap. */
    public static final String VERSION_KEY = "version";
    /** How often a publication is tried when the ConfigMap changed under it. */
    static final int MAX_ATTEMPTS = 5;
    /** How many publications may wait for the channel's thread. */
    static final int MAX_PENDING = 16;

    private static final Logger log = LoggerFactory.getLogger(ConfigMapStateChannel.class);

    private final KubernetesClient client;
    private final KubernetesReplicasConfig config;
    private final ReplicatedStateJson json = new ReplicatedStateJson();
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "shunt-replicas-configmap");
        t.setDaemon(true);
        return t;
    });
    private final AtomicInteger pending = new AtomicInteger();
    private final Set<Publication> waiting = ConcurrentHashMap.newKeySet();
    private volatile ReplicatedState delivered = ReplicatedState.EMPTY;
    private volatile String skipped = "";
    private volatile boolean failing;

    /** A channel over {@code config}'s ConfigMap; {@code client} stays the caller's. */
    public ConfigMapStateChannel(KubernetesClient client, KubernetesReplicasConfig config) {
        this.client = requireNonNull(client, "client");
        this.config = requireNonNull(config, "config");
    }

    @Override
    public void start(Consumer<ReplicatedState> onNewer) {
        requireNonNull(onNewer, "onNewer");
        executor.scheduleWithFixedDelay(() -> poll(onNewer), 0, config.statePoll().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void poll(Consumer<ReplicatedState> onNewer) {
        ConfigMap map;
        try {
            map = resource().get();
        } catch (KubernetesClientException e) {
            if (!failing) {
                failing = true;
                log.warn("replicas: ConfigMap {} cannot be read ({}); trying again every {}", where(), e.getMessage(),
                        config.statePoll());
            }
            return;
        }
        failing = false;
        Optional<ReplicatedState> stored = stored(map);
        if (stored.isPresent() && stored.get().supersedes(delivered)) {
            delivered = stored.get();
            try {
                onNewer.accept(stored.get());
            } catch (RuntimeException e) {
                log.warn("replicas: applying version {} failed", stored.get().version(), e);
            }
        }
    }

    @Override
    public CompletionStage<Void> publish(ReplicatedState state) {
        requireNonNull(state, "state");
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (pending.incrementAndGet() > MAX_PENDING) {
            pending.decrementAndGet();
            return CompletableFuture.failedFuture(new IllegalStateException("replicas: version " + state.version()
                    + " not published: " + MAX_PENDING + " publications already wait for ConfigMap " + where()));
        }
        Publication publication = new Publication(state, done);
        waiting.add(publication);
        try {
            executor.execute(publication);
        } catch (RejectedExecutionException e) {
            publication.closed();
        }
        return done;
    }

    /** One publication waiting for the channel's thread; failed if the channel closes first. */
    private final class Publication implements Runnable {

        private final ReplicatedState state;
        private final CompletableFuture<Void> done;

        Publication(ReplicatedState state, CompletableFuture<Void> done) {
            this.state = state;
            this.done = done;
        }

        @Override
        public void run() {
            if (!waiting.remove(this)) {
                return;
            }
            pending.decrementAndGet();
            try {
                write(state);
                done.complete(null);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        }

        void closed() {
            if (!waiting.remove(this)) {
                return;
            }
            pending.decrementAndGet();
            done.completeExceptionally(new IllegalStateException("replicas: version " + state.version()
                    + " not published: the channel is closed"));
        }
    }

    private void write(ReplicatedState state) {
        Map<String, String> data = Map.of(STATE_KEY, new String(json.write(state), UTF_8),
                VERSION_KEY, Long.toString(state.version()));
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            ConfigMap current = resource().get();
            try {
                if (current == null) {
                    client.configMaps().inNamespace(config.namespace()).resource(new ConfigMapBuilder()
                            .withNewMetadata().withName(config.configMap()).withNamespace(config.namespace()).endMetadata()
                            .withData(data).build()).create();
                    return;
                }
                Optional<ReplicatedState> stored = stored(current);
                if (stored.isPresent() && stored.get().supersedes(state)) {
                    throw new IllegalStateException("replicas: version " + state.version() + " from " + state.leader()
                            + " not published: ConfigMap " + where() + " holds version " + stored.get().version()
                            + " from " + stored.get().leader() + ", which supersedes it");
                }
                client.configMaps().inNamespace(config.namespace())
                        .resource(new ConfigMapBuilder(current).withData(data).build()).update();
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409) {
                    throw e;
                }
                log.debug("replicas: ConfigMap {} changed while version {} was written (attempt {})", where(),
                        state.version(), attempt);
            }
        }
        throw new IllegalStateException("replicas: version " + state.version() + " not published: ConfigMap " + where()
                + " changed under each of " + MAX_ATTEMPTS + " attempts");
    }

    /** The document a ConfigMap holds; empty when there is none, or a malformed one (logged once). */
    private Optional<ReplicatedState> stored(ConfigMap map) {
        if (map == null || map.getData() == null || !map.getData().containsKey(STATE_KEY)) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.read(map.getData().get(STATE_KEY).getBytes(UTF_8)));
        } catch (IllegalArgumentException e) {
            String version = String.valueOf(map.getMetadata().getResourceVersion());
            if (!version.equals(skipped)) {
                skipped = version;
                log.warn("replicas: ConfigMap {} (resourceVersion {}) skipped: {}", where(), version, e.getMessage());
            }
            return Optional.empty();
        }
    }

    private Resource<ConfigMap> resource() {
        return client.configMaps().inNamespace(config.namespace()).withName(config.configMap());
    }

    private String where() {
        return config.namespace() + "/" + config.configMap();
    }

    /** Stops polling; publications still waiting fail. */
    @Override
    public void close() {
        executor.shutdownNow();
        for (Publication never : List.copyOf(waiting)) {
            never.closed();
        }
    }
}
