package dev.shunt.gateway.config;

import dev.shunt.routing.latency.LinearFit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** Reads {@code pools.<name>} into a {@link PoolConfig}. */
final class PoolConfigReader {

    /** How long a pool's backends may take when the request's own deadline is longer. */
    static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private PoolConfigReader() {}

    /** Reads one pool; {@code defaultRetryBudgetPercent} is {@code resilience.retryBudgetPercent}. */
    static PoolConfig read(String name, ConfigNode node, double defaultRetryBudgetPercent) {
        node.allowOnly("backends", "dns", "balancer", "maxInFlightPerBackend", "connectTimeout",
                "maxConnectionsPerBackend", "healthCheck", "breaker", "requestTimeout", "retryBudgetPercent", "host",
                "tls", "latency", "costPerHour", "targetUtilization");
        List<BackendAddress> backends = new ArrayList<>();
        for (ConfigNode item : node.list("backends")) {
            try {
                backends.add(BackendAddress.parse(item.text()));
            } catch (IllegalArgumentException e) {
                throw item.error(e.getMessage());
            }
        }
        Optional<DnsDiscovery> dns = node.has("dns") ? Optional.of(dns(node)) : Optional.empty();
        Optional<TlsConfig> tls = node.has("tls") ? Optional.of(TlsConfigReader.read(node.child("tls"))) : Optional.empty();
        LatencyModelConfig latency = latency(node);
        HealthCheckConfig defaults = HealthCheckConfig.ofDefaults();
        ConfigNode h = node.child("healthCheck").allowOnly("path", "interval", "timeout", "rise", "fall", "enabled");
        BreakerConfig breakerDefaults = BreakerConfig.ofDefaults();
        ConfigNode b = node.child("breaker").allowOnly("failureRatePercent", "slidingWindow", "minimumCalls", "openFor",
                "halfOpenCalls");
        return node.build(n -> new PoolConfig(name, backends, dns,
                n.enumValue("balancer", BalancerKind.class, BalancerKind.P2C),
                n.integer("maxInFlightPerBackend", 64),
                n.duration("connectTimeout", Duration.ofSeconds(1)),
                n.integer("maxConnectionsPerBackend", 64),
                new HealthCheckConfig(h.string("path", defaults.path()), h.duration("interval", defaults.interval()),
                        h.duration("timeout", defaults.timeout()), h.integer("rise", defaults.rise()),
                        h.integer("fall", defaults.fall()), h.bool("enabled", true)),
                new BreakerConfig(b.number("failureRatePercent", breakerDefaults.failureRatePercent()),
                        b.integer("slidingWindow", breakerDefaults.slidingWindow()),
                        b.integer("minimumCalls", breakerDefaults.minimumCalls()),
                        b.duration("openFor", breakerDefaults.openFor()),
                        b.integer("halfOpenCalls", breakerDefaults.halfOpenCalls())),
                n.duration("requestTimeout", DEFAULT_REQUEST_TIMEOUT),
                n.number("retryBudgetPercent", defaultRetryBudgetPercent),
                n.optionalString("host"), tls, latency, n.number("costPerHour", 1.0),
                n.number("targetUtilization", 0.7)));
    }

    /** Reads {@code pools.<name>.latency}; built on the pool's node, so messages get the pool's path. */
    private static LatencyModelConfig latency(ConfigNode pool) {
        LatencyModelConfig defaults = LatencyModelConfig.ofDefaults();
        ConfigNode l = pool.child("latency").allowOnly("prior", "curve", "model", "decay", "relax", "concurrency",
                "batching");
        ConfigNode p = l.child("prior").allowOnly("fixed", "perRow");
        Duration fixed;
        Duration perRow;
        if (l.has("curve")) {
            if (l.has("prior")) {
                throw l.error("curve", "set with prior (expected: one of prior or curve)");
            }
            LinearFit fit = CurvePriorReader.read(l);
            fixed = Duration.ofNanos(Math.round(fit.fixedMs() * 1e6));
            perRow = Duration.ofNanos(Math.round(fit.perRowMs() * 1e6));
        } else if (l.has("model")) {
            throw l.error("model", "set without a curve (expected: only with curve, to pick that model's rows)");
        } else {
            fixed = p.duration("fixed", defaults.priorFixed());
            perRow = p.duration("perRow", defaults.priorPerRow());
        }
        return l.build(n -> new LatencyModelConfig(fixed, perRow, l.number("decay", defaults.decay()),
                l.duration("relax", defaults.relax()), l.integer("concurrency", defaults.concurrency()),
                l.bool("batching", defaults.batching())));
    }

    /** Reads {@code pools.<name>.dns}; built on the pool's node, so the record's {@code dns.*} messages get its path. */
    private static DnsDiscovery dns(ConfigNode pool) {
        ConfigNode d = pool.child("dns").allowOnly("name", "type", "port", "refresh", "minRefresh", "timeout", "server");
        DnsLookupType type = d.enumValue("type", DnsLookupType.class, DnsLookupType.A);
        OptionalInt port = d.has("port") ? OptionalInt.of(d.integer("port", 0)) : OptionalInt.empty();
        Duration refresh = d.duration("refresh", DnsDiscovery.DEFAULT_REFRESH);
        Duration minRefresh = d.duration("minRefresh", DnsDiscovery.defaultMinRefresh(refresh));
        Duration timeout = d.duration("timeout", DnsDiscovery.DEFAULT_TIMEOUT);
        Optional<DnsServer> server = Optional.empty();
        if (d.has("server")) {
            try {
                server = Optional.of(DnsServer.parse(d.string("server", null)));
            } catch (IllegalArgumentException e) {
                throw d.error("server", e.getMessage());
            }
        }
        Optional<DnsServer> chosen = server;
        return pool.build(n -> new DnsDiscovery(d.requiredString("name"), type, port, refresh, minRefresh, timeout, chosen));
    }
}
