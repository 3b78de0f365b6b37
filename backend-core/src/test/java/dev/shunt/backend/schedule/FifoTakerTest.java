package dev.shunt.backend.schedule;

import static dev.shunt.backend.schedule.TagModel.job;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The CPU server's taker, driven by plain {@code long} times. */
class FifoTakerTest {

    private static final long MS = 1_000_000;

    @Test
    void takesOneJobAtATimeInArrivalOrder() {
        JobTaker taker = JobTaker.fifo(8);
        InferenceJob a = job("a");
        InferenceJob b = job("b");
        taker.offer(a);
        taker.offer(b);

        assertThat(taker.next(0)).isEqualTo(Take.run(List.of(a)));
        assertThat(taker.flush()).isEqualTo(Take.run(List.of(b)));
        assertThat(taker.next(0)).isEqualTo(Take.idle());
        assertThat(taker.flush()).isEqualTo(Take.idle());
    }

    @Test
    void refusesJobsOverItsCapacity() {
        JobTaker taker = JobTaker.fifo(2);

        assertThat(taker.offer(job("a"))).isTrue();
        assertThat(taker.offer(job("b"))).isTrue();
        assertThat(taker.offer(job("c"))).isFalse();
        assertThat(taker.size()).isEqualTo(2);
        assertThat(taker.capacity()).isEqualTo(2);
    }

    @Test
    void expiresOnlyJobsPastTheirDeadlineAndKnowsTheNextOne() {
        JobTaker taker = JobTaker.fifo(8);
        InferenceJob soon = job("soon", 0, 10 * MS);
        InferenceJob never = job("never", 0, TickerTimes.NEVER);
        InferenceJob later = job("later", 0, 30 * MS);
        taker.offer(soon);
        taker.offer(never);
        taker.offer(later);

        assertThat(taker.nextDeadline()).isEqualTo(10 * MS);
        assertThat(taker.expire(10 * MS - 1)).isEmpty();
        assertThat(taker.expire(10 * MS)).containsExactly(soon);
        assertThat(taker.nextDeadline()).isEqualTo(30 * MS);
        assertThat(taker.drain()).containsExactly(never, later);
        assertThat(taker.nextDeadline()).isEqualTo(TickerTimes.NEVER);
        assertThat(taker.size()).isZero();
    }

    @Test
    void aRunNeedsAtLeastOneJob() {
        assertThatThrownBy(() -> Take.run(List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("jobs: [] (expected: at least one job)");
    }

    @Test
    void tickerTimesCompareAcrossTheWrapAndNeverComes() {
        assertThat(TickerTimes.sooner(5, TickerTimes.NEVER)).isEqualTo(5);
        assertThat(TickerTimes.sooner(TickerTimes.NEVER, TickerTimes.NEVER)).isEqualTo(TickerTimes.NEVER);
        assertThat(TickerTimes.sooner(Long.MAX_VALUE - 10, Long.MIN_VALUE + 10)).isEqualTo(Long.MAX_VALUE - 10);
        assertThat(TickerTimes.before(3, 4)).isTrue();
        assertThat(TickerTimes.before(4, 4)).isFalse();
        assertThat(TickerTimes.before(4, TickerTimes.NEVER)).isTrue();
        assertThat(TickerTimes.before(TickerTimes.NEVER, 4)).isFalse();
    }
}
