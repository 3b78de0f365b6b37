package dev.shunt.gateway.config;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Traces over OTLP ({@code tracing:}); absent, the gateway makes no span and creates no SDK.
 *
 * @param otlpEndpoint the collector's OTLP/HTTP endpoint, e.g. {@code http://otel-collector:4318}
 *     ({@code /v1/traces} is appended unless it ends with it)
 * @param serviceName the {@code service.name} of the gateway's spans
 * @param sampleRatio the share of new traces sampled, 0..1; a caller's sampled flag is followed
 */
public record TracingConfig(URI otlpEndpoint, String serviceName, double sampleRatio) {

    /** The default {@code service.name}. */
    public static final String DEFAULT_SERVICE_NAME = "shunt-gateway";

    public TracingConfig {
        requireNonNull(otlpEndpoint, "otlpEndpoint");
        String scheme = otlpEndpoint.getScheme();
        if (!("http".equals(scheme) || "https".equals(scheme)) || otlpEndpoint.getHost() == null) {
            throw new IllegalArgumentException(badEndpoint(otlpEndpoint.toString()));
        }
        Checks.notBlank("serviceName", serviceName);
        Checks.between("sampleRatio", sampleRatio, 0.0, 1.0);
    }

    /** Parses {@code endpoint}, refusing what is no http(s) URL with a host. */
    static URI endpoint(String endpoint) {
        try {
            return new URI(endpoint);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(badEndpoint(endpoint));
        }
    }

    private static String badEndpoint(String endpoint) {
        return "otlpEndpoint: \"" + endpoint + "\" (expected: an http or https URL with a host, e.g. http://otel-collector:4318)";
    }
}
