package dev.shunt.gateway.pool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shunt.gateway.config.BackendAddress;
import dev.shunt.gateway.config.ConfigLoader;
import dev.shunt.gateway.forward.UpstreamTarget;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How a pool's backend is reached: its address, the pool's {@code host}, and the name TLS checks its certificate against. */
class PoolTargetTest {

    static Pool pool(String settings) {
        return new Pool(new ConfigLoader(Clock.systemUTC()).parse("""
                pools:
                  gpu: {%s}
                routes: [{name: default, policy: {type: rules, rules: [{name: all, pool: gpu}]}}]
                """.formatted(settings)).pools().get("gpu"), Clock.systemUTC());
    }

    static UpstreamTarget target(Pool pool) {
        return pool.target(pool.backends().get(0));
    }

    @Test
    void aPlainPoolIsReachedByAddressWithItsHost() {
        UpstreamTarget target = target(pool("backends: [\"10.0.3.7:8000\"], host: mlp.models.example.com"));
        assertThat(target.id()).isEqualTo("10.0.3.7:8000");
        assertThat(target.hostHeader()).contains("mlp.models.example.com");
        assertThat(target.tls()).isEmpty();
    }

    @Test
    void theCertificateIsCheckedAgainstTheBackendsHostUnlessAServerNameIsSet() {
        assertThat(target(pool("backends: [\"gpu-0.models.internal:8443\"], tls: {}")).tls())
                .map(UpstreamTarget.Tls::serverName).contains("gpu-0.models.internal");
        assertThat(target(pool("backends: [\"10.0.3.7:8443\"], tls: {serverName: gpu.models.internal}")).tls())
                .map(UpstreamTarget.Tls::serverName).contains("gpu.models.internal");
    }

    @Test
    void backendsFoundByARecordsAreCheckedAgainstTheLookedUpName() {
        Pool pool = pool("dns: {name: gpu.models.svc.cluster.local., port: 8443}, tls: {}");
        BackendState found = pool.updateAddresses(List.of(new BackendAddress("10.0.3.7", 8443, 1))).get(0);

        assertThat(pool.target(found).tls()).map(UpstreamTarget.Tls::serverName)
                .contains("gpu.models.svc.cluster.local");
    }

    @Test
    void everyRequestOfAPoolCarriesTheSameTlsOptions() {
        // Vert.x keeps one connection pool per distinct options: options per request would mean a connection each
        Pool pool = pool("backends: [\"10.0.3.7:8443\", \"10.0.3.8:8443\"], tls: {}");
        Optional<UpstreamTarget.Tls> first = pool.target(pool.backends().get(0)).tls();
        Optional<UpstreamTarget.Tls> second = pool.target(pool.backends().get(1)).tls();
        assertThat(first.get().options()).isSameAs(second.get().options());
    }
}
