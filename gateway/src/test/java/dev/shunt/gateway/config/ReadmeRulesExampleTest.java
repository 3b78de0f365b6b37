package dev.shunt.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shunt.routing.BackendSnapshot;
import dev.shunt.routing.ClusterSnapshot;
import dev.shunt.routing.Decision;
import dev.shunt.vocabulary.LatencyClass;
import dev.shunt.routing.PoolSnapshot;
import dev.shunt.routing.RequestProfile;
import dev.shunt.routing.RoutingPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's configuration reference and the config reader agree on routing rules: its example
 * loads with the real {@link ConfigLoader} and routes as its comments say, and the keys its table
 * lists for a rule are exactly the keys the reader accepts.
 */
class ReadmeRulesExampleTest {

    static final Path README = Path.of("..", "README.md");
    static final String MARKER = "<!-- example: rules policy";
    static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");

    final ConfigLoader loader = new ConfigLoader(Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void theExampleLoadsAndRoutesAsDocumented() throws IOException {
        RoutingPolicy policy = loader.parse(example()).routes().get(0).policy();

        assertThat(policy.decide(request("bert", 1, LatencyClass.REALTIME, Map.of()), idle()))
                .as("models: [bert, gpt2] wins over the realtime rule below it")
                .isEqualTo(new Decision.Route("gpu", "language"));
        assertThat(policy.decide(request("gpt2", 1, LatencyClass.STANDARD, Map.of()), idle()))
                .isEqualTo(new Decision.Route("gpu", "language"));
        assertThat(policy.decide(request("mlp", 1, LatencyClass.STANDARD, Map.of("X-Canary", "yes")), idle()))
                .isEqualTo(new Decision.Route("gpu", "canary"));
        assertThat(policy.decide(request("mlp", 1, LatencyClass.REALTIME, Map.of()), idle()))
                .isEqualTo(new Decision.Route("cpu", "realtime"));
        assertThat(policy.decide(request("mlp", 4, LatencyClass.STANDARD, Map.of()), idle()))
                .isEqualTo(new Decision.Route("cpu", "small"));
        assertThat(policy.decide(request("mlp", 16, LatencyClass.STANDARD, Map.of()), idle()))
                .isEqualTo(new Decision.Route("gpu", "large"));
    }

    @Test
    void theTableListsExactlyTheKeysTheReaderAccepts() throws IOException {
        Matcher row = Pattern.compile("\\{type: rules, rules: \\[\\{([^}]*)}]}").matcher(Files.readString(README));
        assertThat(row.find()).as("the routes[i].policy row of the configuration reference").isTrue();
        List<String> documented = Arrays.stream(row.group(1).split(",")).map(String::trim).sorted().toList();

        assertThatThrownBy(() -> loader.parse(example().replace("{name: large,", "{bogus: 1, name: large,")))
                .hasMessage("routes[0].policy.rules[4].bogus: unknown field (expected one of: "
                        + String.join(", ", documented) + ")");
    }

    @Test
    void theSingularModelKeyIsRefusedWithTheKeysThatExist() throws IOException {
        assertThatThrownBy(() -> loader.parse(example().replace("models: [bert, gpt2]", "model: bert")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("routes[0].policy.rules[0].model: unknown field (expected one of: ")
                .hasMessageContaining(" models, ");
        assertThatThrownBy(() -> loader.parse(example().replace("models: [bert, gpt2]", "models: []")))
                .hasMessage("routes[0].policy.rules[0].models: [] (expected: model names or \"*\")");
    }

    /** The fenced YAML block after the README's marker comment. */
    static String example() throws IOException {
        List<String> lines = Files.readAllLines(README);
        int marker = -1;
        for (int i = 0; i < lines.size() && marker < 0; i++) {
            if (lines.get(i).startsWith(MARKER)) {
                marker = i;
            }
        }
        assertThat(marker).as("README.md has the marker %s", MARKER).isNotNegative();
        assertThat(lines.get(marker + 1)).as("a yaml block right after the marker").isEqualTo("```yaml");
        StringBuilder yaml = new StringBuilder();
        for (int i = marker + 2; i < lines.size() && !lines.get(i).startsWith("```"); i++) {
            yaml.append(lines.get(i)).append('\n');
        }
        return yaml.toString();
    }

    private static RequestProfile request(String model, long rows, LatencyClass c, Map<String, String> headers) {
        return new RequestProfile(model, rows * 2048, rows, rows * 512, c, NOW.plusSeconds(2), headers);
    }

    private static ClusterSnapshot idle() {
        return new ClusterSnapshot(Map.of("cpu", pool("cpu"), "gpu", pool("gpu")));
    }

    private static PoolSnapshot pool(String name) {
        return new PoolSnapshot(name, List.of(new BackendSnapshot(name + "-1", true, false, 0, 64, Duration.ZERO, 1)));
    }
}
