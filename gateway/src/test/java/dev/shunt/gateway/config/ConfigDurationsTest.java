package dev.shunt.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shunt.vocabulary.Durations;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Durations in {@code shunt.yaml} follow the one grammar of flags and load tools ({@link Durations}). */
class ConfigDurationsTest {

    final ConfigLoader loader = new ConfigLoader(Clock.systemUTC());

    static String withInterval(String interval) {
        return ConfigLoaderTest.MINIMAL.replace("cpu: {backends: [\"127.0.0.1:8001\"]}",
                "cpu: {backends: [\"127.0.0.1:8001\"], healthCheck: {interval: " + interval + "}}");
    }

    @ParameterizedTest
    @CsvSource({"250us,250000", "500ms,500000000", "2s,2000000000", "1.5s,1500000000", "5m,300000000000",
        "1h,3600000000000", "PT2S,2000000000"})
    void everyFormOfTheGrammarLoads(String text, long nanos) {
        GatewayConfig config = loader.parse(withInterval(text));
        assertThat(config.pools().get("cpu").healthCheck().interval()).isEqualTo(Duration.ofNanos(nanos));
    }

    @Test
    void aBareNumberIsRefusedWithItsPathAndTheAcceptedForms() {
        assertThatThrownBy(() -> loader.parse(withInterval("5")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("pools.cpu.healthCheck.interval: \"5\" has no unit (expected: " + Durations.FORMS + ")");
        assertThatThrownBy(() -> loader.parse(ConfigLoaderTest.MINIMAL + "resilience: {classDeadlines: {realtime: 0.2}}"))
                .hasMessage("resilience.classDeadlines.realtime: \"0.2\" has no unit (expected: " + Durations.FORMS + ")");
    }

    @Test
    void aMappingWhereADurationBelongsIsRefused() {
        assertThatThrownBy(() -> loader.parse(withInterval("{seconds: 5}")))
                .hasMessage("pools.cpu.healthCheck.interval: expected " + Durations.FORMS);
    }

    @Test
    void aRecordStillRefusesAZeroDurationByPath() {
        assertThatThrownBy(() -> loader.parse(withInterval("0s")))
                .hasMessage("pools.cpu.healthCheck.interval: PT0S (expected: a duration > 0)");
    }
}
