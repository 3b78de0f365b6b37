package dev.shunt.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.shunt.vocabulary.Durations;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code ./shunt} checks every option of every command before it builds or starts anything: a bad one
 * is one line naming it and what it takes, exit code 2, no process, no log. Durations are checked in
 * bash with the grammar of {@link Durations}: the two accept the same forms and word their refusals
 * alike.
 */
class ShuntLauncherFlagsTest {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final String RATE = "[shunt] --rate: \"x\" (expected: a whole number of requests per second, 1..100000)";

    @TempDir
    Path temp;
    boolean gatewayPortTakenBefore;

    record Run(int exitCode, String output) {}

    @BeforeEach
    void notePort() {
        gatewayPortTakenBefore = listening(8000);
    }

    @Test
    void aDurationWithoutAUnitIsOneLineAndNothingStarts() throws Exception {
        Run run = shunt("demo", "--duration", "20");
        assertThat(run).isEqualTo(new Run(2, "[shunt] --duration: \"20\" has no unit (expected: a number with a unit: "
                + "250us, 500ms, 2s, 1.5s, 5m, 1h, or ISO-8601 such as PT2S)\n"));
        assertNothingStarted();
    }

    @Test
    void aRateThatIsNotANumberIsOneLineAndNothingStarts() throws Exception {
        Run run = shunt("demo", "--duration", "20s", "--rate", "abc");
        assertThat(run).isEqualTo(new Run(2,
                "[shunt] --rate: \"abc\" (expected: a whole number of requests per second, 1..100000)\n"));
        assertNothingStarted();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "demo --rate 0                | [shunt] --rate: \"0\" (expected: a whole number of requests per second, 1..100000)",
        "demo --rate=100001           | [shunt] --rate: \"100001\" (expected: a whole number of requests per second, 1..100000)",
        "demo --rate                  | [shunt] --rate: missing (expected: a whole number of requests per second, 1..100000)",
        "demo --duration 0s           | [shunt] --duration: \"0s\" (expected: more than zero)",
        "demo --rate 40 --fast        | [shunt] demo: unknown option --fast (expected: --duration D, --rate R, --no-build or --help)",
        "load                         | [shunt] load: scenario \"\" (expected: small-realtime, large-batch, mixed or step-load)",
        "load warp                    | [shunt] load: scenario \"warp\" (expected: small-realtime, large-batch, mixed or step-load)",
        "load mixed -Drows=3          | [shunt] load mixed: unknown property -Drows (expected: -Drate, -Dduration or -Dgatling.*)",
        "load mixed -Drate=fast       | [shunt] -Drate: \"fast\" (expected: a number > 0)",
        "load large-batch -Drows=0    | [shunt] -Drows: \"0\" (expected: a whole number > 0)",
        "load step-load -Dstart=-1    | [shunt] -Dstart: \"-1\" (expected: a number >= 0)",
        "load mixed --fast            | [shunt] load: unknown argument --fast (expected: -Dname=value or --no-build)",
        "deploy                       | [shunt] unknown command: deploy (expected: demo, load, simulate, reliability, soak or --help)"})
    void everyBadOptionIsOneLineNamingItWithExitCode2(String args, String line) throws Exception {
        assertThat(shunt(args.trim().split(" +"))).isEqualTo(new Run(2, line + "\n"));
        assertNothingStarted();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "demo --duration 60        | --duration | 60",
        "load mixed -Dduration=60  | -Dduration | 60",
        "load step-load -Dlevel=10 | -Dlevel    | 10"})
    void everyCommandsDurationsTakeTheOneGrammar(String args, String what, String text) throws Exception {
        assertThat(shunt(args.trim().split(" +"))).isEqualTo(new Run(2, "[shunt] " + refusal(what, text) + "\n"));
        assertNothingStarted();
    }

    @ParameterizedTest
    @ValueSource(strings = {"250us", "500ms", "2s", "1.5s", "5m", "1h", "PT2S", "pt0.25s", " 7 ms ", "2S", "1.5m", "P1D",
        "PT1H30M", "PT1,5S", "3µs", "0.001ms", "2562047h"})
    void theLauncherAcceptsWhatDurationsAccepts(String form) throws Exception {
        assertThatCode(() -> Durations.parsePositive("--duration", form)).doesNotThrowAnyException();
        assertThat(shunt("demo", "--duration", form, "--rate", "x"))
                .as("the duration passes, the next option is refused").isEqualTo(new Run(2, RATE + "\n"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"20", "1.5", "0s", "PT0S", "0.0ms", "", "ms", "-2s", "+5s", "2 parsecs", "1d", "1e3s", "PT-2S",
        "P", "PT", "P1DT", "2s5", "999999999999h"})
    void theLauncherRefusesWhatDurationsRefusesInTheSameWords(String form) throws Exception {
        assertThat(shunt("demo", "--duration", form, "--rate", "x"))
                .isEqualTo(new Run(2, "[shunt] " + refusal("--duration", form) + "\n"));
        assertNothingStarted();
    }

    @Test
    void helpSaysWhatDurationsLookLike() throws Exception {
        Run run = shunt("demo", "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.output()).contains("Durations (D) are a number with a unit: 250us, 500ms, 2s, 1.5s, 5m, 1h");
    }

    private static String refusal(String what, String text) {
        Throwable refused = catchThrowable(() -> Durations.parsePositive(what, text));
        assertThat(refused).as("Durations refuses \"%s\"", text).isInstanceOf(IllegalArgumentException.class);
        return refused.getMessage();
    }

    private Run shunt(String... args) throws IOException, InterruptedException {
        Path out = temp.resolve("out.txt");
        ProcessBuilder builder = new ProcessBuilder(Stream.concat(Stream.of(ROOT.resolve("shunt").toString()),
                Stream.of(args)).toList()).directory(ROOT.toFile()).redirectErrorStream(true).redirectOutput(out.toFile());
        builder.environment().put("SHUNT_RUN_DIR", temp.resolve("run").toString());
        Process process = builder.start();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroyForcibly();
            throw new AssertionError("./shunt " + String.join(" ", args) + " still ran after 30 s: it started something");
        }
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    }

    private void assertNothingStarted() throws IOException {
        assertThat(temp.resolve("run")).as("no run directory, no log").doesNotExist();
        if (!gatewayPortTakenBefore) {
            assertThat(listening(8000)).as("nothing listens on the gateway's port").isFalse();
        }
        try (Stream<Path> files = Files.list(temp)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).isEqualTo(List.of("out.txt"));
        }
    }

    private static boolean listening(int port) {
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
