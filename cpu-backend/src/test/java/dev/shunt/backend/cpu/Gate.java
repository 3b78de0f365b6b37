package dev.shunt.backend.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Holds predictions inside the model until released; every wait is bounded so no test can hang. */
final class Gate {

    private final CountDownLatch entered;
    private final CountDownLatch release = new CountDownLatch(1);

    Gate(int parties) {
        entered = new CountDownLatch(parties);
    }

    /** Called by the model: says it is in, then waits (at most 10 s) for the release. */
    void pass() {
        entered.countDown();
        try {
            release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits until the expected number of predictions are inside. */
    void awaitEntered() throws InterruptedException {
        assertThat(entered.await(5, TimeUnit.SECONDS)).as("predictions inside the gate").isTrue();
    }

    void open() {
        release.countDown();
    }
}
