package dev.shunt.vocabulary;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LatencyClassTest {

    @Test
    void parsesWireNamesInAnyCase() {
        assertThat(LatencyClass.parse(" Realtime ")).contains(LatencyClass.REALTIME);
        assertThat(LatencyClass.parse("batch")).contains(LatencyClass.BATCH);
        assertThat(LatencyClass.parse("urgent")).isEmpty();
        assertThat(LatencyClass.parse(null)).isEmpty();
        assertThat(LatencyClass.STANDARD.wireName()).isEqualTo("standard");
    }
}
