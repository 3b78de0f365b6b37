package dev.shunt.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import org.junit.jupiter.api.Test;

/**
 * A route's name keys its metrics, its shadow report and its cutover ({@code POST /admin/cutover
 * {"route": ...}}): two routes with one name are refused, naming the second one's path.
 */
class DuplicateRouteNamesTest {

    final ConfigLoader loader = new ConfigLoader(Clock.systemUTC());

    static String routes(String... names) {
        StringBuilder yaml = new StringBuilder("""
                pools:
                  cpu: {backends: ["127.0.0.1:8001"]}
                routes:
                """);
        for (String name : names) {
            yaml.append("  - {name: ").append(name).append(", models: [").append(name)
                    .append("], policy: {type: latency-class, realtime: cpu, standard: cpu, batch: cpu}}\n");
        }
        return yaml.toString();
    }

    @Test
    void theSecondRouteWithANameIsRefusedWithItsPathAndTheFirstOnes() {
        assertThatThrownBy(() -> loader.parse(routes("mlp", "bert", "mlp")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("routes[2].name: \"mlp\" (expected: a name no other route has; routes[0] has it)");
    }

    @Test
    void distinctNamesLoad() {
        assertThat(loader.parse(routes("mlp", "bert", "convnet")).routes()).extracting(RouteConfig::name)
                .containsExactly("mlp", "bert", "convnet");
    }
}
