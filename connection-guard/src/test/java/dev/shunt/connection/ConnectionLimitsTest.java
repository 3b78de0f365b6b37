package dev.shunt.connection;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConnectionLimitsTest {

    static final Duration S = Duration.ofSeconds(1);

    @Test
    void everyLimitMustBeAboveZero() {
        assertThatThrownBy(() -> new ConnectionLimits(Duration.ZERO, S, S, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("headerTimeout: PT0S (expected: > 0)");
        assertThatThrownBy(() -> new ConnectionLimits(S, Duration.ofMillis(-1), S, 1))
                .hasMessage("bodyTimeout: PT-0.001S (expected: > 0)");
        assertThatThrownBy(() -> new ConnectionLimits(S, S, Duration.ZERO, 1))
                .hasMessage("idleTimeout: PT0S (expected: > 0)");
        assertThatThrownBy(() -> new ConnectionLimits(S, S, S, 0)).hasMessage("maxConnections: 0 (expected: > 0)");
        assertThatThrownBy(() -> new ConnectionLimits(null, S, S, 1)).hasMessage("headerTimeout");
    }
}
