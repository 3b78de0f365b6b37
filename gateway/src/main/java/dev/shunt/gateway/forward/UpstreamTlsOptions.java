package dev.shunt.gateway.forward;

import dev.shunt.gateway.config.TlsConfig;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.ClientSSLOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.TrustOptions;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import javax.net.ssl.X509TrustManager;

/**
 * A pool's {@link TlsConfig} as Vert.x client TLS options. Build them once per pool and hand the same
 * instance to every request of it: Vert.x keeps one connection pool per distinct options (by
 * {@code equals}), server and name, so options built per request would open a connection per request.
 */
public final class UpstreamTlsOptions {

    /** Trusts any certificate: what {@code verify: false} asks for. */
    private static final X509TrustManager TRUST_ANY = new X509TrustManager() {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    };

    /**
     * Set beside {@code trustAll} on unverified options. Vert.x's {@code SSLOptions.equals} leaves out
     * {@code trustAll} and the host name check, so without trust options of their own, unverified
     * options would equal verified ones with the JVM's CAs, and a pool that verifies could be handed a
     * connection opened without checks to the same backend by a pool that does not.
     */
    private static final TrustOptions TRUST_ANY_OPTIONS = TrustOptions.wrap(TRUST_ANY);

    private UpstreamTlsOptions() {}

    /** The options of a pool's connections. */
    public static ClientSSLOptions of(TlsConfig config) {
        ClientSSLOptions options = new ClientSSLOptions();
        if (!config.verify()) {
            return options.setTrustAll(true).setTrustOptions(TRUST_ANY_OPTIONS).setHostnameVerificationAlgorithm("");
        }
        options.setHostnameVerificationAlgorithm("HTTPS");
        config.trustStore().ifPresent(store -> {
            PemTrustOptions trust = new PemTrustOptions();
            store.certificates().forEach(c -> trust.addCertValue(pem(c)));
            options.setTrustOptions(trust);
        });
        return options;
    }

    private static Buffer pem(X509Certificate certificate) {
        try {
            String base64 = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(certificate.getEncoded());
            return Buffer.buffer("-----BEGIN CERTIFICATE-----\n" + base64 + "\n-----END CERTIFICATE-----\n",
                    StandardCharsets.US_ASCII.name());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("a certificate read from its encoding cannot be encoded again", e);
        }
    }
}
