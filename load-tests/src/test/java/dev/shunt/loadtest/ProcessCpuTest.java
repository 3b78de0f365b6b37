package dev.shunt.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProcessCpuTest {

    @Test
    void utimePlusStimeOfAStatLine() {
        // pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime cutime ...
        String stat = "4242 (java) S 1 4242 4242 0 -1 4194304 51234 0 12 0 1534 287 0 0 20 0 45 0 123456 "
                + "4000000000 100000 18446744073709551615 1 1 0 0 0 0 2 0 16800975 0 0 0 17 1 0 0 0 0 0";

        assertThat(ProcessCpu.ticks(stat)).isEqualTo(1534 + 287);
    }

    @Test
    void aCommandNameWithSpacesAndParenthesesIsSkipped() {
        String stat = "77 (my (odd) name) R 1 77 77 0 -1 0 0 0 0 0 9 3 4 5 20 0 1 0 100 0 0";

        assertThat(ProcessCpu.ticks(stat)).isEqualTo(12);
    }

    @Test
    void aShortLineIsRefused() {
        assertThatThrownBy(() -> ProcessCpu.ticks("77 (java) R 1 77"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("stat: 3 fields after the command name (expected: >= 13) in 77 (java) R 1 77");
    }

    @Test
    void ticksBecomeMilliseconds() {
        assertThat(new ProcessCpu(1, 100).millis(3)).isEqualTo(30.0);
        assertThat(new ProcessCpu(1, 250).millis(1)).isEqualTo(4.0);
    }

    @Test
    void thisProcessUsesSomeCpu() throws Exception {
        ProcessCpu self = ProcessCpu.of(ProcessHandle.current().pid());

        assertThat(self.ticksPerSecond()).isPositive();
        assertThat(self.ticks()).isPositive();
    }
}
