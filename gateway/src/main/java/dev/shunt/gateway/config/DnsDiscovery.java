package dev.shunt.gateway.config;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Backends found by asking a DNS server for a name (a Kubernetes headless Service), asked again when
 * the answer's TTL runs out, never sooner than {@code minRefresh} nor later than {@code refresh}. The
 * queries go to the server itself: no cache (the JVM's keeps positive answers 30 s) stands between.
 *
 * @param name the name to ask for, fully qualified: no search domain is added
 * @param type A (A and AAAA records, every address on {@code port}) or SRV (host and port from each record)
 * @param port the port every address serves on; type A only
 * @param refresh the longest wait between two lookups: a longer TTL is cut to it
 * @param minRefresh the shortest wait between two lookups: a shorter TTL (0 too) is raised to it; after a
 *     failed lookup, the next comes this long after
 * @param timeout how long one query waits for the server's answer
 * @param server the server to ask; empty: the system's ({@code nameserver} lines of /etc/resolv.conf)
 */
public record DnsDiscovery(String name, DnsLookupType type, OptionalInt port, Duration refresh, Duration minRefresh,
        Duration timeout, Optional<DnsServer> server) {

    /** How long at most between two lookups unless set: 10 s. */
    public static final Duration DEFAULT_REFRESH = Duration.ofSeconds(10);
    /** How long at least between two lookups unless set: 1 s, or {@code refresh} when that is shorter. */
    public static final Duration DEFAULT_MIN_REFRESH = Duration.ofSeconds(1);
    /** How long a query waits unless set: 2 s. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

    public DnsDiscovery {
        Checks.notBlank("dns.name", name);
        requireNonNull(type, "type");
        requireNonNull(port, "port");
        if (type == DnsLookupType.A) {
            if (port.isEmpty()) {
                throw new IllegalArgumentException("dns.port: missing (expected: 1..65535 with type a)");
            }
            Checks.between("dns.port", port.getAsInt(), 1, 65535);
        } else if (port.isPresent()) {
            throw new IllegalArgumentException("dns.port: " + port.getAsInt()
                    + " (expected: none with type srv, each SRV record gives its port)");
        }
        Checks.positive("dns.refresh", refresh);
        Checks.positive("dns.minRefresh", minRefresh);
        if (minRefresh.compareTo(refresh) > 0) {
            throw new IllegalArgumentException("dns.minRefresh: " + minRefresh.toMillis() + "ms (expected: at most dns.refresh, "
                    + refresh.toMillis() + "ms)");
        }
        Checks.positive("dns.timeout", timeout);
        requireNonNull(server, "server");
    }

    /** The default lower bound for a given upper bound. */
    public static Duration defaultMinRefresh(Duration refresh) {
        return refresh.compareTo(DEFAULT_MIN_REFRESH) < 0 ? refresh : DEFAULT_MIN_REFRESH;
    }

    /** How long to wait before the next lookup, for an answer that may be kept {@code ttl}. */
    public Duration refreshAfter(Duration ttl) {
        if (ttl.compareTo(minRefresh) < 0) {
            return minRefresh;
        }
        return ttl.compareTo(refresh) > 0 ? refresh : ttl;
    }
}
