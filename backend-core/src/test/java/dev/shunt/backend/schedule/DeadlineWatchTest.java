package dev.shunt.backend.schedule;

import static dev.shunt.backend.schedule.TagModel.job;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** When the core scans its queue for expired jobs, and when a new job wakes the sleeping timer. */
class DeadlineWatchTest {

    private static final long MS = 1_000_000;

    /** A FIFO taker that counts the scans for expired jobs. */
    private static final class CountingTaker extends ForwardingTaker {
        int scans;

        CountingTaker() {
            super(JobTaker.fifo(8));
        }

        @Override
        public List<InferenceJob> expire(long nowNanos) {
            scans++;
            return super.expire(nowNanos);
        }
    }

    @Test
    void scansOnlyOnceTheEarliestDeadlineMayHavePassed() {
        DeadlineWatch watch = new DeadlineWatch();
        CountingTaker taker = new CountingTaker();
        InferenceJob soon = offer(taker, watch, job("soon", 0, 10 * MS));
        offer(taker, watch, job("later", 0, 30 * MS));

        assertThat(watch.expireDue(taker, 9 * MS)).isEmpty();
        assertThat(taker.scans).isZero();
        assertThat(watch.expireDue(taker, 10 * MS)).containsExactly(soon);
        assertThat(taker.scans).isEqualTo(1);
        assertThat(watch.hint()).as("exact after a scan").isEqualTo(30 * MS);
        assertThat(watch.expireDue(taker, 29 * MS)).isEmpty();
        assertThat(taker.scans).isEqualTo(1);
    }

    @Test
    void aTakenJobLeavesAHintThatIsSoonerButNeverLater() {
        DeadlineWatch watch = new DeadlineWatch();
        CountingTaker taker = new CountingTaker();
        offer(taker, watch, job("taken", 0, 10 * MS));
        offer(taker, watch, job("queued", 0, 30 * MS));
        taker.next(0);

        assertThat(watch.hint()).isEqualTo(10 * MS);
        assertThat(watch.expireDue(taker, 10 * MS)).as("one scan finds nothing due").isEmpty();
        assertThat(watch.hint()).isEqualTo(30 * MS);
        taker.drain();
        assertThat(watch.expireDue(taker, 40 * MS)).isEmpty();
        assertThat(watch.hint()).as("an empty queue has no deadline").isEqualTo(TickerTimes.NEVER);
        assertThat(taker.scans).isEqualTo(1);
    }

    @Test
    void wakesTheSleepingTimerOnlyForASoonerDeadline() {
        DeadlineWatch watch = new DeadlineWatch();

        assertThat(watch.mustWakeTimerFor(5 * MS)).as("an awake timer looks at every job anyway").isFalse();
        watch.timerSleeps(20 * MS);
        assertThat(watch.mustWakeTimerFor(5 * MS)).isTrue();
        assertThat(watch.mustWakeTimerFor(20 * MS)).isFalse();
        assertThat(watch.mustWakeTimerFor(TickerTimes.NEVER)).isFalse();
        watch.timerSleeps(TickerTimes.NEVER);
        assertThat(watch.mustWakeTimerFor(60_000 * MS)).isTrue();
        watch.timerAwake();
        assertThat(watch.mustWakeTimerFor(1)).isFalse();
    }

    private static InferenceJob offer(JobTaker taker, DeadlineWatch watch, InferenceJob job) {
        assertThat(taker.offer(job)).isTrue();
        watch.queued(job.deadlineNanos());
        return job;
    }
}
