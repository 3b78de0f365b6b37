package dev.shunt.backend.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class CpuTopologyTest {

    @Test
    void usableCoresAreThePhysicalCoresCappedByTheWholeCpusOfTheQuota() {
        assertThat(topology(8, 4, OptionalDouble.empty()).usablePhysicalCores()).isEqualTo(4);
        assertThat(topology(8, 4, OptionalDouble.of(2.9)).usablePhysicalCores()).isEqualTo(2);
        assertThat(topology(8, 4, OptionalDouble.of(6)).usablePhysicalCores()).isEqualTo(4);
        assertThat(topology(8, 4, OptionalDouble.of(0.25)).usablePhysicalCores()).isEqualTo(1);
    }

    @Test
    void explainsQuotaAffinityAndNotes() {
        CpuTopology topology = new CpuTopology(1, 1, OptionalDouble.of(1), "cgroup v2 cpu.max 100000/100000", "3",
                List.of("sys/devices/system/cpu/online unreadable: affinity taken as is"));

        assertThat(topology.explain()).isEqualTo("quota 1 CPU (cgroup v2 cpu.max 100000/100000), affinity 3 = "
                + "1 logical / 1 physical core -> 1 usable physical core; "
                + "sys/devices/system/cpu/online unreadable: affinity taken as is");
        assertThat(CpuTopology.formatCpus(1.0 / 3)).isEqualTo("0.33");
    }

    @Test
    void refusesImpossibleValues() {
        assertThatThrownBy(() -> topology(0, 0, OptionalDouble.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("logicalCpus: 0 (expected: > 0)");
        assertThatThrownBy(() -> topology(2, 3, OptionalDouble.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("physicalCores: 3 (expected: > 0 and <= logicalCpus 2)");
        assertThatThrownBy(() -> topology(2, 1, OptionalDouble.of(0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("quotaCpus: 0.0 (expected: > 0)");
    }

    static CpuTopology topology(int logical, int physical, OptionalDouble quota) {
        return new CpuTopology(logical, physical, quota, "test", "0-" + (logical - 1), List.of());
    }
}
