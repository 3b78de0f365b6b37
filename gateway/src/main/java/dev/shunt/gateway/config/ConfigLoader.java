package dev.shunt.gateway.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.shunt.connection.ConnectionLimits;
import dev.shunt.gateway.cutover.CutoverPlan;
import dev.shunt.vocabulary.LatencyClass;
import dev.shunt.routing.RoutingPolicy;
import dev.shunt.routing.SheddingConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Parses {@code shunt.yaml} once, in one place, into immutable validated records. Every error
 * names the exact path of the bad field, e.g. {@code routes[1].policy.maxRows: -3 (expected: > 0)};
 * unknown fields are errors too.
 */
public final class ConfigLoader {

    /** A key given twice is refused, not silently the last one: a typo'd copy would otherwise win unseen. */
    private final ObjectMapper yaml = new ObjectMapper(YAMLFactory.builder()
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());
    private final Clock clock;

    public ConfigLoader(Clock clock) {
        this.clock = java.util.Objects.requireNonNull(clock, "clock");
    }

    /** Reads and validates a file. */
    public GatewayConfig load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot be read (" + e.getMessage() + ")");
        }
        return parse(text);
    }

    /** Parses and validates YAML text. */
    public GatewayConfig parse(String text) {
        JsonNode tree;
        try {
            tree = yaml.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ConfigException("not valid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
        }
        if (tree == null || !tree.isObject()) {
            throw new ConfigException("expected a mapping with listener, pools, routes, resilience, admin");
        }
        ConfigNode root = new ConfigNode("", tree).allowOnly("listener", "pools", "routes", "resilience", "admin", "tracing",
                "replicas", "debug");
        ConfigNode l = root.child("listener").allowOnly("host", "port", "maxBodyBytes", "eventLoops", "drainGrace",
                "maxHeaderBytes", "accessLog", "headerTimeout", "bodyTimeout", "idleTimeout", "maxConnections");
        ListenerConfig listener = root.build(n -> new ListenerConfig(l.string("host", "127.0.0.1"), l.integer("port", 8000),
                l.longValue("maxBodyBytes", 64L * 1024 * 1024),
                l.integer("eventLoops", Runtime.getRuntime().availableProcessors()),
                l.duration("drainGrace", ListenerConfig.DEFAULT_DRAIN_GRACE),
                l.integer("maxHeaderBytes", ListenerConfig.DEFAULT_MAX_HEADER_BYTES), l.bool("accessLog", true),
                l.duration("headerTimeout", ConnectionLimits.DEFAULT_HEADER_TIMEOUT),
                l.duration("bodyTimeout", ConnectionLimits.DEFAULT_BODY_TIMEOUT),
                l.duration("idleTimeout", ListenerConfig.DEFAULT_IDLE_TIMEOUT),
                l.integer("maxConnections", ConnectionLimits.DEFAULT_MAX_CONNECTIONS)));
        Map<String, PoolConfig> pools = new LinkedHashMap<>();
        ResilienceConfig resilience = readResilience(root.child("resilience"));
        root.entries("pools").forEach((name, node) -> pools.put(name,
                PoolConfigReader.read(name, node, resilience.retryBudgetPercent())));
        if (pools.isEmpty()) {
            throw new ConfigException("pools: missing (expected: at least one pool)");
        }
        List<RouteConfig> routes = new ArrayList<>();
        Map<String, String> pathByName = new HashMap<>();
        for (ConfigNode route : root.list("routes")) {
            RouteConfig read = readRoute(route, pools);
            // the name keys the route's metrics, shadow report and cutover: it must say which route
            String first = pathByName.putIfAbsent(read.name(), route.path());
            if (first != null) {
                throw route.error("name", "\"" + read.name() + "\" (expected: a name no other route has; " + first
                        + " has it)");
            }
            routes.add(read);
        }
        if (routes.isEmpty()) {
            throw new ConfigException("routes: missing (expected: at least one route)");
        }
        AdminConfig admin = readAdmin(root.child("admin"));
        int adminPort = admin.listener().map(AdminListenerConfig::port).orElse(listener.port());
        Optional<TracingConfig> tracing = readTracing(root);
        Optional<ReplicasConfig> replicas = readReplicas(root);
        Optional<KubernetesReplicasConfig> kubernetes = readKubernetesReplicas(root, adminPort);
        DebugConfig debug = readDebug(root.child("debug"));
        return root.build(n -> new GatewayConfig(listener, pools, routes, resilience, admin, tracing, replicas,
                kubernetes, debug, text));
    }

    private RouteConfig readRoute(ConfigNode route, Map<String, PoolConfig> pools) {
        route.allowOnly("name", "models", "defaultClass", "policy", "shedding", "rejectUnmeetable", "mirror", "cutover",
                "priority");
        String name = route.requiredString("name");
        List<String> models = new ArrayList<>();
        for (ConfigNode m : route.list("models")) {
            models.add(m.text());
        }
        if (models.isEmpty()) {
            models.add("*");
        }
        LatencyClass defaultClass = LatencyClass.parse(route.string("defaultClass", "standard")).orElseThrow(
                () -> route.error("defaultClass", "\"" + route.string("defaultClass", "") + "\" (expected one of: realtime, standard, batch)"));
        ConfigNode policyNode = route.child("policy");
        PolicyReader.Read read = PolicyReader.read(policyNode, pools, clock);
        for (String pool : read.pools()) {
            if (!pools.containsKey(pool)) {
                throw policyNode.error("pool \"" + pool + "\" is not configured (pools: "
                        + String.join(", ", new TreeSet<>(pools.keySet())) + ")");
            }
        }
        SheddingConfig shedding = SheddingConfig.ofDefaults();
        if (route.has("shedding")) {
            ConfigNode s = route.child("shedding").allowOnly("realtime", "standard", "batch");
            SheddingConfig defaults = shedding;
            shedding = route.build(n -> {
                Map<LatencyClass, Double> thresholds = new EnumMap<>(LatencyClass.class);
                for (LatencyClass c : LatencyClass.values()) {
                    thresholds.put(c, s.number(c.wireName(), defaults.thresholds().get(c)));
                }
                return new SheddingConfig(thresholds);
            });
        }
        // a cutover's split is part of choosing the pool; shedding then judges the pool really chosen
        RoutingPolicy admitted = RoutingPolicy.sheddingByClass(RoutingPolicy.shifting(read.policy()), shedding);
        if (route.bool("rejectUnmeetable", false)) {
            // judged on the pool really chosen (shift and shedding included), before it is sent
            Map<String, Integer> concurrency = new java.util.HashMap<>();
            pools.forEach((pool, config) -> concurrency.put(pool, config.latency().concurrency()));
            admitted = RoutingPolicy.rejectingUnmeetable(admitted, concurrency, clock);
        }
        RoutingPolicy policy = RoutingPolicy.deadlineAware(admitted, clock);
        Optional<MirrorConfig> mirror = route.has("mirror")
                ? Optional.of(ShadowingReader.mirror(route.child("mirror"), pools)) : Optional.empty();
        Optional<CutoverPlan> cutover = route.has("cutover")
                ? Optional.of(ShadowingReader.cutover(name, route.child("cutover"), pools)) : Optional.empty();
        Map<LatencyClass, Long> priorities = new EnumMap<>(LatencyClass.class);
        if (route.has("priority")) {
            ConfigNode p = route.child("priority").allowOnly("realtime", "standard", "batch");
            for (LatencyClass c : LatencyClass.values()) {
                if (p.has(c.wireName())) {
                    priorities.put(c, p.longValue(c.wireName(), 0));
                }
            }
        }
        return route.build(n -> new RouteConfig(name, models, defaultClass, policy, read.pools(), read.headers(),
                mirror, cutover, priorities));
    }

    private static ResilienceConfig readResilience(ConfigNode node) {
        node.allowOnly("maxRetries", "retryBudgetPercent", "classDeadlines", "forwardTimeoutParameter");
        ResilienceConfig defaults = ResilienceConfig.ofDefaults();
        ConfigNode d = node.child("classDeadlines").allowOnly("realtime", "standard", "batch");
        Map<LatencyClass, Duration> deadlines = new EnumMap<>(LatencyClass.class);
        for (LatencyClass c : LatencyClass.values()) {
            deadlines.put(c, d.duration(c.wireName(), defaults.classDeadlines().get(c)));
        }
        return new ConfigNode("", null).build(n -> new ResilienceConfig(node.integer("maxRetries", defaults.maxRetries()),
                node.number("retryBudgetPercent", defaults.retryBudgetPercent()), deadlines,
                node.bool("forwardTimeoutParameter", defaults.forwardTimeoutParameter())));
    }

    private static Optional<TracingConfig> readTracing(ConfigNode root) {
        if (!root.has("tracing")) {
            return Optional.empty();
        }
        ConfigNode node = root.child("tracing").allowOnly("otlpEndpoint", "serviceName", "sampleRatio");
        String endpoint = node.requiredString("otlpEndpoint");
        return Optional.of(node.build(n -> new TracingConfig(TracingConfig.endpoint(endpoint),
                n.string("serviceName", TracingConfig.DEFAULT_SERVICE_NAME), n.number("sampleRatio", 1.0))));
    }

    /** {@code adminPort}: where the peers reach this replica's admin API, the default {@code peerPort}. */
    private static Optional<KubernetesReplicasConfig> readKubernetesReplicas(ConfigNode root, int adminPort) {
        if (!root.has("replicas") || !root.child("replicas").has("kubernetes")) {
            return Optional.empty();
        }
        ConfigNode node = root.child("replicas").allowOnly("kubernetes");
        return Optional.of(KubernetesReplicasReader.read(node.child("kubernetes"), adminPort));
    }

    private static Optional<ReplicasConfig> readReplicas(ConfigNode root) {
        if (!root.has("replicas") || root.child("replicas").has("kubernetes")) {
            return Optional.empty();
        }
        ConfigNode node = root.child("replicas").allowOnly("self", "peers", "heartbeat", "timeout");
        PeerAddress self = address(node.path() + ".self", node.requiredString("self"));
        List<PeerAddress> peers = new ArrayList<>();
        for (ConfigNode peer : node.list("peers")) {
            peers.add(address(peer.path(), peer.text()));
        }
        return Optional.of(node.build(n -> new ReplicasConfig(self, peers,
                n.duration("heartbeat", ReplicasConfig.DEFAULT_HEARTBEAT),
                n.duration("timeout", ReplicasConfig.DEFAULT_TIMEOUT))));
    }

    private static PeerAddress address(String path, String text) {
        try {
            return PeerAddress.parse(path, text);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    private static AdminConfig readAdmin(ConfigNode node) {
        node.allowOnly("tokenEnv", "tokenFile", "listener");
        Optional<AdminListenerConfig> listener = Optional.empty();
        if (node.has("listener")) {
            ConfigNode l = node.child("listener").allowOnly("host", "port");
            if (!l.has("port")) {
                throw l.error("port", "missing (expected: the admin API's own port, 0..65535)");
            }
            listener = Optional.of(new ConfigNode("", null).build(n -> new AdminListenerConfig(l.string("host", "127.0.0.1"),
                    l.integer("port", 0))));
        }
        Optional<AdminListenerConfig> chosen = listener;
        return node.build(n -> new AdminConfig(n.optionalString("tokenEnv"),
                n.optionalString("tokenFile").map(Paths::get), chosen));
    }

    private static DebugConfig readDebug(ConfigNode node) {
        node.allowOnly("exposeBackendAddresses");
        return new DebugConfig(node.bool("exposeBackendAddresses", false));
    }

}
