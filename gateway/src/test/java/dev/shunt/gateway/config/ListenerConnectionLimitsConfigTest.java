package dev.shunt.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code listener.headerTimeout}, {@code .bodyTimeout}, {@code .idleTimeout}, {@code .maxConnections}. */
class ListenerConnectionLimitsConfigTest {

    static final String CONFIG = """
            listener: {host: 127.0.0.1, port: 8000, eventLoops: 2}
            pools: {cpu: {backends: ["127.0.0.1:8001"]}}
            routes: [{name: default, policy: {type: rules, rules: [{name: all, pool: cpu}]}}]
            """;

    final ConfigLoader loader = new ConfigLoader(Clock.systemUTC());

    GatewayConfig parse(String listenerExtra) {
        return loader.parse(CONFIG.replace("eventLoops: 2}", "eventLoops: 2" + listenerExtra + "}"));
    }

    @Test
    void defaultsWhenLeftOut() {
        ListenerConfig listener = parse("").listener();
        assertThat(listener.headerTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(listener.bodyTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(listener.idleTimeout()).isEqualTo(Duration.ofSeconds(75));
        assertThat(listener.maxConnections()).isEqualTo(10_000);
    }

    @Test
    void readAsGiven() {
        ListenerConfig listener = parse(", headerTimeout: 2s, bodyTimeout: 1m, idleTimeout: 500ms, maxConnections: 64")
                .listener();
        assertThat(listener.connectionLimits()).isEqualTo(new dev.shunt.connection.ConnectionLimits(
                Duration.ofSeconds(2), Duration.ofMinutes(1), Duration.ofMillis(500), 64));
    }

    @Test
    void badValuesNameTheirPath() {
        assertThatThrownBy(() -> parse(", headerTimeout: 0s"))
                .isInstanceOf(ConfigException.class).hasMessage("listener.headerTimeout: PT0S (expected: a duration > 0)");
        assertThatThrownBy(() -> parse(", bodyTimeout: 0ms")).hasMessage("listener.bodyTimeout: PT0S (expected: a duration > 0)");
        assertThatThrownBy(() -> parse(", idleTimeout: soon")).hasMessage("listener.idleTimeout: \"soon\" (expected: a "
                + "number with a unit: 250us, 500ms, 2s, 1.5s, 5m, 1h, or ISO-8601 such as PT2S)");
        assertThatThrownBy(() -> parse(", maxConnections: 0")).hasMessage("listener.maxConnections: 0 (expected: > 0)");
        assertThatThrownBy(() -> parse(", maxConnection: 10")).hasMessageStartingWith(
                "listener.maxConnection: unknown field (expected one of:");
    }

    @Test
    void aReloadThatChangesThemNeedsARestart() {
        GatewayConfig inForce = parse("");
        assertThat(ReloadCheck.of(inForce, parse(", headerTimeout: 5s, maxConnections: 100"), Map.<String, String>of()::get))
                .isEqualTo(ReloadCheckTest.refusedForRestart(
                        "listener.headerTimeout PT10S -> PT5S, listener.maxConnections 10000 -> 100"));
        assertThat(ReloadCheck.of(inForce, parse(", bodyTimeout: 1m, idleTimeout: 2m"), Map.<String, String>of()::get))
                .isEqualTo(ReloadCheckTest.refusedForRestart(
                        "listener.bodyTimeout PT30S -> PT1M, listener.idleTimeout PT1M15S -> PT2M"));
    }
}
