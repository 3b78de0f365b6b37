package dev.shunt.loadtest.reliability;

import java.time.Duration;
import java.util.concurrent.Callable;

/** Bounded waits of the harness: poll a condition until it holds or the time is up. */
final class Waits {

    private Waits() {}

    /** Polls {@code condition} every 100 ms for at most {@code limit}; whether it came to hold. */
    static boolean until(Duration limit, Callable<Boolean> condition) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (true) {
            try {
                if (condition.call()) {
                    return true;
                }
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception notYet) {
                // e.g. a gateway not answering yet: try again
            }
            if (System.nanoTime() >= end) {
                return false;
            }
            Thread.sleep(100);
        }
    }

    static void sleep(Duration d) throws InterruptedException {
        Thread.sleep(d.toMillis());
    }
}
