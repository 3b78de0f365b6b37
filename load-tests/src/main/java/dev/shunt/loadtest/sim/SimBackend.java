package dev.shunt.loadtest.sim;

import dev.shunt.routing.BackendSnapshot;
import java.time.Duration;
import java.util.Random;

/**
 * One simulated model server behind a bulkhead: it counts what is in flight on it (queued or being
 * served), drops queued requests at their deadline as the servers do, and reports to its pool.
 */
abstract class SimBackend {

    final String id;
    final int maxInFlight;
    final EventQueue events;
    final LatencyCurve curve;
    final Random random;
    final Completions pool;
    private int inFlight;
    private BackendSnapshot snapshot;

    SimBackend(String id, int maxInFlight, EventQueue events, LatencyCurve curve, Random random, Completions pool) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight: " + maxInFlight + " (expected: > 0)");
        }
        this.id = id;
        this.maxInFlight = maxInFlight;
        this.events = events;
        this.curve = curve;
        this.random = random;
        this.pool = pool;
    }

    /** Takes a request; the caller checked {@link #available()}. */
    final void submit(SimRequest r) {
        inFlight++;
        pool.changed();
        r.state = SimRequest.QUEUED;
        r.queuedAt = events.now();
        events.at(r.deadline, () -> expireIfWaiting(r));
        enqueue(r);
    }

    /** Queues the request (already counted in flight) and starts what can start. */
    abstract void enqueue(SimRequest r);

    /** A queued request's deadline passed: forget what the queue holds for it. */
    abstract void dropped(SimRequest r);

    final int inFlight() {
        return inFlight;
    }

    final boolean available() {
        return inFlight < maxInFlight;
    }

    /** Reports an answer and frees its place in the bulkhead. */
    final void answer(SimRequest r, long batchRows, long serviceNanos, long queueNanos) {
        r.state = SimRequest.DONE;
        inFlight--;
        pool.changed();
        pool.answered(r, batchRows, serviceNanos, queueNanos);
    }

    /** How the gateway sees it now: always healthy, circuit closed. */
    final BackendSnapshot snapshot() {
        if (snapshot == null || snapshot.inFlight() != inFlight) {
            snapshot = new BackendSnapshot(id, true, false, inFlight, maxInFlight, Duration.ZERO, 1);
        }
        return snapshot;
    }

    private void expireIfWaiting(SimRequest r) {
        if (r.state != SimRequest.QUEUED) {
            return;
        }
        r.state = SimRequest.DONE;
        dropped(r);
        inFlight--;
        pool.changed();
        pool.expired(r);
    }
}
