package dev.shunt.gateway.config;

import static java.util.Objects.requireNonNull;

import dev.shunt.gateway.shadow.ShadowCriteria;
import dev.shunt.gateway.shadow.ShadowTolerance;
import dev.shunt.vocabulary.ShuntHeaders;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Copies a share of a route's live traffic to another pool (a staging backend), detached from the
 * client, and compares the answers.
 *
 * @param pool where the copies go
 * @param percent share of the route's requests mirrored, by counting (10% of 1000 is exactly 100)
 * @param forceHeader a request carrying this header with value {@code true} is mirrored whatever the share
 * @param maxBodyBytes bodies over this are not mirrored (the primary still gets them); the skip is counted
 * @param maxInFlight mirrors waiting for an answer at most; over it a mirror is dropped and counted
 * @param timeout how long a mirror may take
 * @param stripHeaders request headers never copied to the mirror (lower case), unless in {@code keepHeaders}
 * @param keepHeaders headers copied even though {@code stripHeaders} names them
 * @param noisePercent share of mirrored requests also sent to a second backend of the primary's pool,
 *     to measure primary-vs-primary differences (the noise floor)
 * @param tolerance numeric closeness of outputs
 * @param criteria when the shadow is READY
 * @param protocol {@code http1} or {@code h2c} (see {@link MirrorProtocol})
 */
public record MirrorConfig(String pool, double percent, String forceHeader, long maxBodyBytes, int maxInFlight,
        Duration timeout, Set<String> stripHeaders, Set<String> keepHeaders, double noisePercent,
        ShadowTolerance tolerance, ShadowCriteria criteria, MirrorProtocol protocol) {

    /** Headers not copied to a mirror unless kept: credentials do not go to staging. */
    public static final Set<String> DEFAULT_STRIPPED = Set.of("authorization", "cookie", "proxy-authorization");

    public MirrorConfig {
        Checks.notBlank("pool", pool);
        Checks.between("percent", percent, 0, 100);
        Checks.notBlank("forceHeader", forceHeader);
        Checks.positive("maxBodyBytes", maxBodyBytes);
        Checks.between("maxInFlight", maxInFlight, 1, 100_000);
        Checks.positive("timeout", timeout);
        stripHeaders = lowerCase(requireNonNull(stripHeaders, "stripHeaders"));
        keepHeaders = lowerCase(requireNonNull(keepHeaders, "keepHeaders"));
        Checks.between("noisePercent", noisePercent, 0, 100);
        requireNonNull(tolerance, "tolerance");
        requireNonNull(criteria, "criteria");
        requireNonNull(protocol, "protocol");
    }

    /**
     * 10% to {@code pool}, forced by {@code X-Shunt-Mirror: true}, 1 MiB cap, 64 in flight, 2 s, no noise
     * floor, HTTP/1.1.
     */
    public static MirrorConfig ofDefaults(String pool) {
        return new MirrorConfig(pool, 10, ShuntHeaders.MIRROR, 1 << 20, 64, Duration.ofSeconds(2), DEFAULT_STRIPPED,
                Set.of(), 0, ShadowTolerance.ofDefaults(), ShadowCriteria.ofDefaults(), MirrorProtocol.HTTP1);
    }

    /** Whether a header may be copied to the mirror. */
    public boolean copies(String header) {
        String name = header.toLowerCase(Locale.ROOT);
        return !stripHeaders.contains(name) || keepHeaders.contains(name);
    }

    private static Set<String> lowerCase(Set<String> names) {
        Set<String> out = new TreeSet<>();
        for (String n : names) {
            out.add(Checks.notBlank("header", n).toLowerCase(Locale.ROOT));
        }
        return Set.copyOf(out);
    }
}
