package dev.shunt.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MirrorShareTest {

    @Test
    void deliveredIsCopiesAnsweredOverRequestsServed() {
        String metrics = """
                # HELP shunt_requests_total
                shunt_requests_total{class="standard",model="mlp",outcome="ok",pool="cpu"} 900.0
                shunt_requests_total{class="standard",model="mlp",outcome="shed",pool="none"} 100.0
                shunt_mirror_requests_total{outcome="sent",route="default"} 800.0
                shunt_mirror_requests_total{outcome="dropped",route="default"} 200.0
                shunt_mirror_requests_total{outcome="timeout",route="default"} 30.0
                shunt_mirror_requests_total{outcome="error",route="default"} 20.0
                """;
        MirrorShare share = MirrorShare.parse(metrics);
        assertThat(share.requests()).isEqualTo(1000);
        assertThat(share.delivered()).isEqualTo(0.75);
        assertThat(MirrorShare.parse("").delivered()).isNaN();
    }
}
