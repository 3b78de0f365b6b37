package dev.shunt.gateway.config;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The CA certificates a TLS pool's backends must present a chain to ({@code pools.<name>.tls.trustStore}),
 * read and checked when the config loads. The certificates themselves are part of the config: a
 * reload after the file changed (a CA rotated) gives a different config, so the pool takes them.
 *
 * @param path the file they were read from, as the config names it
 * @param certificates the certificates it holds, at least one
 */
public record TrustStore(Path path, List<X509Certificate> certificates) {

    public TrustStore {
        requireNonNull(path, "path");
        certificates = List.copyOf(requireNonNull(certificates, "certificates"));
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("trustStore: " + path + " holds no certificate (expected: at least one)");
        }
    }

    @Override
    public String toString() {
        return path + " (" + certificates.size() + (certificates.size() == 1 ? " certificate)" : " certificates)");
    }
}
