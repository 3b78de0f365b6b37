package dev.shunt.loadtest;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every side-by-side benchmark takes (a picocli mixin). */
public final class BenchOptions {

    @Option(names = "--rounds", defaultValue = "3", description = "Interleaved rounds per config (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--round-seconds", defaultValue = "10", description = "Length of one round (default: ${DEFAULT-VALUE}).")
    int roundSeconds;

    @Option(names = "--warmup-seconds", defaultValue = "10", description = "Warm-up per config (default: ${DEFAULT-VALUE}).")
    int warmupSeconds;

    @Option(names = "--out", paramLabel = "FILE", description = "Also write the Markdown report to FILE.")
    Path out;

    @Option(names = "--logs", defaultValue = "target/bench-logs",
            description = "Where the servers' logs go (default: ${DEFAULT-VALUE}).")
    Path logs;

    /** Prints a benchmark's section and writes it to {@code --out} when given; the exit code (0). */
    int publish(Section section) throws java.io.IOException {
        System.out.println();
        System.out.println(section.markdown());
        if (out != null) {
            java.nio.file.Files.writeString(out, section.markdown());
        }
        return 0;
    }

    void validate() {
        if (rounds < 1 || roundSeconds < 1 || warmupSeconds < 0) {
            throw new IllegalArgumentException("--rounds and --round-seconds must be > 0, --warmup-seconds >= 0");
        }
        if (rounds * roundSeconds > 3600) {
            throw new IllegalArgumentException("--rounds x --round-seconds: " + rounds * roundSeconds
                    + " s (expected: <= 3600 per config)");
        }
    }
}
