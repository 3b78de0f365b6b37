package dev.shunt.loadtest.sim;

import java.util.ArrayDeque;
import java.util.Random;

/** A CPU model server: {@code workers} requests served at once, each alone, first in first out. */
final class CpuBackend extends SimBackend {

    private final int workers;
    private final ArrayDeque<SimRequest> queue = new ArrayDeque<>();
    private int busy;

    CpuBackend(String id, int workers, int maxInFlight, EventQueue events, LatencyCurve curve, Random random,
            Completions pool) {
        super(id, maxInFlight, events, curve, random, pool);
        if (workers < 1) {
            throw new IllegalArgumentException("workers: " + workers + " (expected: > 0)");
        }
        this.workers = workers;
    }

    @Override
    void enqueue(SimRequest r) {
        queue.add(r);
        startWhatFits();
    }

    @Override
    void dropped(SimRequest r) {
        // left in the queue, skipped when it comes up: removing from the middle would cost a scan
    }

    private void startWhatFits() {
        while (busy < workers && !queue.isEmpty()) {
            SimRequest r = queue.poll();
            if (r.state != SimRequest.QUEUED) {
                continue;
            }
            r.state = SimRequest.RUNNING;
            busy++;
            long now = events.now();
            long service = curve.sampleNanos(r.rows, random);
            long wait = now - r.queuedAt;
            events.at(now + service, () -> {
                busy--;
                answer(r, r.rows, service, wait);
                startWhatFits();
            });
        }
    }
}
