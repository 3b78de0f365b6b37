package dev.shunt.backend.schedule;

import static java.util.Objects.requireNonNull;

/**
 * The one thread of a {@link SchedulerCore} that never runs the model: it fails queued jobs at their
 * deadline while every worker is busy, and ends the grace of a shutdown on time. It leaves once
 * every worker has exited.
 */
final class Housekeeper implements Runnable {

    private final WorkLoop loop;
    private final Expiry expiry;

    Housekeeper(WorkLoop loop, Expiry expiry) {
        this.loop = requireNonNull(loop, "loop");
        this.expiry = requireNonNull(expiry, "expiry");
    }

    @Override
    public void run() {
        while (true) {
            Sweep sweep = loop.sweep();
            expiry.fail(sweep.expired(), sweep.nowNanos());
            WorkLoop.shutDown(sweep.abandoned());
            if (sweep.exit()) {
                return;
            }
        }
    }
}
