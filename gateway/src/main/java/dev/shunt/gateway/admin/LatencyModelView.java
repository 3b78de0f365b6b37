package dev.shunt.gateway.admin;

import dev.shunt.gateway.pool.Pool;
import dev.shunt.routing.latency.ServiceCurve;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /admin/latency-model}: what the gateway has learned of each pool's latency, as the
 * {@code slo} policy uses it: the service-time line, the wait its backends report, the typical size,
 * estimates for a few sizes, how many answers it learned from, its cost and concurrency.
 */
final class LatencyModelView {

    private static final List<Long> ROWS = List.of(1L, 8L, 32L);

    private LatencyModelView() {}

    static Map<String, Object> of(Map<String, Pool> pools) {
        Map<String, Object> out = new LinkedHashMap<>();
        pools.forEach((name, pool) -> {
            ServiceCurve curve = pool.latencyCurve();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("fixedMs", curve.fixedNanos() / 1e6);
            m.put("perRowMs", curve.perRowNanos() / 1e6);
            m.put("queueMs", curve.queueNanos() / 1e6);
            m.put("meanRows", curve.meanRows());
            m.put("samples", curve.samples());
            Map<String, Object> estimates = new LinkedHashMap<>();
            for (long rows : ROWS) {
                estimates.put(Long.toString(rows), curve.serviceNanos(rows) / 1e6);
            }
            m.put("serviceMsByRows", estimates);
            m.put("concurrency", pool.config().latency().concurrency());
            m.put("batching", pool.config().latency().batching());
            m.put("costPerHour", pool.config().costPerHour());
            m.put("busyBackends", pool.busyBackends());
            m.put("backends", pool.backends().size());
            m.put("desiredReplicas", pool.desiredReplicas());
            m.put("targetUtilization", pool.config().targetUtilization());
            out.put(name, m);
        });
        return out;
    }
}
