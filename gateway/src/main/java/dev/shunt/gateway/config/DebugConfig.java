package dev.shunt.gateway.config;

/**
 * Settings that show clients more of the inside, for debugging only ({@code debug:}); all off by
 * default. A reload applies them.
 *
 * @param exposeBackendAddresses {@code X-Shunt-Backend} names the backend's {@code host:port} instead of
 *     its opaque id ({@code <pool>-<8 hex digits>})
 */
public record DebugConfig(boolean exposeBackendAddresses) {

    /** Nothing of the inside shown. */
    public static DebugConfig off() {
        return new DebugConfig(false);
    }
}
