package dev.shunt.gatling;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import dev.shunt.vocabulary.Durations;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.time.Duration;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * What the scenarios send: v2 inference requests for the {@code mlp} model built once from a seed,
 * and the settings every simulation reads from system properties ({@code -Dshunt.gateway},
 * {@code -Drate}, {@code -Dduration}, ...).
 */
final class ShuntRequests {

    private ShuntRequests() {}

    /** The gateway, loopback only. */
    static HttpProtocolBuilder protocol() {
        String gateway = System.getProperty("shunt.gateway", "http://127.0.0.1:8000");
        if (!gateway.startsWith("http://127.0.0.1:") && !gateway.startsWith("http://localhost:")) {
            throw new IllegalArgumentException("shunt.gateway: " + gateway + " (expected: a loopback address)");
        }
        return http.baseUrl(gateway).contentTypeHeader("application/json").acceptHeader("application/json")
                .shareConnections();
    }

    /** One inference of {@code rows} rows sent as {@code latencyClass}; OK only when answered 200. */
    static HttpRequestActionBuilder infer(String latencyClass, int rows, long seed) {
        return http(latencyClass + " " + rows + " row(s)").post("/v2/models/mlp/infer")
                .header("X-Latency-Class", latencyClass).body(StringBody(body(rows, seed))).check(status().is(200));
    }

    static double doubleProperty(String name, double fallback) {
        String value = System.getProperty(name);
        return value == null ? fallback : Double.parseDouble(value);
    }

    static int intProperty(String name, int fallback) {
        String value = System.getProperty(name);
        return value == null ? fallback : Integer.parseInt(value);
    }

    /** A duration property in the one grammar ({@code 30s}, {@code 1.5m}, {@code PT30S}); a bare number is refused. */
    static Duration duration(String name, Duration fallback) {
        String value = System.getProperty(name);
        return value == null ? fallback : Durations.parsePositive("-D" + name, value);
    }

    /** {@code {"inputs":[{"name":"input","datatype":"FP32","shape":[rows,512],"data":[...]}]}}. */
    static String body(int rows, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        StringBuilder sb = new StringBuilder(rows * 512 * 9 + 128);
        sb.append("{\"inputs\":[{\"name\":\"input\",\"datatype\":\"FP32\",\"shape\":[").append(rows).append(",512],\"data\":[");
        for (int i = 0; i < rows * 512; i++) {
            sb.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.4f", random.nextDouble() * 2 - 1));
        }
        return sb.append("]}]}").toString();
    }
}
