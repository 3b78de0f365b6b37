package dev.shunt.gateway.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads {@code pools.<name>} into a {@link PoolConfig}. */
final class PoolConfigReader {

    /** How long a pool's backends may take when the request's own deadline is longer. */
    static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private PoolConfigReader() {}

    /** Reads one pool; {@code defaultRetryBudgetPercent} is {@code resilience.retryBudgetPercent}. */
    static PoolConfig read(String name, ConfigNode node, double defaultRetryBudgetPercent) {
        node.allowOnly("backends", "dns", "balancer", "maxInFlightPerBackend", "connectTimeout",
                "maxConnectionsPerBackend", "healthCheck", "breaker", "requestTimeout", "retryBudgetPercent");
        List<BackendAddress> backends = new ArrayList<>();
        for (ConfigNode item : node.list("backends")) {
            try {
                backends.add(BackendAddress.parse(item.text()));
            } catch (IllegalArgumentException e) {
                throw item.error(e.getMessage());
            }
        }
        Optional<DnsDiscovery> dns = Optional.empty();
        if (node.has("dns")) {
            ConfigNode d = node.child("dns").allowOnly("name", "port", "refresh");
            dns = Optional.of(d.build(n -> new DnsDiscovery(n.requiredString("name"), n.integer("port", 0),
                    n.duration("refresh", Duration.ofSeconds(10)))));
        }
        HealthCheckConfig defaults = HealthCheckConfig.ofDefaults();
        ConfigNode h = node.child("healthCheck").allowOnly("path", "interval", "timeout", "rise", "fall");
        BreakerConfig breakerDefaults = BreakerConfig.ofDefaults();
        ConfigNode b = node.child("breaker").allowOnly("failureRatePercent", "slidingWindow", "minimumCalls", "openFor",
                "halfOpenCalls");
        Optional<DnsDiscovery> discovery = dns;
        return node.build(n -> new PoolConfig(name, backends, discovery,
                n.enumValue("balancer", BalancerKind.class, BalancerKind.P2C),
                n.integer("maxInFlightPerBackend", 64),
                n.duration("connectTimeout", Duration.ofSeconds(1)),
                n.integer("maxConnectionsPerBackend", 64),
                new HealthCheckConfig(h.string("path", defaults.path()), h.duration("interval", defaults.interval()),
                        h.duration("timeout", defaults.timeout()), h.integer("rise", defaults.rise()),
                        h.integer("fall", defaults.fall())),
                new BreakerConfig(b.number("failureRatePercent", breakerDefaults.failureRatePercent()),
                        b.integer("slidingWindow", breakerDefaults.slidingWindow()),
                        b.integer("minimumCalls", breakerDefaults.minimumCalls()),
                        b.duration("openFor", breakerDefaults.openFor()),
                        b.integer("halfOpenCalls", breakerDefaults.halfOpenCalls())),
                n.duration("requestTimeout", DEFAULT_REQUEST_TIMEOUT),
                n.number("retryBudgetPercent", defaultRetryBudgetPercent)));
    }
}
