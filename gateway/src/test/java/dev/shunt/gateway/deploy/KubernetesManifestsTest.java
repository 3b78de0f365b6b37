package dev.shunt.gateway.deploy;

import static dev.shunt.gateway.deploy.ContainerCommands.option;
import static dev.shunt.gateway.deploy.ContainerCommands.parsed;
import static dev.shunt.gateway.deploy.RenderedManifests.containerPort;
import static dev.shunt.gateway.deploy.RenderedManifests.env;
import static dev.shunt.gateway.deploy.RenderedManifests.name;
import static dev.shunt.gateway.deploy.RenderedManifests.namespace;
import static dev.shunt.gateway.deploy.RenderedManifests.onlyContainer;
import static dev.shunt.gateway.deploy.RenderedManifests.preStopSleepSeconds;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shunt.gateway.config.ConfigLoader;
import dev.shunt.gateway.config.DnsDiscovery;
import dev.shunt.gateway.config.DnsLookupType;
import dev.shunt.gateway.config.GatewayConfig;
import dev.shunt.gateway.config.PoolConfig;
import dev.shunt.gateway.metrics.GatewayMetricNames;
import dev.shunt.vocabulary.LogFormat;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * Renders each overlay of {@code deploy/k8s} with {@code kubectl kustomize} and holds the manifests to
 * the code they run: the ConfigMap's {@code shunt.yaml} loads with the real {@link ConfigLoader}, its
 * pools name the headless Services, every flag is an option of its main class, ports, probe paths
 * (asked of a real gateway and model server, {@link HealthEndpoints}), DJL offline everywhere, the
 * admin token's Secret, grace periods, and autoscaling on the metric the gateway exports.
 */
class KubernetesManifestsTest {

    private static final Map<String, RenderedManifests> RENDERED = new ConcurrentHashMap<>();
    private static final String CONFIG_MAP = "shunt-gateway-config";
    private static final String METRIC = GatewayMetricNames.POOL_DESIRED_REPLICAS;

    @AfterAll
    static void stopServers() throws Exception {
        HealthEndpoints.closeModelServer();
    }

    static RenderedManifests rendered(String overlay) throws Exception {
        RenderedManifests r = RENDERED.get(overlay);
        if (r == null) {
            r = RenderedManifests.render(overlay);
            RENDERED.put(overlay, r);
        }
        return r;
    }

    static GatewayConfig config(RenderedManifests r) {
        JsonNode map = r.get("ConfigMap", CONFIG_MAP);
        return new ConfigLoader(Clock.systemUTC()).parse(map.at("/data/shunt.yaml").asText());
    }

    static JsonNode gateway(RenderedManifests r) {
        return r.get("Deployment", "shunt-gateway");
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void theConfigMapHoldsAShuntYamlTheGatewayLoadsFromWhereItsFlagSays(String overlay) throws Exception {
        RenderedManifests r = rendered(overlay);
        GatewayConfig config = config(r);
        assertThat(config.listener().host()).isEqualTo("0.0.0.0");
        JsonNode pod = gateway(r).at("/spec/template/spec");
        String volume = null;
        for (JsonNode v : pod.path("volumes")) {
            if (name(r.get("ConfigMap", CONFIG_MAP)).equals(v.at("/configMap/name").asText())) {
                volume = v.path("name").asText();
            }
        }
        assertThat(volume).as("a volume of the ConfigMap %s", CONFIG_MAP).isNotNull();
        JsonNode container = onlyContainer(gateway(r));
        String mountPath = null;
        for (JsonNode m : container.path("volumeMounts")) {
            if (volume.equals(m.path("name").asText())) {
                mountPath = m.path("mountPath").asText();
            }
        }
        assertThat(option(parsed(container), "--config").toString()).isEqualTo(mountPath + "/shunt.yaml");
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void everyPoolFindsItsBackendsThroughAHeadlessServiceOnTheirPort(String overlay) throws Exception {
        RenderedManifests r = rendered(overlay);
        for (PoolConfig pool : config(r).pools().values()) {
            assertThat(pool.backends()).as("pool %s: static backends", pool.name()).isEmpty();
            DnsDiscovery dns = pool.dns().orElseThrow();
            assertThat(dns.type()).isEqualTo(DnsLookupType.A);
            String[] parts = dns.name().split("\\.", 3);
            assertThat(parts[2]).as("pool %s: dns.name", pool.name()).isEqualTo("svc.cluster.local");
            JsonNode service = r.get("Service", parts[0]);
            assertThat(namespace(service)).as("namespace of Service %s", parts[0]).isEqualTo(parts[1]);
            assertThat(service.at("/spec/clusterIP").asText()).as("Service %s is headless", parts[0]).isEqualTo("None");
            JsonNode port = service.at("/spec/ports/0");
            assertThat(port.path("port").asInt()).isEqualTo(dns.port().getAsInt());
            List<JsonNode> deployments = r.deploymentsSelectedBy(service.at("/spec/selector"));
            assertThat(deployments).as("Deployments behind Service %s", parts[0]).hasSize(1);
            JsonNode container = onlyContainer(deployments.get(0));
            int target = containerPort(container, port.path("targetPort"));
            assertThat(target).isEqualTo(dns.port().getAsInt());
            CommandLine parsed = parsed(container);
            assertThat((Integer) option(parsed, "--port")).as("%s --port", name(deployments.get(0))).isEqualTo(target);
            // the flag's default, 127.0.0.1, is out of the Service's reach
            assertThat((String) option(parsed, "--host")).as("%s --host", name(deployments.get(0))).isEqualTo("0.0.0.0");
            String ready = container.at("/readinessProbe/httpGet/path").asText();
            assertThat(ready).as("%s readiness = what the pool checks", name(deployments.get(0)))
                    .isEqualTo(pool.healthCheck().path());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void theGatewayListensWhereItsContainerAndServiceSay(String overlay) throws Exception {
        RenderedManifests r = rendered(overlay);
        int listener = config(r).listener().port();
        JsonNode container = onlyContainer(gateway(r));
        JsonNode service = r.get("Service", "shunt-gateway");
        assertThat(r.deploymentsSelectedBy(service.at("/spec/selector"))).containsExactly(gateway(r));
        assertThat(containerPort(container, service.at("/spec/ports/0/targetPort"))).isEqualTo(listener);
        assertThat(container.at("/ports/0/containerPort").asInt()).isEqualTo(listener);
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void everyContainerRunsDjlOfflineWithAValidLogFormat(String overlay) throws Exception {
        for (JsonNode deployment : rendered(overlay).all("Deployment")) {
            JsonNode pod = deployment.at("/spec/template/spec");
            for (JsonNode container : concat(pod.path("initContainers"), pod.path("containers"))) {
                String what = name(deployment) + "/" + container.path("name").asText();
                assertThat(env(container, "OPT_OUT_TRACKING")).as(what).isNotNull();
                assertThat(env(container, "OPT_OUT_TRACKING").path("value").asText()).as(what).isEqualTo("true");
                JsonNode tool = env(container, "JAVA_TOOL_OPTIONS");
                assertThat(tool).as(what + " JAVA_TOOL_OPTIONS").isNotNull();
                assertThat(Arrays.asList(tool.path("value").asText().split("\\s+"))).as(what)
                        .contains("-Dai.djl.offline=true");
                JsonNode format = env(container, LogFormat.ENV);
                if (format != null) {
                    assertThat(LogFormat.problem(format.path("value").asText())).as(what).isEmpty();
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void theAdminTokenComesFromASecretKeyNamedAsAdminTokenEnv(String overlay) throws Exception {
        RenderedManifests r = rendered(overlay);
        String tokenEnv = config(r).admin().tokenEnv().orElseThrow();
        JsonNode ref = env(onlyContainer(gateway(r)), tokenEnv);
        assertThat(ref).as("the gateway's env %s", tokenEnv).isNotNull();
        assertThat(ref.at("/valueFrom/secretKeyRef/key").asText()).isEqualTo(tokenEnv);
        String secretName = ref.at("/valueFrom/secretKeyRef/name").asText();
        if (overlay.equals("production")) {
            // created by hand (see the overlay): the token is not in git
            assertThat(r.find("Secret", secretName)).isEmpty();
            assertThat(secretName).isEqualTo("shunt-admin");
            return;
        }
        assertThat(r.get("Secret", secretName).path("data").has(tokenEnv)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void terminationGraceCoversThePreStopSleepAndTheDrain(String overlay) throws Exception {
        RenderedManifests r = rendered(overlay);
        for (JsonNode deployment : r.all("Deployment")) {
            JsonNode container = onlyContainer(deployment);
            CommandLine parsed = parsed(container);
            Duration drain = deployment == gateway(r) ? config(r).listener().drainGrace()
                    : option(parsed, "--shutdown-grace");
            long preStop = preStopSleepSeconds(container);
            assertThat(preStop).as("%s: preStop sleep (endpoints update first)", name(deployment)).isPositive();
            assertThat(deployment.at("/spec/template/spec/terminationGracePeriodSeconds").asLong())
                    .as("%s: terminationGracePeriodSeconds > preStop %ds + drain %s", name(deployment), preStop, drain)
                    .isGreaterThan(preStop + drain.toSeconds());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void probesAskHealthEndpointsTheRealServersAnswer(String overlay) throws Exception {
        RenderedManifests r = rendered(overlay);
        try (HealthEndpoints.Gateway gateway = HealthEndpoints.gateway(config(r))) {
            for (JsonNode deployment : r.all("Deployment")) {
                JsonNode container = onlyContainer(deployment);
                for (String probe : List.of("readinessProbe", "livenessProbe")) {
                    JsonNode get = container.path(probe).path("httpGet");
                    assertThat(get.isMissingNode()).as("%s: %s", name(deployment), probe).isFalse();
                    assertThat(containerPort(container, get.path("port")))
                            .isEqualTo(container.at("/ports/0/containerPort").asInt());
                    String path = get.path("path").asText();
                    int status = deployment == gateway(r) ? gateway.status(path) : HealthEndpoints.modelServerStatus(path);
                    assertThat(status).as("%s: %s %s on a real server", name(deployment), probe, path)
                            .isIn(probe.equals("livenessProbe") ? List.of(200) : List.of(200, 503));
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void backendsScaleOnTheDesiredReplicasThePrometheusAdapterServes(String overlay) throws Exception {
        RenderedManifests r = rendered(overlay);
        assertThat(PrometheusAdapterRules.load().externalMetricsQuerying(METRIC)).containsExactly(METRIC);
        for (PoolConfig pool : config(r).pools().values()) {
            String service = pool.dns().orElseThrow().name().split("\\.")[0];
            JsonNode deployment = r.deploymentsSelectedBy(r.get("Service", service).at("/spec/selector")).get(0);
            JsonNode hpa = r.all("HorizontalPodAutoscaler").stream()
                    .filter(h -> name(deployment).equals(h.at("/spec/scaleTargetRef/name").asText())).findFirst()
                    .orElseThrow(() -> new AssertionError("no HPA for " + name(deployment)));
            assertThat(hpa.path("apiVersion").asText()).isEqualTo("autoscaling/v2");
            JsonNode external = hpa.at("/spec/metrics/0/external");
            assertThat(external.at("/metric/name").asText()).isEqualTo(METRIC);
            assertThat(external.at("/metric/selector/matchLabels/pool").asText()).isEqualTo(pool.name());
            assertThat(external.at("/target/type").asText()).isEqualTo("AverageValue");
            assertThat(external.at("/target/averageValue").asText()).isEqualTo("1");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void theGatewayHasADisruptionBudgetAndScalesOnCpu(String overlay) throws Exception {
        RenderedManifests r = rendered(overlay);
        int replicas = overlay.equals("production") ? 2 : 1;
        assertThat(gateway(r).at("/spec/replicas").asInt()).isEqualTo(replicas);
        JsonNode pdb = r.get("PodDisruptionBudget", "shunt-gateway");
        assertThat(r.deploymentsSelectedBy(pdb.at("/spec/selector/matchLabels"))).containsExactly(gateway(r));
        JsonNode hpa = r.get("HorizontalPodAutoscaler", "shunt-gateway");
        assertThat(hpa.at("/spec/minReplicas").asInt()).isEqualTo(replicas);
        assertThat(hpa.at("/spec/metrics/0/resource/name").asText()).isEqualTo("cpu");
        assertThat(onlyContainer(gateway(r)).at("/resources/requests/cpu").isMissingNode()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void modelServersHaveTheirResourcesAndThreadPlacement(String overlay) throws Exception {
        RenderedManifests r = rendered(overlay);
        JsonNode cpu = onlyContainer(r.get("Deployment", "shunt-cpu"));
        assertThat(cpu.at("/resources/limits/cpu")).isEqualTo(cpu.at("/resources/requests/cpu"));
        assertThat(env(cpu, "OMP_PLACES").path("value").asText()).isEqualTo("cores");
        assertThat(env(cpu, "OMP_PROC_BIND").path("value").asText()).isEqualTo("close");
        CommandLine gpu = parsed(onlyContainer(r.get("Deployment", "shunt-gpu")));
        assertThat(gpu.getParseResult().hasMatchedOption("--max-batch-size")).isTrue();
        assertThat(gpu.getParseResult().hasMatchedOption("--max-queue-delay")).isTrue();
        JsonNode gpuLimits = onlyContainer(r.get("Deployment", "shunt-gpu")).at("/resources/limits");
        assertThat(gpuLimits.path("nvidia.com/gpu").asText()).isEqualTo(overlay.equals("production") ? "1" : "");
        assertThat(option(parsed(onlyContainer(r.get("Deployment", "shunt-staging"))), "--variant").toString())
                .isEqualTo("candidate");
    }

    private static List<JsonNode> concat(JsonNode a, JsonNode b) {
        List<JsonNode> all = new java.util.ArrayList<>();
        a.forEach(all::add);
        b.forEach(all::add);
        return all;
    }
}
