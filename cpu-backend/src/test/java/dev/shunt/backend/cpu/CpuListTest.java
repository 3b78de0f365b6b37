package dev.shunt.backend.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.BitSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CpuListTest {

    @Test
    void parsesRangesAndSingles() {
        BitSet cpus = CpuList.parse(" 0-3,8-11,15\n");

        assertThat(cpus.cardinality()).isEqualTo(9);
        assertThat(CpuList.format(cpus)).isEqualTo("0-3,8-11,15");
        assertThat(CpuList.format(CpuList.parse("0,4"))).isEqualTo("0,4");
        assertThat(CpuList.format(CpuList.parse("0,1,2,5"))).isEqualTo("0-2,5");
        assertThat(CpuList.format(new BitSet())).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " \n", "a", "0-", "-3", "3-1", "0,,1", "1.5", "99999999", "0-65536"})
    void refusesGarbage(String text) {
        assertThatThrownBy(() -> CpuList.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }
}
