package dev.shunt.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ReloadCheckTest {

    static final String IN_FORCE = """
            listener: {host: 127.0.0.1, port: 8000, eventLoops: 2, maxBodyBytes: 1048576}
            pools:
              cpu: {backends: ["127.0.0.1:8001"], maxConnectionsPerBackend: 64}
              gpu: {backends: ["127.0.0.1:8002"], maxConnectionsPerBackend: 32}
            routes:
              - name: default
                policy: {type: size-threshold, maxRows: 4, small: cpu, large: gpu}
            resilience: {retryBudgetPercent: 10}
            admin: {tokenEnv: SHUNT_ADMIN_TOKEN}
            """;

    static final Function<String, String> ENV = Map.of("SHUNT_ADMIN_TOKEN", "s3cret", "EMPTY", " ")::get;

    final ConfigLoader loader = new ConfigLoader(Clock.systemUTC());
    final GatewayConfig inForce = loader.parse(IN_FORCE);

    ReloadCheck reload(String from, String to) {
        return ReloadCheck.of(inForce, loader.parse(IN_FORCE.replace(from, to)), ENV);
    }

    @Test
    void routingPoolsAndDeadlinesReloadWhileTheTokenVariableIsSet() {
        assertThat(ReloadCheck.of(inForce, loader.parse(IN_FORCE), ENV)).isEqualTo(new ReloadCheck.Accept());
        assertThat(reload("maxRows: 4", "maxRows: 8")).isEqualTo(new ReloadCheck.Accept());
        assertThat(reload("backends: [\"127.0.0.1:8001\"]", "backends: [\"127.0.0.1:8001\", \"127.0.0.1:8011\"]"))
                .isEqualTo(new ReloadCheck.Accept());
        assertThat(reload("{retryBudgetPercent: 10}", "{retryBudgetPercent: 10, classDeadlines: {realtime: 150ms}}"))
                .isEqualTo(new ReloadCheck.Accept());
    }

    @Test
    void aTokenVariableThatIsNotSetIsRefusedByName() {
        assertThat(reload("tokenEnv: SHUNT_ADMIN_TOKEN", "tokenEnv: SHUNT_ADMN_TOKEN")).isEqualTo(new ReloadCheck.Refuse(
                "admin.tokenEnv: SHUNT_ADMN_TOKEN is not set in the gateway's environment (expected: a variable holding "
                        + "the admin token; applied, this config would switch the admin API off)"));
    }

    @Test
    void aBlankTokenVariableIsRefusedByName() {
        assertThat(reload("tokenEnv: SHUNT_ADMIN_TOKEN", "tokenEnv: EMPTY"))
                .isInstanceOfSatisfying(ReloadCheck.Refuse.class, refuse -> assertThat(refuse.message())
                        .startsWith("admin.tokenEnv: EMPTY is blank in the gateway's environment (expected: "));
    }

    @Test
    void anUnsetVariableWithATokenFileToFallBackOnIsAccepted() {
        assertThat(reload("{tokenEnv: SHUNT_ADMIN_TOKEN}", "{tokenEnv: SHUNT_ADMN_TOKEN, tokenFile: /run/secrets/admin}"))
                .as("AdminAuth reads the file when the variable is empty, and refuses an unreadable one")
                .isEqualTo(new ReloadCheck.Accept());
    }

    @Test
    void leavingTheAdminSectionOutIsAcceptedAsADeliberateChoice() {
        assertThat(reload("admin: {tokenEnv: SHUNT_ADMIN_TOKEN}\n", "")).isEqualTo(new ReloadCheck.Accept());
    }

    @Test
    void listenerChangesNeedARestartAndAreNamed() {
        assertThat(reload("port: 8000, eventLoops: 2", "port: 8080, eventLoops: 4")).isEqualTo(new ReloadCheck.Refuse(
                "needs a restart: listener.port 8000 -> 8080, listener.eventLoops 2 -> 4 (read only at start; restart "
                        + "the gateway to apply them, or put them back to reload the rest)"));
        assertThat(reload("host: 127.0.0.1, port: 8000", "host: 0.0.0.0, port: 8000"))
                .isEqualTo(refusedForRestart("listener.host \"127.0.0.1\" -> \"0.0.0.0\""));
        assertThat(reload("maxBodyBytes: 1048576", "maxBodyBytes: 2097152"))
                .isEqualTo(refusedForRestart("listener.maxBodyBytes 1048576 -> 2097152"));
    }

    @Test
    void tracingIsReadOnlyAtStart() {
        assertThat(reload("admin: {tokenEnv: SHUNT_ADMIN_TOKEN}\n",
                "admin: {tokenEnv: SHUNT_ADMIN_TOKEN}\ntracing: {otlpEndpoint: http://collector:4318}\n"))
                .isEqualTo(refusedForRestart("tracing off -> {otlpEndpoint: http://collector:4318, "
                        + "serviceName: shunt-gateway, sampleRatio: 1.0}"));
    }

    @Test
    void theAdminListenerIsReadOnlyAtStart() {
        assertThat(reload("admin: {tokenEnv: SHUNT_ADMIN_TOKEN}", "admin: {tokenEnv: SHUNT_ADMIN_TOKEN, listener: {port: 9000}}"))
                .isEqualTo(refusedForRestart("admin.listener off -> {host: 127.0.0.1, port: 9000}"));
        ReloadCheck moved = ReloadCheck.of(loader.parse(IN_FORCE.replace("admin: {tokenEnv: SHUNT_ADMIN_TOKEN}",
                        "admin: {tokenEnv: SHUNT_ADMIN_TOKEN, listener: {port: 9000}}")),
                loader.parse(IN_FORCE.replace("admin: {tokenEnv: SHUNT_ADMIN_TOKEN}",
                        "admin: {tokenEnv: SHUNT_ADMIN_TOKEN, listener: {host: 0.0.0.0, port: 9001}}")), ENV);
        assertThat(moved).isEqualTo(refusedForRestart(
                "admin.listener {host: 127.0.0.1, port: 9000} -> {host: 0.0.0.0, port: 9001}"));
    }

    @Test
    void replicasAreReadOnlyAtStart() {
        assertThat(reload("admin: {tokenEnv: SHUNT_ADMIN_TOKEN}\n", "admin: {tokenEnv: SHUNT_ADMIN_TOKEN}\n"
                + "replicas: {self: \"127.0.0.1:8000\", peers: [\"127.0.0.1:8000\", \"127.0.0.1:8100\"]}\n"))
                .isEqualTo(refusedForRestart("replicas off -> {self: 127.0.0.1:8000, peers: [127.0.0.1:8000, "
                        + "127.0.0.1:8100], heartbeat: PT0.5S, timeout: PT2S}"));
    }

    @Test
    void theRetryBudgetIsRebuiltWithThePoolsNotARestart() {
        // each pool's budget is rebuilt when a reload changes it (the default comes from resilience)
        assertThat(reload("retryBudgetPercent: 10", "retryBudgetPercent: 20.5")).isEqualTo(new ReloadCheck.Accept());
    }

    @Test
    void aNewLargestConnectionCountNeedsARestartNamingThePool() {
        assertThat(reload("maxConnectionsPerBackend: 32", "maxConnectionsPerBackend: 128")).isEqualTo(refusedForRestart(
                "pools.gpu.maxConnectionsPerBackend 32 -> 128 (the largest over all pools, 64 -> 128, sizes every "
                        + "edge's HTTP client)"));
        assertThat(reload("maxConnectionsPerBackend: 32", "maxConnectionsPerBackend: 16"))
                .as("the largest, which the clients were sized with, stays 64").isEqualTo(new ReloadCheck.Accept());
        assertThat(reload("  cpu: {backends: [\"127.0.0.1:8001\"], maxConnectionsPerBackend: 64}\n", ""
                .concat("  cpu: {backends: [\"127.0.0.1:8001\"], maxConnectionsPerBackend: 32}\n")
                .concat("  tpu: {backends: [\"127.0.0.1:8004\"], maxConnectionsPerBackend: 256}\n")))
                .isEqualTo(refusedForRestart("pools.cpu.maxConnectionsPerBackend 64 -> 32, "
                        + "pools.tpu.maxConnectionsPerBackend 256 (a new pool) (the largest over all pools, 64 -> 256, "
                        + "sizes every edge's HTTP client)"));
    }

    @Test
    void everyReasonIsInTheOneMessage() {
        ReloadCheck both = ReloadCheck.of(inForce, loader.parse(IN_FORCE.replace("port: 8000", "port: 8080")
                .replace("tokenEnv: SHUNT_ADMIN_TOKEN", "tokenEnv: NOPE")), ENV);
        assertThat(both).isInstanceOfSatisfying(ReloadCheck.Refuse.class, refuse -> assertThat(refuse.message())
                .startsWith("admin.tokenEnv: NOPE is not set")
                .contains("; needs a restart: listener.port 8000 -> 8080 (read only at start;"));
    }

    static ReloadCheck refusedForRestart(String changes) {
        return new ReloadCheck.Refuse("needs a restart: " + changes
                + " (read only at start; restart the gateway to apply them, or put them back to reload the rest)");
    }
}
