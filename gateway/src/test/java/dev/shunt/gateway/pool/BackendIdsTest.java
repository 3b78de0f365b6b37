package dev.shunt.gateway.pool;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The ids clients see for backends. */
class BackendIdsTest {

    @Test
    void theIdIsThePoolAndEightHexDigitsWithoutTheAddress() {
        String id = BackendIds.opaque("cpu", "10.0.3.17:8001");
        assertThat(id).matches("cpu-[0-9a-f]{8}").doesNotContain("10.0.3.17").doesNotContain("8001");
    }

    @Test
    void theSameBackendGetsTheSameIdEverywhereAndOthersAnother() {
        String id = BackendIds.opaque("cpu", "10.0.3.17:8001");
        assertThat(BackendIds.opaque("cpu", "10.0.3.17:8001")).isEqualTo(id);
        assertThat(BackendIds.opaque("cpu", "10.0.3.17:8011")).isNotEqualTo(id);
        assertThat(BackendIds.opaque("cpu", "10.0.3.18:8001")).isNotEqualTo(id);
        assertThat(BackendIds.opaque("gpu", "10.0.3.17:8001")).startsWith("gpu-").isNotEqualTo("gpu" + id.substring(3));
    }
}
