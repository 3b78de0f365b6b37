package dev.shunt.backend.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shunt.vocabulary.Durations;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

/** Duration flags read the shared grammar; what a user sees for a bad value on the command line. */
class DurationConverterTest {

    private final DurationConverter converter = new DurationConverter();

    @Command(name = "server")
    static final class Server {
        @Mixin
        CommonFlags flags;
    }

    @Test
    void readsEveryFormOfTheSharedGrammar() {
        assertThat(converter.convert("250us")).isEqualTo(Duration.ofNanos(250_000));
        assertThat(converter.convert("5ms")).isEqualTo(Duration.ofMillis(5));
        assertThat(converter.convert("0ms")).isEqualTo(Duration.ZERO);
        assertThat(converter.convert("2s")).isEqualTo(Duration.ofSeconds(2));
        assertThat(converter.convert("1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(converter.convert("1m")).isEqualTo(Duration.ofMinutes(1));
        assertThat(converter.convert("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(converter.convert(" PT2S ")).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void refusesABareNumberWithTheAcceptedForms() {
        assertThatThrownBy(() -> converter.convert("5"))
                .isInstanceOf(TypeConversionException.class)
                .hasMessage("\"5\" has no unit (expected: " + Durations.FORMS + ")");
    }

    @Test
    void refusesNegativeAndUnknownValues() {
        assertThatThrownBy(() -> converter.convert("-5ms"))
                .isInstanceOf(TypeConversionException.class)
                .hasMessage("\"-5ms\" (expected: " + Durations.FORMS + ")");
        assertThatThrownBy(() -> converter.convert("soon"))
                .isInstanceOf(TypeConversionException.class)
                .hasMessage("\"soon\" (expected: " + Durations.FORMS + ")");
    }

    @Test
    void theCommandLineNamesTheFlagAndTheAcceptedForms() {
        CommandLine commandLine = new CommandLine(new Server());

        assertThatThrownBy(() -> commandLine.parseArgs("--shutdown-grace", "10"))
                .isInstanceOf(ParameterException.class)
                .hasMessage("Invalid value for option '--shutdown-grace': \"10\" has no unit (expected: "
                        + Durations.FORMS + ")");
    }

    @Test
    void theDefaultGraceStillParses() {
        Server server = new Server();

        new CommandLine(server).parseArgs();

        assertThat(server.flags.serverOptions(8001, "shunt-cpu-backend").shutdownGrace())
                .isEqualTo(Duration.ofSeconds(10));
    }
}
