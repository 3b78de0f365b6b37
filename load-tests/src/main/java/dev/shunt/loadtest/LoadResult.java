package dev.shunt.loadtest;

import java.util.Map;

/**
 * What one load run measured.
 *
 * @param ok requests answered 200
 * @param errorsByStatus other answers by status (0 = connection error or timeout)
 * @param seconds how long the run lasted
 * @param p50Ms median latency of the 200s
 * @param p99Ms 99th percentile latency of the 200s
 * @param maxMs slowest 200
 * @param meanBatchSize mean of the {@code X-Batch-Size} header, 0 when absent
 * @param meanResponseBytes mean body size of the 200s (as received, before any decompression)
 */
public record LoadResult(long ok, Map<Integer, Long> errorsByStatus, double seconds, double p50Ms, double p99Ms,
        double maxMs, double meanBatchSize, double meanResponseBytes) {

    public LoadResult {
        errorsByStatus = Map.copyOf(errorsByStatus);
    }

    /** Successful requests per second. */
    public double throughput() {
        return seconds <= 0 ? 0 : ok / seconds;
    }

    /** All non-200 answers. */
    public long errors() {
        return errorsByStatus.values().stream().mapToLong(Long::longValue).sum();
    }
}
