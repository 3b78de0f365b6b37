package dev.shunt.backend.gpu;

import dev.shunt.backend.schedule.Ticker;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** A ticker that moves only when a test moves it. */
final class FakeTicker implements Ticker {

    private final AtomicLong now;

    FakeTicker(long startNanos) {
        this.now = new AtomicLong(startNanos);
    }

    @Override
    public long nanoTime() {
        return now.get();
    }

    void advance(Duration duration) {
        now.addAndGet(duration.toNanos());
    }
}
