package dev.shunt.vocabulary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @ParameterizedTest
    @CsvSource({"250us,250000", "500ms,500000000", "2s,2000000000", "1.5s,1500000000", "5m,300000000000",
        "1h,3600000000000", "PT2S,2000000000", "pt0.25s,250000000", " 7 ms ,7000000", "0s,0", "2S,2000000000"})
    void parsesEveryAcceptedForm(String text, long nanos) {
        assertThat(Durations.parse("--x", text)).isEqualTo(Duration.ofNanos(nanos));
    }

    @Test
    void aBareNumberIsRefusedWithTheAcceptedForms() {
        assertThatThrownBy(() -> Durations.parse("--duration", "20"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--duration: \"20\" has no unit (expected: " + Durations.FORMS + ")");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ms", "-2s", "2 parsecs", "1d", "PT-2S", "P", "2s5"})
    void anythingElseIsRefusedNamingTheField(String text) {
        assertThatThrownBy(() -> Durations.parse("pools.cpu.timeout", text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("pools.cpu.timeout: \"" + text + "\"")
                .hasMessageContaining("250us, 500ms, 2s");
    }

    @Test
    void aNumberTooLargeForADurationIsRefusedNotWrapped() {
        assertThat(Durations.parse("x", "2562047h")).isEqualTo(Duration.ofHours(2_562_047));
        assertThatThrownBy(() -> Durations.parse("--duration", "999999999999h"))
                .hasMessage("--duration: \"999999999999h\" is too long (expected: at most 2562047h)");
    }

    @Test
    void positiveRefusesZero() {
        assertThatThrownBy(() -> Durations.parsePositive("rise", "0ms")).hasMessage("rise: \"0ms\" (expected: more than zero)");
    }

    @ParameterizedTest
    @CsvSource({"250000,250us", "2000000000,2s", "1500000000,1500ms", "300000000000,5m", "7200000000000,2h", "0,0s"})
    void formatsTheShortestExactForm(long nanos, String text) {
        assertThat(Durations.format(Duration.ofNanos(nanos))).isEqualTo(text);
        assertThat(Durations.parse("x", text)).isEqualTo(Duration.ofNanos(nanos));
    }
}
