package dev.shunt.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TransportChoiceTest {

    @Test
    void parsesEveryChoiceAndRefusesOthersWithTheAcceptedOnes() {
        assertThat(TransportChoice.parse("io-uring")).isEqualTo(TransportChoice.IO_URING);
        assertThat(TransportChoice.parse("EPOLL")).isEqualTo(TransportChoice.EPOLL);
        assertThat(TransportChoice.parse(" auto ")).isEqualTo(TransportChoice.AUTO);
        assertThatThrownBy(() -> TransportChoice.parse("kqueue"))
                .hasMessage("--transport: \"kqueue\" (expected: auto, io_uring, epoll or nio)");
    }

    @Test
    void autoIsAConcreteTransportThatRunsHere() {
        TransportChoice resolved = TransportChoice.AUTO.resolved();
        assertThat(resolved).isNotEqualTo(TransportChoice.AUTO);
        assertThat(resolved.transport().available()).isTrue();
    }
}
