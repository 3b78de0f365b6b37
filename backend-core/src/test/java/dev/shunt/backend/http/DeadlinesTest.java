package dev.shunt.backend.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shunt.protocol.InvalidRequestException;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class DeadlinesTest {

    @Test
    void headerIsMillisecondsAndParameterIsMicroseconds() {
        assertThat(Deadlines.headerTimeoutNanos("250")).hasValue(250_000_000L);
        assertThat(Deadlines.parameterTimeoutNanos(Map.of("timeout", 1500))).hasValue(1_500_000L);
        assertThat(Deadlines.headerTimeoutNanos(null)).isEmpty();
        assertThat(Deadlines.parameterTimeoutNanos(Map.of())).isEmpty();
    }

    @Test
    void soonerOfTheTwoWins() {
        assertThat(Deadlines.sooner(OptionalLong.of(5), OptionalLong.of(3))).hasValue(3);
        assertThat(Deadlines.sooner(OptionalLong.empty(), OptionalLong.of(3))).hasValue(3);
        assertThat(Deadlines.sooner(OptionalLong.of(5), OptionalLong.empty())).hasValue(5);
    }

    @Test
    void badValuesSayWhatWasExpected() {
        assertThatThrownBy(() -> Deadlines.headerTimeoutNanos("soon"))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("X-Request-Timeout-Ms: \"soon\" (expected: a whole number of milliseconds, 1..86400000)");
        assertThatThrownBy(() -> Deadlines.headerTimeoutNanos("0"))
                .hasMessage("X-Request-Timeout-Ms: 0 (expected: 1..86400000 milliseconds)");
        assertThatThrownBy(() -> Deadlines.parameterTimeoutNanos(Map.of("timeout", "fast")))
                .hasMessage("parameters.timeout: fast (expected: a positive whole number of microseconds)");
        assertThatThrownBy(() -> Deadlines.parameterTimeoutNanos(Map.of("timeout", 1.5)))
                .isInstanceOf(InvalidRequestException.class);
    }
}
