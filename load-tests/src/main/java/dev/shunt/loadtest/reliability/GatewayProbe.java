package dev.shunt.loadtest.reliability;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * What a harness asks a running gateway over HTTP: its Prometheus text, its admin API (with the admin
 * token) and its readiness. Blocking; call it from the harness's own thread, never an event loop.
 */
final class GatewayProbe {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private final int port;
    private final String adminToken;

    GatewayProbe(int port, String adminToken) {
        this.port = port;
        this.adminToken = requireNonNull(adminToken, "adminToken");
    }

    int port() {
        return port;
    }

    /** The sum of every sample of {@code metric} whose label text contains each of {@code labels}. */
    double metric(String metric, String... labels) throws IOException, InterruptedException {
        return PrometheusText.sum(get("/metrics", false).body(), metric, labels);
    }

    /** {@code GET path} of the admin API as JSON; fails unless it answers 200. */
    JsonNode admin(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = get(path, true);
        if (r.statusCode() != 200) {
            throw new IOException("GET " + path + " on :" + port + ": " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body());
    }

    /** {@code POST path} of the admin API; the status and body as they came. */
    HttpResponse<String> adminPost(String path, String body) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + adminToken).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The status of {@code GET /v2/health/ready}, 0 when it does not answer. */
    int readiness() {
        try {
            return get("/v2/health/ready", false).statusCode();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /** The circuit state ({@code closed}, {@code open}, {@code half_open}) of one backend of a pool. */
    String circuit(String pool, String backend) throws IOException, InterruptedException {
        for (JsonNode b : backends(pool)) {
            if (backend.equals(b.path("backend").asText())) {
                return b.path("circuit").asText();
            }
        }
        throw new IOException("no backend " + backend + " in pool " + pool + " of /admin/pools on :" + port);
    }

    /** The opaque id ({@code publicId}) answers and error bodies name a backend of a pool by. */
    String publicId(String pool, String backend) throws IOException, InterruptedException {
        for (JsonNode b : backends(pool)) {
            if (backend.equals(b.path("backend").asText())) {
                return b.path("publicId").asText();
            }
        }
        throw new IOException("no backend " + backend + " in pool " + pool + " of /admin/pools on :" + port);
    }

    /** Each backend's health and circuit, e.g. {@code cpu: 127.0.0.1:8001 healthy closed}, for notes. */
    String poolStates() throws IOException, InterruptedException {
        StringBuilder out = new StringBuilder();
        JsonNode pools = admin("/admin/pools");
        JsonNode all = pools.has("pools") ? pools.get("pools") : pools;
        all.fieldNames().forEachRemaining(pool -> {
            try {
                for (JsonNode b : backends(pool)) {
                    out.append(out.length() == 0 ? "" : "; ").append(pool).append(": ").append(b.path("backend").asText())
                            .append(b.path("healthy").asBoolean() ? " healthy " : " unhealthy ")
                            .append(b.path("circuit").asText());
                }
            } catch (IOException | InterruptedException e) {
                out.append(pool).append(": ").append(e.getMessage());
            }
        });
        return out.toString();
    }

    private JsonNode backends(String pool) throws IOException, InterruptedException {
        JsonNode pools = admin("/admin/pools");
        JsonNode p = pools.has(pool) ? pools.get(pool) : pools.path("pools").path(pool);
        return p.isArray() ? p : p.path("backends");
    }

    private HttpResponse<String> get(String path, boolean admin) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10));
        if (admin) {
            b.header("Authorization", "Bearer " + adminToken);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
