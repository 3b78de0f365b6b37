package dev.shunt.loadtest.sim;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A batching (GPU) model server: one forward pass at a time; when idle it runs the queued requests,
 * first in first out, up to {@code maxBatchRows} rows (a larger request alone), as soon as that many
 * rows wait or the oldest has waited {@code maxQueueDelay}. The pass takes the curve's time for the
 * batch's rows.
 */
final class GpuBackend extends SimBackend {

    private final int maxBatchRows;
    private final long maxQueueDelayNanos;
    private final ArrayDeque<SimRequest> queue = new ArrayDeque<>();
    private long queuedRows;
    private boolean busy;
    private long timerAt = -1;
    private long batches;
    private long batchedRows;

    GpuBackend(String id, int maxBatchRows, long maxQueueDelayNanos, int maxInFlight, EventQueue events,
            LatencyCurve curve, Random random, Completions pool) {
        super(id, maxInFlight, events, curve, random, pool);
        if (maxBatchRows < 1) {
            throw new IllegalArgumentException("maxBatchRows: " + maxBatchRows + " (expected: > 0)");
        }
        if (maxQueueDelayNanos < 0) {
            throw new IllegalArgumentException("maxQueueDelay: " + maxQueueDelayNanos + " ns (expected: >= 0)");
        }
        this.maxBatchRows = maxBatchRows;
        this.maxQueueDelayNanos = maxQueueDelayNanos;
    }

    @Override
    void enqueue(SimRequest r) {
        queue.add(r);
        queuedRows += r.rows;
        if (!busy) {
            maybeLaunch();
        }
    }

    @Override
    void dropped(SimRequest r) {
        queuedRows -= r.rows;
    }

    /** Forward passes run so far. */
    long batches() {
        return batches;
    }

    /** Rows over all forward passes so far. */
    long batchedRows() {
        return batchedRows;
    }

    private void maybeLaunch() {
        while (!queue.isEmpty() && queue.peek().state != SimRequest.QUEUED) {
            queue.poll();
        }
        if (queue.isEmpty()) {
            return;
        }
        long now = events.now();
        long due = queue.peek().queuedAt + maxQueueDelayNanos;
        if (queuedRows >= maxBatchRows || now >= due) {
            launch(now);
        } else {
            arm(due);
        }
    }

    private void arm(long at) {
        if (timerAt >= 0 && timerAt <= at) {
            return;
        }
        timerAt = at;
        events.at(at, () -> {
            if (timerAt == at) {
                timerAt = -1;
            }
            if (!busy) {
                maybeLaunch();
            }
        });
    }

    private void launch(long now) {
        List<SimRequest> batch = new ArrayList<>();
        long rows = 0;
        while (!queue.isEmpty()) {
            SimRequest next = queue.peek();
            if (next.state != SimRequest.QUEUED) {
                queue.poll();
                continue;
            }
            if (!batch.isEmpty() && rows + next.rows > maxBatchRows) {
                break;
            }
            queue.poll();
            next.state = SimRequest.RUNNING;
            queuedRows -= next.rows;
            rows += next.rows;
            batch.add(next);
        }
        busy = true;
        batches++;
        batchedRows += rows;
        long batchRows = rows;
        long service = curve.sampleNanos(batchRows, random);
        events.at(now + service, () -> {
            busy = false;
            for (SimRequest r : batch) {
                answer(r, batchRows, service, now - r.queuedAt);
            }
            maybeLaunch();
        });
    }
}
