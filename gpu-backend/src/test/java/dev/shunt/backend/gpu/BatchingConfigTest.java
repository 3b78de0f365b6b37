package dev.shunt.backend.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchingConfigTest {

    private static BatchingConfig config(int max, Duration delay, List<Integer> preferred, int capacity,
            Duration timeout) {
        return new BatchingConfig(max, delay, preferred, capacity, timeout);
    }

    @Test
    void acceptsAValidConfigAndCopiesTheList() {
        List<Integer> preferred = new ArrayList<>(List.of(4, 8));
        BatchingConfig config = config(8, Duration.ofMillis(2), preferred, 100, Duration.ofSeconds(1));
        preferred.add(16);

        assertThat(config.preferredBatchSizes()).containsExactly(4, 8);
        assertThat(config.hasDefaultQueueTimeout()).isTrue();
    }

    @Test
    void zeroDelayAndZeroTimeoutAreAllowed() {
        BatchingConfig config = config(1, Duration.ZERO, List.of(), 1, Duration.ZERO);

        assertThat(config.maxQueueDelay()).isZero();
        assertThat(config.hasDefaultQueueTimeout()).isFalse();
    }

    @Test
    void defaults() {
        BatchingConfig config = BatchingConfig.ofDefaults();

        assertThat(config.maxBatchSize()).isEqualTo(32);
        assertThat(config.maxQueueDelay()).isEqualTo(Duration.ofMillis(5));
        assertThat(config.preferredBatchSizes()).isEmpty();
        assertThat(config.queueCapacity()).isEqualTo(256);
        assertThat(config.hasDefaultQueueTimeout()).isFalse();
    }

    @Test
    void refusesANonPositiveMaxBatchSize() {
        assertThatThrownBy(() -> config(0, Duration.ZERO, List.of(), 1, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxBatchSize: 0 (expected: > 0)");
    }

    @Test
    void refusesANegativeOrHugeDelay() {
        assertThatThrownBy(() -> config(4, Duration.ofMillis(-1), List.of(), 1, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxQueueDelay: PT-0.001S (expected: >= 0 and <= PT1H)");
        assertThatThrownBy(() -> config(4, Duration.ofDays(1), List.of(), 1, Duration.ZERO))
                .hasMessageStartingWith("maxQueueDelay: PT24H");
        assertThatThrownBy(() -> config(4, null, List.of(), 1, Duration.ZERO))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("maxQueueDelay");
    }

    @Test
    void refusesPreferredSizesOutOfRangeUnsortedOrRepeated() {
        for (List<Integer> bad : List.of(List.of(0), List.of(9), List.of(4, 2), List.of(2, 2))) {
            assertThatThrownBy(() -> config(8, Duration.ZERO, bad, 1, Duration.ZERO))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("preferredBatchSizes: " + bad + " (expected: ascending, distinct, each in 1..8)");
        }
    }

    @Test
    void refusesANonPositiveCapacity() {
        assertThatThrownBy(() -> config(8, Duration.ZERO, List.of(), -3, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("queueCapacity: -3 (expected: > 0)");
    }

    @Test
    void refusesANegativeTimeout() {
        assertThatThrownBy(() -> config(8, Duration.ZERO, List.of(), 1, Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("defaultQueueTimeout: PT-1S (expected: >= 0 and <= PT24H, 0 for none)");
    }
}
