package dev.shunt.loadtest;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A model server started as its own process ({@code java -jar ...}) on a free loopback port, ready
 * when {@code /v2/health/ready} answers 200; closing it sends SIGTERM and waits for the drain.
 */
public final class ServerProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final int port;
    private final Path log;

    private ServerProcess(String name, Process process, int port, Path log) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts {@code jar} with {@code args} (plus {@code --port}), logging to {@code logDir/name.log}. */
    public static ServerProcess start(String name, Path jar, List<String> args, Path logDir) throws Exception {
        return start(name, jar, args, logDir, java.util.Map.of());
    }

    /** The same, with environment variables set ({@code ""} removes one the process would inherit). */
    public static ServerProcess start(String name, Path jar, List<String> args, Path logDir,
            java.util.Map<String, String> env) throws Exception {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " does not exist: build it first (mvn -B -DskipTests package)");
        }
        return startOn(name, jar, args, logDir, env, freePort());
    }

    /** The same on a given port (a restart on the port the gateway's config names). */
    public static ServerProcess startOn(String name, Path jar, List<String> args, Path logDir,
            java.util.Map<String, String> env, int port) throws Exception {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " does not exist: build it first (mvn -B -DskipTests package)");
        }
        List<String> command = new ArrayList<>(List.of(java(), "-Xmx1g", "-Dai.djl.offline=true", "-jar", jar.toString(),
                "--port", Integer.toString(port)));
        command.addAll(args);
        return launch(name, command, port, logDir, env);
    }

    /**
     * Starts the gateway jar on a free port, with the config {@code yaml} gives for that port written to
     * {@code logDir/name.yaml}, and the JVM settings its launchers use.
     */
    public static ServerProcess startGateway(String name, Path gatewayJar, java.util.function.IntFunction<String> yaml,
            Path logDir) throws Exception {
        int port = freePort();
        Files.createDirectories(logDir);
        Path config = logDir.resolve(name + ".yaml");
        Files.writeString(config, yaml.apply(port));
        return launch(name, List.of(java(), "-Xmx1g", "-XX:+UseParallelGC", "-jar", gatewayJar.toString(), "--config",
                config.toString()), port, logDir);
    }

    /**
     * Starts the gateway jar on {@code port} with the config file {@code config} (already written) and
     * environment {@code env}, with the JVM settings its launchers use, and waits until it is ready.
     */
    public static ServerProcess startGatewayOn(String name, Path gatewayJar, Path config, int port, Path logDir,
            java.util.Map<String, String> env) throws Exception {
        return launch(name, List.of(java(), "-Xmx512m", "-XX:+UseParallelGC", "-jar", gatewayJar.toString(), "--config",
                config.toString()), port, logDir, env);
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Starts any command that will listen on {@code port} (nginx, HAProxy, the gateway) and waits until ready. */
    public static ServerProcess launch(String name, List<String> command, int port, Path logDir) throws Exception {
        return launch(name, command, port, logDir, java.util.Map.of());
    }

    static ServerProcess launch(String name, List<String> command, int port, Path logDir,
            java.util.Map<String, String> env) throws Exception {
        Files.createDirectories(logDir);
        Path log = logDir.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("OPT_OUT_TRACKING", "true");
        env.forEach((key, value) -> {
            if (value.isEmpty()) {
                builder.environment().remove(key);
            } else {
                builder.environment().put(key, value);
            }
        });
        ServerProcess server = new ServerProcess(name, builder.start(), port, log);
        server.awaitReady(Duration.ofSeconds(90));
        return server;
    }

    /** The port it listens on. */
    public int port() {
        return port;
    }

    /** The process id, for reading its CPU time. */
    public long pid() {
        return process.pid();
    }

    /** The name given at start. */
    public String name() {
        return name;
    }

    private void awaitReady(Duration limit) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        long until = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < until) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited during start-up:\n" + tail());
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/v2/health/ready")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
        close();
        throw new IllegalStateException(name + " not ready after " + limit.toSeconds() + " s:\n" + tail());
    }

    private String tail() throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    }

    /** A free loopback port. */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Whether the process still runs. */
    public boolean alive() {
        return process.isAlive();
    }

    /** SIGKILL, and waits until it is gone: a crash, no drain. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    /**
     * SIGTERM and waits up to {@code limit} for the exit (the drain), then SIGKILL.
     *
     * @return the exit code, or -1 when it had to be killed
     */
    public int terminate(Duration limit) throws InterruptedException {
        process.destroy();
        if (process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            return process.exitValue();
        }
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        return -1;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
