package dev.shunt.gateway.config;

import static java.util.Objects.requireNonNull;

import dev.shunt.gateway.shadow.ShadowCriteria;
import dev.shunt.gateway.shadow.ShadowTolerance;
import dev.shunt.vocabulary.ShuntHeaders;
import java.time.Duration;

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
 * @param headers which of the client's headers a copy carries (credentials never: {@link MirrorHeaders})
 * @param noisePercent share of mirrored requests also sent to a second backend of the primary's pool,
 *     to measure primary-vs-primary differences (the noise floor)
 * @param tolerance numeric closeness of outputs
 * @param criteria when the shadow is READY
 * @param protocol {@code http1} or {@code h2c} (see {@link MirrorProtocol})
 */
public record MirrorConfig(String pool, double percent, String forceHeader, long maxBodyBytes, int maxInFlight,
        Duration timeout, MirrorHeaders headers, double noisePercent,
        ShadowTolerance tolerance, ShadowCriteria criteria, MirrorProtocol protocol) {

    public MirrorConfig {
        Checks.notBlank("pool", pool);
        Checks.between("percent", percent, 0, 100);
        Checks.notBlank("forceHeader", forceHeader);
        Checks.positive("maxBodyBytes", maxBodyBytes);
        Checks.between("maxInFlight", maxInFlight, 1, 100_000);
        Checks.positive("timeout", timeout);
        requireNonNull(headers, "headers");
        Checks.between("noisePercent", noisePercent, 0, 100);
        requireNonNull(tolerance, "tolerance");
        requireNonNull(criteria, "criteria");
        requireNonNull(protocol, "protocol");
    }

    /**
     * 10% to {@code pool}, forced by {@code X-Shunt-Mirror: true}, 1 MiB cap, 64 in flight, 2 s, no noise
     * floor, HTTP/1.1, credential-like headers stripped.
     */
    public static MirrorConfig ofDefaults(String pool) {
        return new MirrorConfig(pool, 10, ShuntHeaders.MIRROR, 1 << 20, 64, Duration.ofSeconds(2),
                MirrorHeaders.ofDefaults(), 0, ShadowTolerance.ofDefaults(), ShadowCriteria.ofDefaults(), MirrorProtocol.HTTP1);
    }

    /** Whether a header may be copied to the mirror. */
    public boolean copies(String header) {
        return headers.copies(header);
    }
}
