package dev.shunt.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every gateway config the repository ships (the local layout, the benchmarks' anchor configs) loads. */
class ShippedConfigsTest {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    static List<Path> gatewayConfigs() throws IOException {
        List<Path> found;
        try (Stream<Path> files = Stream.of("deploy", "examples", "load-tests/anchor").map(ROOT::resolve)
                .filter(Files::isDirectory).flatMap(ShippedConfigsTest::walk)) {
            found = files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
                    .filter(ShippedConfigsTest::isGatewayConfig).sorted().toList();
        }
        assertThat(found).as("the local layout at least").contains(ROOT.resolve("deploy/local/shunt.yaml"));
        return found;
    }

    @ParameterizedTest
    @MethodSource("gatewayConfigs")
    void loads(Path file) {
        assertThatCode(() -> new ConfigLoader(Clock.systemUTC()).load(file)).as(ROOT.relativize(file).toString())
                .doesNotThrowAnyException();
    }

    private static Stream<Path> walk(Path dir) {
        try {
            return Files.walk(dir).filter(p -> !p.toString().contains("/target/"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A gateway config has {@code pools:} at the top level (Kubernetes manifests and others do not). */
    private static boolean isGatewayConfig(Path file) {
        try {
            return Files.readAllLines(file).stream().anyMatch(line -> line.startsWith("pools:"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
