package dev.shunt.gateway.config;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads a trust store file when the config loads, so that a missing, unreadable or wrong file is a
 * config error and not a failed handshake later. {@code .jks} is a Java key store, {@code .p12} and
 * {@code .pfx} PKCS#12 (both opened with {@code trustStorePassword} when set); any other name is PEM,
 * one or more {@code -----BEGIN CERTIFICATE-----} blocks (a CA bundle such as
 * {@code /etc/ssl/certs/ca-certificates.crt}).
 */
final class TrustStoreFile {

    /** Larger files are refused: the whole Mozilla CA bundle is about 220 KiB. */
    static final long MAX_BYTES = 16L * 1024 * 1024;

    /** How a trust store file is read, told by its name. */
    enum Format {
        PEM, JKS, PKCS12;

        static Format of(Path path) {
            String name = path.getFileName() == null ? "" : path.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".jks")) {
                return JKS;
            }
            return name.endsWith(".p12") || name.endsWith(".pfx") ? PKCS12 : PEM;
        }
    }

    private TrustStoreFile() {}

    /**
     * Reads the certificates of {@code path}.
     *
     * @throws IllegalArgumentException naming the file and what is wrong with it
     */
    static TrustStore read(Path path, Optional<String> password) {
        String shown = shown(path);
        if (!Files.exists(path)) {
            throw new IllegalArgumentException(shown + " does not exist");
        }
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException(shown + " is not a file (expected: a file of CA certificates)");
        }
        byte[] bytes;
        try {
            if (Files.size(path) > MAX_BYTES) {
                throw new IllegalArgumentException(shown + " is larger than 16 MiB (expected: a file of CA certificates)");
            }
            bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            throw new IllegalArgumentException(shown + " cannot be read (" + e + ")");
        }
        Format format = Format.of(path);
        List<X509Certificate> certificates = format == Format.PEM ? pem(bytes, shown) : keyStore(bytes, format, password, shown);
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException(shown + " holds no certificate (expected: " + (format == Format.PEM
                    ? "one or more PEM blocks \"-----BEGIN CERTIFICATE-----\")" : "trusted certificate entries)"));
        }
        return new TrustStore(path, certificates);
    }

    private static List<X509Certificate> pem(byte[] bytes, String shown) {
        try {
            List<X509Certificate> certificates = new ArrayList<>();
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(bytes))) {
                if (c instanceof X509Certificate x509) {
                    certificates.add(x509);
                }
            }
            return certificates;
        } catch (CertificateException e) {
            throw new IllegalArgumentException(shown + " is not a PEM file of certificates (" + e.getMessage()
                    + "; expected: one or more \"-----BEGIN CERTIFICATE-----\" blocks, or a name ending in .jks, .p12 or .pfx)");
        }
    }

    private static List<X509Certificate> keyStore(byte[] bytes, Format format, Optional<String> password, String shown) {
        try {
            KeyStore store = KeyStore.getInstance(format.name());
            store.load(new ByteArrayInputStream(bytes), password.map(String::toCharArray).orElse(null));
            List<X509Certificate> certificates = new ArrayList<>();
            for (String alias : Collections.list(store.aliases())) {
                // as Java's own trust managers do: trusted entries, and the certificate of a key entry
                if (store.getCertificate(alias) instanceof X509Certificate x509) {
                    certificates.add(x509);
                }
            }
            return certificates;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException(shown + " cannot be opened as " + format.name() + " (" + e.getMessage()
                    + (password.isPresent() ? "; expected: trustStorePassword to be its password)"
                            : "; expected: a " + format.name() + " trust store, with trustStorePassword if it has one)"));
        }
    }

    /** The path as written, and where it points when it is relative. */
    static String shown(Path path) {
        return path.isAbsolute() ? path.toString() : path + " (" + path.toAbsolutePath().normalize() + ")";
    }
}
