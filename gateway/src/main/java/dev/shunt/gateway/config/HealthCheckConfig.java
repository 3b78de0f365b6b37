package dev.shunt.gateway.config;

import java.time.Duration;

/**
 * Active health checks of a pool's backends: a backend turns healthy after {@code rise} passing
 * checks in a row and unhealthy after {@code fall} failing ones.
 */
public record HealthCheckConfig(String path, Duration interval, Duration timeout, int rise, int fall) {

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
        return new HealthCheckConfig("/v2/health/ready", Duration.ofSeconds(1), Duration.ofMillis(500), 2, 2);
    }
}
