package dev.shunt.gateway;

import static org.awaitility.Awaitility.await;

import dev.shunt.backend.testing.HttpProbe;
import dev.shunt.gateway.pool.BackendState;
import java.time.Duration;

/**
 * Waits (bounded) for what a fresh gateway needs before it serves: backends are admitted only once a
 * health check passed, and the first round runs when the gateway starts.
 */
final class Readiness {

    private static final Duration LIMIT = Duration.ofSeconds(10);
    private static final Duration POLL = Duration.ofMillis(10);

    private Readiness() {}

    /** Until {@code /v2/health/ready} answers 200: every pool some route needs has a healthy backend. */
    static void awaitReady(HttpProbe http) {
        await("the gateway is ready").atMost(LIMIT).pollInterval(POLL)
                .until(() -> http.get("/v2/health/ready").statusCode() == 200);
    }

    /**
     * Until every backend of {@code pool} passed a health check: for pools no route's policy names
     * (mirror and cutover targets), which readiness does not cover, or pools with several backends.
     */
    static void awaitHealthy(GatewayServer server, String pool) {
        await("every backend of pool " + pool + " is healthy").atMost(LIMIT).pollInterval(POLL)
                .until(() -> server.pools().get(pool).backends().stream().allMatch(BackendState::healthy));
    }
}
