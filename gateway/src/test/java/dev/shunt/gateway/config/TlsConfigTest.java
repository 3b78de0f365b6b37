package dev.shunt.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shunt.gateway.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pools.<name>.tls} as the loader reads it: defaults, the trust store formats, and every refusal by its path. */
class TlsConfigTest {

    @TempDir
    static Path dir;

    static TestCertificates certificates;
    final ConfigLoader loader = new ConfigLoader(Clock.systemUTC());

    @BeforeAll
    static void makeCertificates() throws Exception {
        certificates = new TestCertificates(dir);
        certificates.keyStore("ca", "dns:model.test");
    }

    /** One pool {@code gpu} with {@code pool} as the rest of its mapping. */
    static String yaml(String pool) {
        return """
                pools:
                  gpu: {backends: ["127.0.0.1:8443"]%s}
                routes:
                  - name: default
                    policy: {type: rules, rules: [{name: all, pool: gpu}]}
                """.formatted(pool.isEmpty() ? "" : ", " + pool);
    }

    static String trusting(Path store) {
        return "tls: {trustStore: \"" + store + "\"}";
    }

    @Test
    void noTlsIsPlainHttpAndAnEmptyMappingIsTlsWithDefaults() {
        assertThat(loader.parse(yaml("")).pools().get("gpu").tls()).isEmpty();
        assertThat(loader.parse(yaml("tls: {}")).pools().get("gpu").tls()).contains(TlsConfig.ofDefaults());
        TlsConfig tls = loader.parse(yaml("tls: {serverName: model.test, verify: true}")).pools().get("gpu").tls().get();
        assertThat(tls.serverName()).contains("model.test");
        assertThat(tls.verify()).isTrue();
        assertThat(loader.parse(yaml("tls: {verify: false}")).pools().get("gpu").tls().get().verify()).isFalse();
    }

    @Test
    void aPemJksOrPkcs12TrustStoreIsReadWhenTheConfigLoads() throws Exception {
        Path pem = certificates.pem("ca");
        TrustStore fromPem = loader.parse(yaml(trusting(pem))).pools().get("gpu").tls().get().trustStore().get();
        assertThat(fromPem.path()).isEqualTo(pem);
        assertThat(fromPem.certificates()).hasSize(1);
        assertThat(fromPem.certificates().get(0).getSubjectX500Principal().getName()).isEqualTo("CN=ca");
        for (String type : new String[] {"JKS", "PKCS12"}) {
            Path store = certificates.trustStore("ca", type);
            TrustStore read = loader.parse(yaml("tls: {trustStore: \"" + store + "\", trustStorePassword: "
                    + TestCertificates.PASSWORD + "}")).pools().get("gpu").tls().get().trustStore().get();
            assertThat(read.certificates()).as(type).isEqualTo(fromPem.certificates());
        }
    }

    @Test
    void aTrustStoreThatCannotServeIsRefusedNamingTheFile() throws Exception {
        Path missing = dir.resolve("missing.pem");
        assertThatThrownBy(() -> loader.parse(yaml(trusting(missing))))
                .isInstanceOf(ConfigException.class)
                .hasMessage("pools.gpu.tls.trustStore: " + missing + " does not exist");
        assertThatThrownBy(() -> loader.parse(yaml("tls: {trustStore: nowhere/ca.pem}")))
                .hasMessage("pools.gpu.tls.trustStore: nowhere/ca.pem (" + Path.of("nowhere/ca.pem").toAbsolutePath()
                        + ") does not exist");
        assertThatThrownBy(() -> loader.parse(yaml(trusting(dir))))
                .hasMessage("pools.gpu.tls.trustStore: " + dir + " is not a file (expected: a file of CA certificates)");
        Path empty = Files.writeString(dir.resolve("empty.pem"), "");
        assertThatThrownBy(() -> loader.parse(yaml(trusting(empty))))
                .hasMessage("pools.gpu.tls.trustStore: " + empty + " holds no certificate (expected: one or more PEM"
                        + " blocks \"-----BEGIN CERTIFICATE-----\")");
        Path garbage = Files.writeString(dir.resolve("garbage.pem"), "-----BEGIN CERTIFICATE-----\nnot base64!\n"
                + "-----END CERTIFICATE-----\n");
        assertThatThrownBy(() -> loader.parse(yaml(trusting(garbage))))
                .hasMessageStartingWith("pools.gpu.tls.trustStore: " + garbage + " is not a PEM file of certificates (")
                .hasMessageEndingWith("; expected: one or more \"-----BEGIN CERTIFICATE-----\" blocks, or a name ending"
                        + " in .jks, .p12 or .pfx)");
        Path p12 = certificates.trustStore("ca", "PKCS12");
        assertThatThrownBy(() -> loader.parse(yaml("tls: {trustStore: \"" + p12 + "\", trustStorePassword: wrong}")))
                .hasMessageStartingWith("pools.gpu.tls.trustStore: " + p12 + " cannot be opened as PKCS12 (")
                .hasMessageEndingWith("; expected: trustStorePassword to be its password)");
    }

    @Test
    void settingsThatContradictEachOtherOrAreMisspeltAreRefused() {
        Path pem = certificates.pem("ca");
        assertThatThrownBy(() -> loader.parse(yaml("tls: {trustStore: \"" + pem + "\", verify: false}")))
                .hasMessage("pools.gpu.tls.verify: false with a trustStore (expected: one or the other; verify: false"
                        + " trusts any certificate, so the trust store would be ignored)");
        assertThatThrownBy(() -> loader.parse(yaml("tls: {trustStore: \"" + pem + "\", trustStorePassword: x}")))
                .hasMessage("pools.gpu.tls.trustStorePassword: set for the PEM trust store " + pem
                        + " (expected: only with a .jks, .p12 or .pfx trustStore)");
        assertThatThrownBy(() -> loader.parse(yaml("tls: {trustStorePassword: x}")))
                .hasMessage("pools.gpu.tls.trustStorePassword: set without a trustStore (expected: only with a .jks,"
                        + " .p12 or .pfx trustStore)");
        assertThatThrownBy(() -> loader.parse(yaml("tls: {trustAll: true}")))
                .hasMessage("pools.gpu.tls.trustAll: unknown field (expected one of: serverName, trustStore,"
                        + " trustStorePassword, verify)");
        assertThatThrownBy(() -> loader.parse(yaml("tls: {verify: no-thanks}")))
                .hasMessage("pools.gpu.tls.verify: \"no-thanks\" (expected: true or false)");
        assertThatThrownBy(() -> loader.parse(yaml("tls: true")))
                .hasMessage("pools.gpu.tls: expected a mapping of trustStore, trustStorePassword, serverName, verify");
        assertThatThrownBy(() -> loader.parse(yaml("tls: {serverName: \"model test\"}")))
                .hasMessage("pools.gpu.tls.serverName: \"model test\" (expected: a DNS name such as model.example.com,"
                        + " or an IPv4 address)");
        assertThatThrownBy(() -> loader.parse(yaml("tls: {serverName: \"model.test:8443\"}")))
                .hasMessageStartingWith("pools.gpu.tls.serverName: \"model.test:8443\" (expected: a DNS name");
    }

    @Test
    void aPoolFoundBySrvRecordsNeedsAServerNameToVerify() {
        String srv = "tls: {}, dns: {name: _https._tcp.models.example.com, type: srv}";
        assertThatThrownBy(() -> loader.parse(yaml(srv).replace("backends: [\"127.0.0.1:8443\"], ", "")))
                .hasMessage("pools.gpu.tls.serverName: missing (expected: the name the backends' certificates carry;"
                        + " backends found by SRV records are IP addresses, and the SRV name is no host name)");
        assertThat(loader.parse(yaml(srv.replace("tls: {}", "tls: {serverName: models.example.com}"))).pools().get("gpu")
                .tls()).map(TlsConfig::serverName).contains(Optional.of("models.example.com"));
    }

    @Test
    void theReadmeExampleLoads() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        int marker = readme.indexOf("<!-- example: upstream tls");
        assertThat(marker).as("the README's upstream TLS example").isPositive();
        int start = readme.indexOf("```yaml\n", marker) + "```yaml\n".length();
        String example = readme.substring(start, readme.indexOf("```", start))
                .replace("/etc/shunt/models-ca.pem", certificates.pem("ca").toString());

        PoolConfig gpu = loader.parse(example + """
                routes:
                  - name: default
                    policy: {type: rules, rules: [{name: all, pool: gpu}]}
                """).pools().get("gpu");
        assertThat(gpu.backends()).extracting(BackendAddress::id).containsExactly("10.0.3.7:8443", "10.0.3.8:8443");
        assertThat(gpu.tls().get().serverName()).contains("gpu.models.internal");
        assertThat(gpu.tls().get().trustStore().get().certificates()).hasSize(1);
    }

    @Test
    void aReloadMayChangeAPoolsTls() {
        GatewayConfig plain = loader.parse(yaml(""));
        GatewayConfig secured = loader.parse(yaml(trusting(certificates.pem("ca"))));
        assertThat(ReloadCheck.of(plain, secured, name -> null)).isInstanceOf(ReloadCheck.Accept.class);
        assertThat(secured.pools().get("gpu")).isNotEqualTo(plain.pools().get("gpu"));
    }
}
