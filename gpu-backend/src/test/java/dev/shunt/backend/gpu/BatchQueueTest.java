package dev.shunt.backend.gpu;

import static dev.shunt.backend.gpu.TestJobs.job;
import static dev.shunt.backend.gpu.TestJobs.withDeadline;
import static dev.shunt.vocabulary.LatencyClass.BATCH;
import static dev.shunt.vocabulary.LatencyClass.REALTIME;
import static dev.shunt.vocabulary.LatencyClass.STANDARD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shunt.backend.schedule.InferenceJob;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The batching rules, driven by plain {@code long} times. */
class BatchQueueTest {

    private static final long MS = 1_000_000;
    private static final long T0 = 1_000 * MS;

    private static BatchQueue queue(int maxBatchSize, long delayMs, List<Integer> preferred, int capacity) {
        return new BatchQueue(new BatchingConfig(maxBatchSize, Duration.ofMillis(delayMs), preferred, capacity,
                Duration.ZERO));
    }

    private static BatchQueue queue(int maxBatchSize, long delayMs) {
        return queue(maxBatchSize, delayMs, List.of(), 100);
    }

    private static BatchPlan dispatch(InferenceJob... jobs) {
        return new BatchPlan.Dispatch(List.of(jobs));
    }

    @Test
    void anEmptyQueueIsIdle() {
        BatchQueue queue = queue(8, 10);

        assertThat(queue.plan(T0)).isEqualTo(BatchPlan.IDLE);
        assertThat(queue.flush()).isEqualTo(BatchPlan.IDLE);
        assertThat(queue.nextDeadline()).isEqualTo(Long.MAX_VALUE);
        assertThat(queue.isEmpty()).isTrue();
    }

    @Test
    void refusesJobsOverCapacity() {
        BatchQueue queue = queue(8, 10, List.of(), 2);

        assertThat(queue.offer(job(1, STANDARD, T0))).isTrue();
        assertThat(queue.offer(job(1, BATCH, T0))).isTrue();
        assertThat(queue.offer(job(1, REALTIME, T0))).isFalse();
        assertThat(queue.size()).isEqualTo(2);
    }

    @Test
    void waitsForTheDelayOfTheOldestJobThenSendsAllThatFit() {
        BatchQueue queue = queue(8, 10);
        InferenceJob a = job(2, STANDARD, T0);
        InferenceJob b = job(3, STANDARD, T0 + 4 * MS);
        queue.offer(a);
        queue.offer(b);

        assertThat(queue.plan(T0 + 4 * MS)).isEqualTo(new BatchPlan.Wait(T0 + 10 * MS));
        assertThat(queue.plan(T0 + 10 * MS - 1)).isEqualTo(new BatchPlan.Wait(T0 + 10 * MS));
        assertThat(queue.size()).isEqualTo(2);
        assertThat(queue.plan(T0 + 10 * MS)).isEqualTo(dispatch(a, b));
        assertThat(queue.size()).isZero();
        assertThat(queue.plan(T0 + 10 * MS)).isEqualTo(BatchPlan.IDLE);
    }

    @Test
    void aZeroDelaySendsWhateverIsThereAtOnce() {
        BatchQueue queue = queue(8, 0);
        InferenceJob a = job(1, STANDARD, T0);
        queue.offer(a);

        assertThat(queue.plan(T0)).isEqualTo(dispatch(a));
    }

    @Test
    void sendsAtOnceWhenTheBatchReachesMaxBatchSize() {
        BatchQueue queue = queue(4, 10);
        InferenceJob a = job(1, STANDARD, T0);
        InferenceJob b = job(3, STANDARD, T0);
        InferenceJob c = job(1, STANDARD, T0);
        queue.offer(a);
        queue.offer(b);
        queue.offer(c);

        assertThat(queue.plan(T0)).isEqualTo(dispatch(a, b));
        assertThat(queue.plan(T0)).isEqualTo(new BatchPlan.Wait(T0 + 10 * MS));
        assertThat(queue.plan(T0 + 10 * MS)).isEqualTo(dispatch(c));
    }

    @Test
    void sendsAtOnceWhenTheNextJobDoesNotFit() {
        BatchQueue queue = queue(4, 10);
        InferenceJob a = job(3, STANDARD, T0);
        InferenceJob b = job(2, STANDARD, T0);
        queue.offer(a);
        queue.offer(b);

        assertThat(queue.plan(T0)).isEqualTo(dispatch(a));
        assertThat(queue.plan(T0)).isEqualTo(new BatchPlan.Wait(T0 + 10 * MS));
    }

    @Test
    void aJobLargerThanMaxBatchSizeRunsAloneUnsplit() {
        BatchQueue queue = queue(4, 10);
        InferenceJob small = job(1, STANDARD, T0);
        InferenceJob huge = job(9, STANDARD, T0);
        InferenceJob after = job(1, STANDARD, T0);
        queue.offer(small);
        queue.offer(huge);
        queue.offer(after);

        assertThat(queue.plan(T0)).isEqualTo(dispatch(small));
        assertThat(queue.plan(T0)).isEqualTo(dispatch(huge));
        assertThat(((BatchPlan.Dispatch) dispatch(huge)).rows()).isEqualTo(9);
        assertThat(queue.plan(T0)).isEqualTo(new BatchPlan.Wait(T0 + 10 * MS));
    }

    @Test
    void takesRealtimeThenStandardThenBatchFirstInFirstOutWithinAClass() {
        BatchQueue queue = queue(5, 10);
        InferenceJob batch1 = job(1, BATCH, T0);
        InferenceJob standard1 = job(1, STANDARD, T0 + 1);
        InferenceJob realtime1 = job(1, REALTIME, T0 + 2);
        InferenceJob batch2 = job(1, BATCH, T0 + 3);
        InferenceJob realtime2 = job(1, REALTIME, T0 + 4);
        InferenceJob standard2 = job(1, STANDARD, T0 + 5);
        for (InferenceJob job : List.of(batch1, standard1, realtime1, batch2, realtime2, standard2)) {
            queue.offer(job);
        }

        assertThat(queue.plan(T0)).isEqualTo(dispatch(realtime1, realtime2, standard1, standard2, batch1));
        assertThat(queue.flush()).isEqualTo(dispatch(batch2));
    }

    @Test
    void theDelayCountsFromTheOldestJobOfAnyClass() {
        BatchQueue queue = queue(8, 10);
        InferenceJob oldBatch = job(1, BATCH, T0);
        InferenceJob newRealtime = job(1, REALTIME, T0 + 8 * MS);
        queue.offer(oldBatch);
        queue.offer(newRealtime);

        assertThat(queue.plan(T0 + 8 * MS)).isEqualTo(new BatchPlan.Wait(T0 + 10 * MS));
        assertThat(queue.plan(T0 + 10 * MS)).isEqualTo(dispatch(newRealtime, oldBatch));
    }

    @Test
    void sendsTheLargestPrefixOfAPreferredSizeAtOnce() {
        BatchQueue queue = queue(16, 10, List.of(2, 4), 100);
        InferenceJob a = job(1, STANDARD, T0);
        InferenceJob b = job(1, STANDARD, T0);
        InferenceJob c = job(2, STANDARD, T0);
        InferenceJob d = job(3, STANDARD, T0);
        queue.offer(a);

        assertThat(queue.plan(T0)).isEqualTo(new BatchPlan.Wait(T0 + 10 * MS));

        queue.offer(b);
        queue.offer(c);
        queue.offer(d);

        assertThat(queue.plan(T0)).isEqualTo(dispatch(a, b, c));
        assertThat(queue.plan(T0)).isEqualTo(new BatchPlan.Wait(T0 + 10 * MS));
    }

    @Test
    void aPrefixThatMissesEveryPreferredSizeWaits() {
        BatchQueue queue = queue(16, 10, List.of(4), 100);
        InferenceJob a = job(3, STANDARD, T0);
        InferenceJob b = job(3, STANDARD, T0);
        queue.offer(a);
        queue.offer(b);

        assertThat(queue.plan(T0 + MS)).isEqualTo(new BatchPlan.Wait(T0 + 10 * MS));
        assertThat(queue.plan(T0 + 10 * MS)).isEqualTo(dispatch(a, b));
    }

    @Test
    void preferredSizesFollowPriorityOrder() {
        BatchQueue queue = queue(16, 10, List.of(3), 100);
        InferenceJob batch = job(1, BATCH, T0);
        InferenceJob realtime = job(2, REALTIME, T0);
        queue.offer(batch);
        queue.offer(realtime);

        assertThat(queue.plan(T0)).isEqualTo(dispatch(realtime, batch));
    }

    @Test
    void waitsOnlyUntilTheEarliestDeadlineWhenItIsSooner() {
        BatchQueue queue = queue(8, 10);
        queue.offer(job(1, STANDARD, T0));
        queue.offer(withDeadline(1, T0, T0 + 7 * MS));
        queue.offer(withDeadline(1, T0, T0 + 5 * MS));

        assertThat(queue.nextDeadline()).isEqualTo(T0 + 5 * MS);
        assertThat(queue.plan(T0)).isEqualTo(new BatchPlan.Wait(T0 + 5 * MS));
    }

    @Test
    void expireRemovesOnlyJobsWhoseDeadlinePassed() {
        BatchQueue queue = queue(8, 10);
        InferenceJob keep = withDeadline(1, T0, T0 + 20 * MS);
        InferenceJob standardLate = withDeadline(1, T0, T0 + 5 * MS);
        InferenceJob realtimeLate = TestJobs.job(1, REALTIME, T0, T0 + 6 * MS, 0);
        InferenceJob noDeadline = job(1, BATCH, T0);
        for (InferenceJob job : List.of(keep, standardLate, realtimeLate, noDeadline)) {
            queue.offer(job);
        }

        assertThat(queue.expire(T0 + 5 * MS - 1)).isEmpty();
        assertThat(queue.expire(T0 + 6 * MS)).containsExactly(realtimeLate, standardLate);
        assertThat(queue.size()).isEqualTo(2);
        assertThat(queue.nextDeadline()).isEqualTo(T0 + 20 * MS);
        assertThat(queue.plan(T0 + 10 * MS)).isEqualTo(dispatch(keep, noDeadline));
    }

    @Test
    void jobsWhoseInputsCannotBeConcatenatedGoInSeparateBatches() {
        BatchQueue queue = queue(8, 10);
        InferenceJob narrow = TestJobs.ofWidth(1, 2, T0);
        InferenceJob wide = TestJobs.ofWidth(1, 3, T0);
        InferenceJob narrowToo = TestJobs.ofWidth(1, 2, T0);
        queue.offer(narrow);
        queue.offer(wide);
        queue.offer(narrowToo);

        assertThat(queue.plan(T0)).isEqualTo(dispatch(narrow));
        assertThat(queue.plan(T0)).isEqualTo(dispatch(wide));
        assertThat(queue.plan(T0 + 10 * MS)).isEqualTo(dispatch(narrowToo));
    }

    @Test
    void flushIgnoresTheDelayButNotMaxBatchSize() {
        BatchQueue queue = queue(2, 10);
        InferenceJob a = job(1, STANDARD, T0);
        InferenceJob b = job(1, STANDARD, T0);
        InferenceJob c = job(1, STANDARD, T0);
        queue.offer(a);
        queue.offer(b);
        queue.offer(c);

        assertThat(queue.flush()).isEqualTo(dispatch(a, b));
        assertThat(queue.flush()).isEqualTo(dispatch(c));
        assertThat(queue.flush()).isEqualTo(BatchPlan.IDLE);
    }

    @Test
    void drainTakesEverythingInPriorityOrder() {
        BatchQueue queue = queue(2, 10);
        InferenceJob batch = job(1, BATCH, T0);
        InferenceJob realtime = job(5, REALTIME, T0);
        queue.offer(batch);
        queue.offer(realtime);

        assertThat(queue.drain()).containsExactly(realtime, batch);
        assertThat(queue.isEmpty()).isTrue();
    }

    @Test
    void timesCompareAcrossTheOverflowOfTheNanosecondClock() {
        BatchQueue queue = queue(8, 10);
        long nearEnd = Long.MAX_VALUE - 4 * MS;
        InferenceJob a = TestJobs.job(1, STANDARD, nearEnd, nearEnd + 20 * MS, 0);
        queue.offer(a);

        assertThat(queue.plan(nearEnd)).isEqualTo(new BatchPlan.Wait(nearEnd + 10 * MS));
        assertThat(queue.expire(nearEnd + 10 * MS)).isEmpty();
        assertThat(queue.plan(nearEnd + 10 * MS)).isEqualTo(dispatch(a));
    }
}
