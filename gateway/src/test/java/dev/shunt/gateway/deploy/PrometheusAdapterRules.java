package dev.shunt.gateway.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The external-metric rules of {@code deploy/k8s/prometheus-adapter/values.yaml} (the Helm chart's values). */
final class PrometheusAdapterRules {

    private final JsonNode external;

    private PrometheusAdapterRules(JsonNode external) {
        this.external = external;
    }

    static PrometheusAdapterRules load() throws IOException {
        JsonNode values = RenderedManifests.YAML.readTree(
                RenderedManifests.repositoryRoot().resolve("deploy/k8s/prometheus-adapter/values.yaml").toFile());
        JsonNode external = values.at("/rules/external");
        assertThat(external.isArray()).as("rules.external in the adapter's values").isTrue();
        return new PrometheusAdapterRules(external);
    }

    /**
     * The names under which rules serve a series of {@code metric}: each such rule must ask for it, sum
     * it over the gateways ({@code <<.Series>>} with the HPA's label matchers) and be namespaced.
     */
    List<String> externalMetricsQuerying(String metric) {
        List<String> served = new ArrayList<>();
        for (JsonNode rule : external) {
            if (!rule.path("seriesQuery").asText().startsWith(metric + "{")) {
                continue;
            }
            String query = rule.path("metricsQuery").asText();
            assertThat(query).as("metricsQuery of %s", metric)
                    .contains("sum", "<<.Series>>{<<.LabelMatchers>>}", "by (pool)");
            assertThat(rule.at("/resources/overrides/namespace/resource").asText()).isEqualTo("namespace");
            String as = rule.at("/name/as").asText();
            served.add(as.isEmpty() ? metric : as);
        }
        return served;
    }
}
