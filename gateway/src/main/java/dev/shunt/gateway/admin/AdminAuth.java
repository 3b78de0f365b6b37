package dev.shunt.gateway.admin;

import dev.shunt.gateway.config.AdminConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.function.Function;

/**
 * The admin API's bearer token, from an environment variable or a file; the API is off without one.
 * Tokens are compared in constant time.
 */
public final class AdminAuth {

    private static final String SCHEME = "Bearer";

    private final Optional<byte[]> token;

    private AdminAuth(Optional<byte[]> token) {
        this.token = token;
    }

    /** Reads the token the config names; {@code env} looks up environment variables. */
    public static AdminAuth of(AdminConfig config, Function<String, String> env) {
        Optional<String> value = config.tokenEnv().map(env).filter(v -> !v.isBlank());
        if (value.isEmpty() && config.tokenFile().isPresent()) {
            try {
                value = Files.readAllLines(config.tokenFile().get()).stream().findFirst().map(String::trim)
                        .filter(v -> !v.isEmpty());
            } catch (IOException e) {
                throw new IllegalArgumentException("admin.tokenFile: " + config.tokenFile().get() + " cannot be read");
            }
        }
        return new AdminAuth(value.map(v -> v.getBytes(StandardCharsets.UTF_8)));
    }

    /** Whether the admin API is on. */
    public boolean enabled() {
        return token.isPresent();
    }

    /** The token, to call the admin API of this gateway's peers with; empty when the admin API is off. */
    public Optional<String> token() {
        return token.map(t -> new String(t, StandardCharsets.UTF_8));
    }

    /**
     * Whether an {@code Authorization} header carries the token: the {@code Bearer} scheme in any case
     * (RFC 7235: schemes are case-insensitive), one or more spaces, then the token, compared in constant
     * time (the comparison takes as long whatever prefix of the token is right).
     */
    public boolean allows(String authorization) {
        if (token.isEmpty() || authorization == null || authorization.length() <= SCHEME.length()
                || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())
                || authorization.charAt(SCHEME.length()) != ' ') {
            return false;
        }
        byte[] given = authorization.substring(SCHEME.length()).trim().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, token.get());
    }
}
