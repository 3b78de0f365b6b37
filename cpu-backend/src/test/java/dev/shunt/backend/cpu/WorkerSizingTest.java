package dev.shunt.backend.cpu;

import static dev.shunt.backend.cpu.CpuTopologyTest.topology;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class WorkerSizingTest {

    /** Eight logical CPUs on four cores, in a 2.5-CPU quota: two usable physical cores. */
    private static final CpuTopology TWO_CORES = topology(8, 4, OptionalDouble.of(2.5));
    private static final CpuTopology EIGHT_CORES = topology(16, 8, OptionalDouble.empty());

    @Test
    void defaultIsOneSingleThreadedWorkerPerUsablePhysicalCore() {
        SizingDecision decision = decide(TWO_CORES, OptionalInt.empty(), OptionalInt.empty());

        assertThat(decision.workers()).isEqualTo(2);
        assertThat(decision.intraOpThreads()).isEqualTo(1);
        assertThat(decision.usableCores()).isEqualTo(2);
        assertThat(decision.oversubscribed()).isFalse();
        assertThat(decision.warnings()).isEmpty();
        assertThat(decision.explanation()).isEqualTo("workers 2 x threads 1 = 2 <= 2 usable physical cores "
                + "(default: one single-threaded worker per usable physical core)");
    }

    @Test
    void threadsGivenDividesTheCoresIntoWorkers() {
        SizingDecision decision = decide(EIGHT_CORES, OptionalInt.empty(), OptionalInt.of(3));

        assertThat(decision.workers()).isEqualTo(2);
        assertThat(decision.intraOpThreads()).isEqualTo(3);
        assertThat(decision.oversubscribed()).isFalse();
    }

    @Test
    void workersGivenDividesTheCoresIntoThreads() {
        SizingDecision decision = decide(EIGHT_CORES, OptionalInt.of(3), OptionalInt.empty());

        assertThat(decision.workers()).isEqualTo(3);
        assertThat(decision.intraOpThreads()).isEqualTo(2);
        assertThat(decision.oversubscribed()).isFalse();
    }

    @Test
    void oneOverrideLargerThanTheCoresStillGetsOneOfTheOtherAndAWarning() {
        SizingDecision threads = decide(TWO_CORES, OptionalInt.empty(), OptionalInt.of(4));
        SizingDecision workers = decide(TWO_CORES, OptionalInt.of(5), OptionalInt.empty());

        assertThat(threads.workers()).isEqualTo(1);
        assertThat(threads.oversubscribed()).isTrue();
        assertThat(workers.intraOpThreads()).isEqualTo(1);
        assertThat(workers.oversubscribed()).isTrue();
        assertThat(workers.warnings()).containsExactly(
                "workers 5 x threads 1 = 5 > 2 usable physical cores: expect lower throughput and worse tail latency");
    }

    @Test
    void bothGivenAreTakenAndOversubscriptionIsWarned() {
        SizingDecision decision = decide(TWO_CORES, OptionalInt.of(2), OptionalInt.of(2));

        assertThat(decision.workers()).isEqualTo(2);
        assertThat(decision.intraOpThreads()).isEqualTo(2);
        assertThat(decision.oversubscribed()).isTrue();
        assertThat(decision.warnings()).containsExactly(
                "workers 2 x threads 2 = 4 > 2 usable physical cores: expect lower throughput and worse tail latency");
        assertThat(decision.explanation()).startsWith("workers 2 x threads 2 = 4 > 2 usable physical cores");
    }

    @Test
    void bothGivenThatFitAreNotOversubscribed() {
        SizingDecision decision = decide(EIGHT_CORES, OptionalInt.of(4), OptionalInt.of(2));

        assertThat(decision.oversubscribed()).isFalse();
        assertThat(decision.warnings()).isEmpty();
    }

    @Test
    void oneUsableCoreIsSaidInTheSingular() {
        SizingDecision decision = decide(topology(2, 1, OptionalDouble.empty()), OptionalInt.of(2), OptionalInt.empty());

        assertThat(decision.warnings()).containsExactly(
                "workers 2 x threads 1 = 2 > 1 usable physical core: expect lower throughput and worse tail latency");
    }

    @Test
    void overridesMustBePositive() {
        assertThatThrownBy(() -> decide(TWO_CORES, OptionalInt.of(0), OptionalInt.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("workers: 0 (expected: > 0)");
        assertThatThrownBy(() -> decide(TWO_CORES, OptionalInt.empty(), OptionalInt.of(-2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("threads: -2 (expected: > 0)");
    }

    private static SizingDecision decide(CpuTopology topology, OptionalInt workers, OptionalInt threads) {
        return WorkerSizing.decide(topology, workers, threads);
    }
}
