package dev.shunt.gateway.config;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A pool of interchangeable backends (e.g. {@code cpu}, {@code gpu}, {@code staging}).
 *
 * @param name the pool's name, used by routes and as a metric label
 * @param backends static backends (may be empty when {@code dns} is set)
 * @param dns backends found by DNS, re-resolved periodically
 * @param balancer how requests are spread over the backends
 * @param maxInFlightPerBackend bulkhead: requests in flight per backend; beyond it the backend is saturated
 * @param connectTimeout TCP connect timeout to a backend
 * @param maxConnectionsPerBackend keep-alive pool size per backend
 * @param healthCheck active health checks
 * @param breaker the circuit breaker each backend gets
 * @param requestTimeout the longest the gateway waits for an answer of this pool's backends; a request's
 *     own sooner deadline cuts it short, and a timeout that only the client's deadline caused is not
 *     held against the backend (neither its breaker nor its latency figure)
 * @param retryBudgetPercent retries into this pool may add at most this share of its requests (Envoy's
 *     {@code retry_budget} on the cluster)
 * @param host the {@code Host} sent to this pool's backends instead of their own address, for backends
 *     behind an ingress or mesh that routes by it (KServe)
 * @param tls TLS to this pool's backends; empty: plain HTTP
 * @param latency how its latency is learned, for the {@code slo} policy
 * @param costPerHour what one backend (replica) costs per hour, in any currency, the same for every pool:
 *     the {@code slo} policy prefers the cheaper pool among those in time
 * @param targetUtilization how busy each backend may be on average when the gateway works out how many
 *     the pool needs for its recent traffic ({@code shunt_pool_desired_replicas}), in (0, 1]
 */
public record PoolConfig(
        String name,
        List<BackendAddress> backends,
        Optional<DnsDiscovery> dns,
        BalancerKind balancer,
        int maxInFlightPerBackend,
        Duration connectTimeout,
        int maxConnectionsPerBackend,
        HealthCheckConfig healthCheck,
        BreakerConfig breaker,
        Duration requestTimeout,
        double retryBudgetPercent,
        Optional<String> host,
        Optional<TlsConfig> tls,
        LatencyModelConfig latency,
        double costPerHour,
        double targetUtilization) {

    public PoolConfig {
        Checks.notBlank("name", name);
        backends = List.copyOf(requireNonNull(backends, "backends"));
        requireNonNull(dns, "dns");
        if (backends.isEmpty() && dns.isEmpty()) {
            throw new IllegalArgumentException("backends: [] (expected: at least one backend, or dns)");
        }
        requireNonNull(balancer, "balancer");
        Checks.between("maxInFlightPerBackend", maxInFlightPerBackend, 1, 100_000);
        Checks.positive("connectTimeout", connectTimeout);
        Checks.between("maxConnectionsPerBackend", maxConnectionsPerBackend, 1, 10_000);
        requireNonNull(healthCheck, "healthCheck");
        requireNonNull(breaker, "breaker");
        Checks.positive("requestTimeout", requestTimeout);
        Checks.between("retryBudgetPercent", retryBudgetPercent, 0, 100);
        requireNonNull(host, "host");
        host.ifPresent(h -> {
            if (h.isBlank() || h.contains("/") || h.contains(" ")) {
                throw new IllegalArgumentException("host: \"" + h + "\" (expected: a host name, optionally with :port)");
            }
        });
        requireNonNull(tls, "tls");
        requireNonNull(latency, "latency");
        if (!(costPerHour > 0) || Double.isInfinite(costPerHour)) {
            throw new IllegalArgumentException("costPerHour: " + costPerHour + " (expected: > 0)");
        }
        if (!(targetUtilization > 0 && targetUtilization <= 1)) {
            throw new IllegalArgumentException("targetUtilization: " + targetUtilization + " (expected: in (0, 1])");
        }
        boolean srv = dns.isPresent() && dns.get().type() == DnsLookupType.SRV;
        if (srv && tls.isPresent() && tls.get().verify() && tls.get().serverName().isEmpty()) {
            throw new IllegalArgumentException("tls.serverName: missing (expected: the name the backends' certificates"
                    + " carry; backends found by SRV records are IP addresses, and the SRV name is no host name)");
        }
    }
}
