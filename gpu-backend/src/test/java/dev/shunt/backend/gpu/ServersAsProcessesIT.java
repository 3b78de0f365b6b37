package dev.shunt.backend.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shunt.backend.testing.Bodies;
import dev.shunt.protocol.InferenceCodec;
import dev.shunt.protocol.TensorData;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jars, started as the README says ({@code java -jar ...}), as separate processes on
 * loopback: flags, identical answers across the two servers, their metrics, and SIGTERM draining.
 */
class ServersAsProcessesIT {

    static final Path CPU_JAR = Path.of("..", "cpu-backend", "target", "shunt-cpu-backend.jar");
    static final Path GPU_JAR = Path.of("target", "shunt-gpu-backend.jar");
    static final InferenceCodec CODEC = new InferenceCodec();

    final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    final List<Process> processes = new ArrayList<>();

    @TempDir
    Path logs;

    @AfterEach
    void killLeftovers() throws Exception {
        for (Process p : processes) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }

    Process launch(Path jar, String logName, String... args) throws IOException {
        return launch(jar, logName, List.of(), args);
    }

    Process launch(Path jar, String logName, List<String> jvmArgs, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-Dai.djl.offline=true"));
        command.addAll(jvmArgs);
        command.addAll(List.of("-jar", jar.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(logs.resolve(logName).toFile());
        builder.environment().put("OPT_OUT_TRACKING", "true");
        Process process = builder.start();
        processes.add(process);
        return process;
    }

    String log(String name) throws IOException {
        return Files.readString(logs.resolve(name));
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    void awaitReady(int port, Process process, String logName) {
        await("ready: " + logName).atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .ignoreExceptionsInstanceOf(IOException.class).until(() -> {
                    assertThat(process.isAlive()).as("process died: %s", log(logName)).isTrue();
                    return get(port, "/v2/health/ready").statusCode() == 200;
                });
    }

    HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    CompletableFuture<HttpResponse<byte[]>> infer(int port, String model, byte[] body) {
        return http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v2/models/" + model + "/infer"))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static float[] outputs(HttpResponse<byte[]> response) {
        assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        return ((TensorData.Floats) CODEC.decodeResponse(response.body()).outputs().get(0).data()).values();
    }

    @Test
    void helpDocumentsTheFlagsAndBadFlagsAreRefused() throws Exception {
        Process help = launch(GPU_JAR, "help.log", "--help");
        assertThat(help.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(help.exitValue()).isZero();
        assertThat(log("help.log")).contains("--max-batch-size", "--max-queue-delay", "--preferred-batch-sizes",
                "--port", "--host", "--model");

        Process cpuHelp = launch(CPU_JAR, "cpu-help.log", "--help");
        assertThat(cpuHelp.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(cpuHelp.exitValue()).isZero();
        assertThat(log("cpu-help.log")).contains("--workers", "--threads", "--port", "--variant", "--model-file");

        Process bad = launch(GPU_JAR, "bad.log", "--max-batch-size", "0", "--port", Integer.toString(freePort()));
        assertThat(bad.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(bad.exitValue()).isNotZero();
        assertThat(log("bad.log")).contains("maxBatchSize: 0 (expected: > 0)");
    }

    @Test
    void aThreadCountGivenWithDashDReachesTheEngineOverTheThreadsFlag() throws Exception {
        int port = freePort();
        Process gpu = launch(GPU_JAR, "threads.log", List.of("-Dai.djl.pytorch.num_threads=1"),
                "--port", Integer.toString(port), "--threads", "3");
        awaitReady(port, gpu, "threads.log");

        assertThat(log("threads.log")).contains(
                "-Dai.djl.pytorch.num_threads=1 given: it wins over the server's choice of 3",
                "PyTorch threads: intra-op 1, inter-op 1",
                "Number of intra-op threads is 1");
    }

    @Test
    void bothServersAnswerAlikeExportTheirMetricsAndDrainOnSigterm() throws Exception {
        int cpuPort = freePort();
        int gpuPort = freePort();
        Process cpu = launch(CPU_JAR, "cpu.log", "--port", Integer.toString(cpuPort), "--model", "convnet",
                "--workers", "1", "--threads", "1");
        Process gpu = launch(GPU_JAR, "gpu.log", "--port", Integer.toString(gpuPort), "--model", "convnet",
                "--threads", "1", "--max-batch-size", "8", "--max-queue-delay", "2ms");
        awaitReady(cpuPort, cpu, "cpu.log");
        awaitReady(gpuPort, gpu, "gpu.log");

        byte[] image = Bodies.fp32Request(null, Bodies.randomValues(3 * 64 * 64, 42), 1, 3, 64, 64);
        float[] fromCpu = outputs(infer(cpuPort, "convnet", image).get(60, TimeUnit.SECONDS));
        float[] fromGpu = outputs(infer(gpuPort, "convnet", image).get(60, TimeUnit.SECONDS));
        assertThat(fromGpu).containsExactly(fromCpu);

        assertThat(get(cpuPort, "/metrics").body()).contains("shunt_backend_workers 1.0",
                "shunt_backend_intra_op_threads 1.0", "shunt_backend_usable_physical_cores");
        assertThat(get(gpuPort, "/metrics").body()).containsPattern("shunt_backend_batch_size_count [1-9]");
        assertThat(get(gpuPort, "/v2/models/convnet").body()).contains("\"device\":\"cpu()\"");
        assertThat(log("gpu.log")).contains("NO GPU");

        // heavy requests on a single worker: one runs while the others wait in its queue
        byte[] batch = Bodies.fp32Request(null, Bodies.randomValues(64 * 3 * 64 * 64, 7), 64, 3, 64, 64);
        List<CompletableFuture<HttpResponse<byte[]>>> inFlight = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            inFlight.add(infer(cpuPort, "convnet", batch));
        }
        int admitted = await("requests running or queued before SIGTERM").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(2)).until(() -> admitted(cpuPort), n -> n >= 2);
        cpu.destroy(); // SIGTERM
        int answered = 0;
        for (CompletableFuture<HttpResponse<byte[]>> request : inFlight) {
            HttpResponse<byte[]> response = request.get(60, TimeUnit.SECONDS);
            if (response.statusCode() == 200) {
                answered++;
            } else {
                // one that arrived after the signal is refused cleanly, never dropped
                assertThat(response.statusCode()).isEqualTo(503);
                assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("shutting down");
            }
        }
        assertThat(answered).as("every request admitted before SIGTERM is answered").isGreaterThanOrEqualTo(admitted);
        assertThat(cpu.waitFor(30, TimeUnit.SECONDS)).as("exits after draining").isTrue();
        assertThat(log("cpu.log")).contains("draining", "stopped");
    }

    private int admitted(int port) throws Exception {
        String metrics = get(port, "/metrics").body();
        return (int) (gauge(metrics, "shunt_backend_queue_depth") + gauge(metrics, "shunt_backend_running"));
    }

    private static double gauge(String metrics, String name) {
        for (String line : metrics.split("\n")) {
            if (line.startsWith(name + " ")) {
                return Double.parseDouble(line.substring(name.length() + 1));
            }
        }
        return 0;
    }
}
