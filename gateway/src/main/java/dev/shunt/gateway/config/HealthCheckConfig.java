package dev.shunt.gateway.config;

import java.time.Duration;

/**
 * Active health checks of a pool's backends: a backend is admitted after its first passing check,
 * turns unhealthy after {@code fall} failing ones in a row and healthy again after {@code rise}
 * passing ones. With {@code enabled: false} nothing is checked and every backend is trusted as healthy
 * from the start (for backends some other component checks, or test harnesses that count every request).
 */
public record HealthCheckConfig(String path, Duration interval, Duration timeout, int rise, int fall, boolean enabled) {

    public HealthCheckConfig {
        Checks.notBlank("healthCheck.path", path);
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("healthCheck.path: \"" + path + "\" (expected: a path starting with /)");
        }
        Checks.positive("healthCheck.interval", interval);
        Checks.positive("healthCheck.timeout", timeout);
        Checks.between("healthCheck.rise", rise, 1, 100);
        Checks.between("healthCheck.fall", fall, 1, 100);
    }

    /** {@code /v2/health/ready} every second, 500 ms timeout, rise 2, fall 2. */
    public static HealthCheckConfig ofDefaults() {
        return new HealthCheckConfig("/v2/health/ready", Duration.ofSeconds(1), Duration.ofMillis(500), 2, 2, true);
    }
}
