package dev.shunt.gateway.pipeline;

import dev.shunt.gateway.pool.Pool;
import dev.shunt.vocabulary.ShuntHeaders;
import io.vertx.core.MultiMap;

/**
 * What an answer teaches a pool's latency model: the backend's own {@code X-Compute-Ms},
 * {@code X-Queue-Ms} and {@code X-Batch-Size} when it sends them (Shunt's model servers do), else the
 * whole upstream time for the request's own rows (a Triton behind the gateway). A timeout the client's
 * deadline caused is learned as its time: the backend took at least that long.
 */
final class LatencySample {

    private LatencySample() {}

    /** Learns from a 2xx answer. */
    static void answered(Pool pool, MultiMap headers, long requestRows, long upstreamNanos) {
        double compute = millisAsNanos(headers.get(ShuntHeaders.COMPUTE_MS));
        double queue = millisAsNanos(headers.get(ShuntHeaders.QUEUE_MS));
        long rows = requestRows;
        String batch = headers.get(ShuntHeaders.BATCH_SIZE);
        if (batch != null && compute >= 0) {
            try {
                rows = Math.max(1, Long.parseLong(batch.trim()));
            } catch (NumberFormatException ignored) {
                // the request's own rows
            }
        }
        pool.observeLatency(rows, compute >= 0 ? compute : upstreamNanos, Math.max(0, queue));
    }

    /** Learns from a timeout: the backend took at least {@code upstreamNanos}. */
    static void timedOut(Pool pool, long requestRows, long upstreamNanos) {
        pool.observeLatency(requestRows, upstreamNanos, 0);
    }

    private static double millisAsNanos(String header) {
        if (header == null) {
            return -1;
        }
        try {
            double ms = Double.parseDouble(header.trim());
            return ms >= 0 && !Double.isInfinite(ms) ? ms * 1e6 : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
