package dev.shunt.backend.launch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What {@link DjlRuntime#configure} leaves in the system properties the PyTorch engine reads at start. */
class DjlRuntimeTest {

    private static final String INTRA_OP = "ai.djl.pytorch.num_threads";
    private static final String INTER_OP = "ai.djl.pytorch.num_interop_threads";

    private String intraOpBefore;
    private String interOpBefore;

    @BeforeEach
    void remember() {
        intraOpBefore = System.getProperty(INTRA_OP);
        interOpBefore = System.getProperty(INTER_OP);
    }

    @AfterEach
    void restore() {
        restore(INTRA_OP, intraOpBefore);
        restore(INTER_OP, interOpBefore);
    }

    @Test
    void aThreadCountGivenWithDashDWinsOverTheServersChoice() {
        System.setProperty(INTRA_OP, "3");
        System.setProperty(INTER_OP, "2");

        DjlRuntime.configure(8, 1);

        assertThat(System.getProperty(INTRA_OP)).isEqualTo("3");
        assertThat(System.getProperty(INTER_OP)).isEqualTo("2");
    }

    @Test
    void withoutDashDTheServersChoiceIsSet() {
        System.clearProperty(INTRA_OP);
        System.clearProperty(INTER_OP);

        DjlRuntime.configure(8, 1);

        assertThat(System.getProperty(INTRA_OP)).isEqualTo("8");
        assertThat(System.getProperty(INTER_OP)).isEqualTo("1");
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }
}
