package dev.shunt.gateway;

import dev.shunt.gateway.metrics.GatewayMetrics;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;

/**
 * The gateway's Vert.x instance: native transport when available, one event loop per edge, and
 * Vert.x's own metrics in the gateway's registry, so {@code /metrics} shows both: always the worker
 * pools ({@code vertx_pool_*}); the HTTP client's connections, requests in flight, bytes and
 * response times ({@code vertx_http_client_*}) only when asked, because they cost every forward
 * about 6 µs of CPU (measured: 34–36 → 40 µs a request with the anchor-bench fast backend). The
 * HTTP server category is always off: {@code shunt_request*} already time every request.
 */
final class GatewayVertx {

    private GatewayVertx() {}

    static Vertx create(GatewayMetrics metrics, int eventLoops, boolean httpClientMetrics, TransportChoice transport) {
        MicrometerMetricsOptions options = new MicrometerMetricsOptions().setEnabled(true)
                .addDisabledMetricsCategory(MetricsDomain.HTTP_SERVER);
        if (!httpClientMetrics) {
            options.addDisabledMetricsCategory(MetricsDomain.HTTP_CLIENT);
        }
        return Vertx.builder()
                .with(new VertxOptions().setEventLoopPoolSize(eventLoops).setMetricsOptions(options))
                .withTransport(transport.transport())
                .withMetrics(new MicrometerMetricsFactory(metrics.registry()))
                .build();
    }
}
