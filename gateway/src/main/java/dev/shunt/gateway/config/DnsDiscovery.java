package dev.shunt.gateway.config;

import java.time.Duration;

/**
 * Backends found by resolving a DNS name (a Kubernetes headless Service), re-resolved periodically.
 *
 * @param name the name to resolve
 * @param port the port every resolved address serves on
 * @param refresh how often to resolve again
 */
public record DnsDiscovery(String name, int port, Duration refresh) {

    public DnsDiscovery {
        Checks.notBlank("dns.name", name);
        Checks.between("dns.port", port, 1, 65535);
        Checks.positive("dns.refresh", refresh);
    }
}
