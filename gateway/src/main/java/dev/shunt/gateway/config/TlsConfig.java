package dev.shunt.gateway.config;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * TLS to a pool's backends ({@code pools.<name>.tls}): every exchange with them (inference, health
 * checks, model metadata, mirror and noise copies) is HTTPS.
 *
 * @param trustStore the CA certificates a backend's certificate must chain to; empty: the JVM's default CAs
 * @param serverName the name a backend's certificate is checked against, also sent as SNI; empty: the
 *     backend's host (a pool found by DNS A/AAAA records: the looked-up {@code dns.name})
 * @param verify false trusts any certificate and checks no name (refused together with a trust store,
 *     which it would ignore)
 */
public record TlsConfig(Optional<TrustStore> trustStore, Optional<String> serverName, boolean verify) {

    /** DNS labels joined by dots (an IPv4 address is one too); no wildcard, no port. */
    private static final Pattern NAME = Pattern.compile(
            "(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");

    public TlsConfig {
        requireNonNull(trustStore, "trustStore");
        requireNonNull(serverName, "serverName");
        serverName.ifPresent(name -> {
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("serverName: \"" + name
                        + "\" (expected: a DNS name such as model.example.com, or an IPv4 address)");
            }
        });
        if (!verify && trustStore.isPresent()) {
            throw new IllegalArgumentException("verify: false with a trustStore (expected: one or the other;"
                    + " verify: false trusts any certificate, so the trust store would be ignored)");
        }
    }

    /** TLS with the JVM's default CAs, the certificate checked against the backend's host. */
    public static TlsConfig ofDefaults() {
        return new TlsConfig(Optional.empty(), Optional.empty(), true);
    }
}
