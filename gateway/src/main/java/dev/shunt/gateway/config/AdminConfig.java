package dev.shunt.gateway.config;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The admin API ({@code /admin/...}), behind a bearer token read from an environment variable or a
 * file; off when neither yields a token.
 *
 * @param tokenEnv name of the environment variable holding the token
 * @param tokenFile a file holding the token (first line)
 * @param listener a listener of its own for the admin API, {@code /metrics} and health; empty: they are
 *     served on the inference listener
 */
public record AdminConfig(Optional<String> tokenEnv, Optional<Path> tokenFile, Optional<AdminListenerConfig> listener) {

    public AdminConfig {
        requireNonNull(tokenEnv, "tokenEnv");
        requireNonNull(tokenFile, "tokenFile");
        requireNonNull(listener, "listener");
        tokenEnv.ifPresent(env -> Checks.notBlank("admin.tokenEnv", env));
    }

    /** On the inference listener. */
    public AdminConfig(Optional<String> tokenEnv, Optional<Path> tokenFile) {
        this(tokenEnv, tokenFile, Optional.empty());
    }

    /** No admin API. */
    public static AdminConfig off() {
        return new AdminConfig(Optional.empty(), Optional.empty());
    }
}
