package dev.shunt.loadtest.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shunt.vocabulary.LatencyClass;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GpuBackendTest {

    static final long MS = 1_000_000;

    /** What the backend reported, in order. */
    static final class Recorder implements Completions {
        final List<long[]> answers = new ArrayList<>(); // {time, batchRows, serviceNanos, queueNanos}
        final List<SimRequest> expired = new ArrayList<>();
        final EventQueue events;

        Recorder(EventQueue events) {
            this.events = events;
        }

        @Override
        public void answered(SimRequest r, long batchRows, long serviceNanos, long queueNanos) {
            answers.add(new long[] {events.now(), batchRows, serviceNanos, queueNanos});
        }

        @Override
        public void expired(SimRequest r) {
            expired.add(r);
        }

        @Override
        public void changed() {}
    }

    final EventQueue events = new EventQueue(new SimClock());
    final Recorder recorder = new Recorder(events);
    /** 2 ms + 0.1 ms per row, no spread. */
    final LatencyCurve curve = new LatencyCurve("gpu", "m", List.of(new LatencyCurve.Point(1, 2.1, 2.1),
            new LatencyCurve.Point(101, 12.1, 12.1)), "test");
    final GpuBackend gpu = new GpuBackend("gpu-0", 64, 5 * MS, 512, events, curve, new Random(1), recorder);

    void arrive(long at, int rows) {
        events.at(at, () -> gpu.submit(new SimRequest(LatencyClass.STANDARD, rows, at, at + 1000 * MS, true)));
    }

    @Test
    void requestsArrivingTogetherAreServedAsOneBatchAfterTheQueueDelay() {
        for (int i = 0; i < 10; i++) {
            arrive(0, 2);
        }
        events.runAll();

        assertThat(gpu.batches()).isEqualTo(1);
        assertThat(gpu.batchedRows()).isEqualTo(20);
        assertThat(recorder.answers).hasSize(10).allSatisfy(a -> {
            assertThat(a[0]).as("answered after waiting the delay, then one 20-row pass").isEqualTo(5 * MS + 4 * MS);
            assertThat(a[1]).isEqualTo(20);
            assertThat(a[3]).isEqualTo(5 * MS);
        });
        assertThat(gpu.inFlight()).isZero();
    }

    @Test
    void aFullBatchStartsAtOnceAndTheRestWaitsForTheNextPass() {
        for (int i = 0; i < 5; i++) {
            arrive(0, 16);
        }
        events.runAll();

        assertThat(gpu.batches()).isEqualTo(2);
        assertThat(recorder.answers).extracting(a -> a[1]).containsExactly(64L, 64L, 64L, 64L, 16L);
        assertThat(recorder.answers.get(0)[0]).as("64 rows: no wait").isEqualTo(2 * MS + 64 * MS / 10);
        assertThat(recorder.answers.get(4)[3]).as("the fifth waited for the first pass and then the delay had passed")
                .isEqualTo(2 * MS + 64 * MS / 10);
    }

    @Test
    void aQueuedRequestIsDroppedAtItsDeadline() {
        events.at(0, () -> gpu.submit(new SimRequest(LatencyClass.REALTIME, 1, 0, 3 * MS, true)));
        events.runAll();

        assertThat(recorder.answers).isEmpty();
        assertThat(recorder.expired).hasSize(1);
        assertThat(gpu.inFlight()).isZero();
        assertThat(gpu.batches()).isZero();
    }
}
