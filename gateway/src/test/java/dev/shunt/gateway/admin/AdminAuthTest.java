package dev.shunt.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shunt.gateway.config.AdminConfig;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The admin API's bearer token as an {@code Authorization} header carries it. */
class AdminAuthTest {

    final AdminAuth auth = AdminAuth.of(new AdminConfig(Optional.of("TOKEN"), Optional.empty()),
            name -> name.equals("TOKEN") ? "s3cret" : null);

    @ParameterizedTest
    @ValueSource(strings = {"Bearer s3cret", "bearer s3cret", "BEARER s3cret", "bEaReR s3cret", "Bearer    s3cret",
            "Bearer s3cret  "})
    void theSchemeInAnyCaseWithAnySpacesCarriesTheToken(String header) {
        assertThat(auth.allows(header)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer s3cret-not", "Bearer s3cre", "Bearer S3CRET", "bearer s3cretx", "Bearer ",
            "Bearer", "Basic s3cret", "Token s3cret", "Bearers3cret", "s3cret", "Bearer\ts3cret", "", "Bearer s3 cret"})
    void anythingElseIsRefused(String header) {
        assertThat(auth.allows(header)).as(header).isFalse();
    }

    @Test
    void noHeaderIsRefused() {
        assertThat(auth.allows(null)).isFalse();
    }

    @Test
    void withoutATokenNothingIsAllowed() {
        AdminAuth off = AdminAuth.of(AdminConfig.off(), name -> null);
        assertThat(off.enabled()).isFalse();
        assertThat(off.allows("Bearer ")).isFalse();
        assertThat(off.allows("Bearer anything")).isFalse();
    }
}
