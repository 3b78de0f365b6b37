package dev.shunt.backend.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Which PyTorch thread counts a server starts with, from plain property maps. */
class ThreadSettingsTest {

    private static Function<String, String> properties(Map<String, String> values) {
        return values::get;
    }

    @Test
    void withoutDashDTheServersChoiceStands() {
        ThreadSettings settings = ThreadSettings.decide(properties(Map.of()), 16, 1);

        assertThat(settings).isEqualTo(new ThreadSettings(16, 1, List.of()));
    }

    @Test
    void aCountGivenWithDashDWinsAndSaysWhatItReplaced() {
        ThreadSettings settings = ThreadSettings.decide(
                properties(Map.of("ai.djl.pytorch.num_threads", "1", "ai.djl.pytorch.num_interop_threads", "1")), 16, 1);

        assertThat(settings.intraOp()).isEqualTo(1);
        assertThat(settings.interOp()).isEqualTo(1);
        assertThat(settings.notes()).containsExactly(
                "-Dai.djl.pytorch.num_threads=1 given: it wins over the server's choice of 16",
                "-Dai.djl.pytorch.num_interop_threads=1 given");
    }

    @Test
    void aDashDCountThatIsNotAPositiveIntegerIsRefused() {
        assertThatThrownBy(() -> ThreadSettings.decide(properties(Map.of("ai.djl.pytorch.num_threads", "many")), 4, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("-Dai.djl.pytorch.num_threads: \"many\" (expected: an integer > 0)");
        assertThatThrownBy(() -> ThreadSettings.decide(properties(Map.of("ai.djl.pytorch.num_interop_threads", "0")), 4, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("-Dai.djl.pytorch.num_interop_threads: \"0\" (expected: an integer > 0)");
    }

    @Test
    void theServersOwnChoiceMustBePositive() {
        assertThatThrownBy(() -> ThreadSettings.decide(properties(Map.of()), 0, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("intraOpThreads: 0 (expected: > 0)");
    }

    @Test
    void theUsersIntraOpCountIsReadableBeforeSizing() {
        assertThat(ThreadSettings.userIntraOp(properties(Map.of("ai.djl.pytorch.num_threads", " 2 "))))
                .isEqualTo(OptionalInt.of(2));
        assertThat(ThreadSettings.userIntraOp(properties(Map.of()))).isEmpty();
    }
}
