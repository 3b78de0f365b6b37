package dev.shunt.gateway.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Optional;

/** Reads {@code pools.<name>.tls} into a {@link TlsConfig}, the trust store file included. */
final class TlsConfigReader {

    private TlsConfigReader() {}

    static TlsConfig read(ConfigNode tls) {
        tls.allowOnly("trustStore", "trustStorePassword", "serverName", "verify");
        Optional<String> password = tls.optionalString("trustStorePassword");
        Optional<TrustStore> store = Optional.empty();
        if (tls.has("trustStore")) {
            String text = tls.requiredString("trustStore");
            Path path;
            try {
                path = Paths.get(text);
            } catch (InvalidPathException e) {
                throw tls.error("trustStore", "\"" + text + "\" is not a path (" + e.getMessage() + ")");
            }
            if (password.isPresent() && TrustStoreFile.Format.of(path) == TrustStoreFile.Format.PEM) {
                throw tls.error("trustStorePassword", "set for the PEM trust store " + text
                        + " (expected: only with a .jks, .p12 or .pfx trustStore)");
            }
            try {
                store = Optional.of(TrustStoreFile.read(path, password));
            } catch (IllegalArgumentException e) {
                throw tls.error("trustStore", e.getMessage());
            }
        } else if (password.isPresent()) {
            throw tls.error("trustStorePassword", "set without a trustStore (expected: only with a .jks, .p12 or .pfx"
                    + " trustStore)");
        }
        Optional<TrustStore> trustStore = store;
        return tls.build(n -> new TlsConfig(trustStore, n.optionalString("serverName"), n.bool("verify", true)));
    }
}
