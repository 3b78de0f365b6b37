package dev.shunt.gateway;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Certificates made by the JDK's {@code keytool} in a folder, for HTTPS backends and the trust stores
 * that trust them: each one self-signed, for the names its {@code san} lists.
 */
public final class TestCertificates {

    /** The password of every key and trust store made here. */
    public static final String PASSWORD = "changeit";

    private final Path dir;

    public TestCertificates(Path dir) {
        this.dir = dir;
    }

    /**
     * A key pair with a self-signed certificate for {@code san} (keytool's form:
     * {@code dns:localhost,ip:127.0.0.1}): the PKCS#12 key store a backend serves it from; the
     * certificate is also written as PEM ({@link #pem}).
     */
    public Path keyStore(String name, String san) throws Exception {
        Path store = dir.resolve(name + ".p12");
        keytool("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + name,
                "-ext", "san=" + san, "-validity", "2", "-keystore", store.toString(), "-storetype", "PKCS12",
                "-storepass", PASSWORD, "-keypass", PASSWORD);
        keytool("-exportcert", "-rfc", "-alias", name, "-keystore", store.toString(), "-storepass", PASSWORD,
                "-file", pem(name).toString());
        return store;
    }

    /** The certificate of {@link #keyStore}{@code (name, ...)} as PEM. */
    public Path pem(String name) {
        return dir.resolve(name + ".pem");
    }

    /** A trust store of {@code type} ({@code JKS} or {@code PKCS12}) holding {@code name}'s certificate (made once). */
    public Path trustStore(String name, String type) throws Exception {
        Path store = dir.resolve(name + "-trust." + (type.equals("JKS") ? "jks" : "p12"));
        if (Files.exists(store)) {
            return store;
        }
        keytool("-importcert", "-noprompt", "-alias", name, "-file", pem(name).toString(), "-keystore",
                store.toString(), "-storetype", type, "-storepass", PASSWORD);
        return store;
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("keytool did not finish in 60 s: " + command);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new AssertionError("keytool failed (" + process.exitValue() + "): " + command + "\n" + output);
        }
    }
}
