package dev.shunt.loadtest;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The same convnet batch sent as JSON and in Triton's binary tensor data extension (input binary,
 * output asked binary) through one gateway in front of one gpu-backend, in interleaved rounds:
 * bytes on the wire, the gateway's and the model server's CPU per request, throughput and latency.
 * Before any load, one request of each kind must decode to the same logits, or the run fails.
 */
final class BinaryTensorsBenchmark {

    static final String MODEL = "convnet";
    private static final String PATH = "/v2/models/" + MODEL + "/infer";
    /** Same logits: the largest difference allowed, relative to max(1, |logit|). */
    private static final double SAME = 1e-5;

    /** One kind of request to one server. */
    record Target(String name, String what, int port, Buffer body, Map<String, String> headers, boolean viaGateway) {}

    /** One round of one target: the load's figures and the CPU ticks each process used in it. */
    record Round(LoadResult load, long gatewayTicks, long backendTicks) {}

    private BinaryTensorsBenchmark() {}

    static Section measure(Path gpuJar, Path gatewayJar, int rows, int concurrency, boolean direct, BenchOptions options)
            throws Exception {
        options.validate();
        Path dir = options.logs.toAbsolutePath();
        Fp32Tensor tensor = Fp32Tensor.random("input", 1, rows, 3, 64, 64);
        Buffer json = tensor.json();
        Fp32Tensor.BinaryBody binary = tensor.binary(true);
        List<ServerProcess> started = new ArrayList<>();
        Vertx vertx = Vertx.vertx();
        try {
            ServerProcess backend = ServerProcess.start("gpu-backend", gpuJar, List.of("--model", MODEL), dir);
            started.add(backend);
            ServerProcess gateway = ServerProcess.startGateway("shunt", gatewayJar,
                    port -> ProxyConfigs.gateway(port, backend.port()), dir);
            started.add(gateway);
            List<Target> targets = new ArrayList<>(List.of(
                    new Target("json", "through the gateway, JSON in, JSON out", gateway.port(), json,
                            Map.of("Content-Type", "application/json"), true),
                    new Target("binary", "through the gateway, binary in, binary out", gateway.port(), binary.body(),
                            binary.headers(), true)));
            if (direct) {
                targets.add(new Target("direct-json", "to the model server, JSON in, JSON out", backend.port(), json,
                        Map.of("Content-Type", "application/json"), false));
                targets.add(new Target("direct-binary", "to the model server, binary in, binary out", backend.port(),
                        binary.body(), binary.headers(), false));
            }
            String check = verify(gateway.port(), json, binary);
            if (direct) {
                check += "; directly: " + verify(backend.port(), json, binary);
            }
            System.out.println("same logits: " + check);
            ProcessCpu gatewayCpu = ProcessCpu.of(gateway.pid());
            ProcessCpu backendCpu = ProcessCpu.of(backend.pid());
            Map<String, List<Round>> rounds = run(vertx, targets, gatewayCpu, backendCpu, concurrency, options);
            String markdown = "## Binary vs JSON tensors through the gateway\n\n"
                    + "One gpu-backend (`--model " + MODEL + "`, its default batching: max 32 rows, 5 ms) behind one "
                    + "gateway; every request is one FP32 input [" + rows + ",3,64,64] with the same values, sent as "
                    + "JSON numbers or in Triton's binary tensor data extension (`Inference-Header-Content-Length`, "
                    + "output asked with `binary_data_output`). Checked first: " + check + ".\n\nRun "
                    + LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME) + ", "
                    + Runtime.getRuntime().availableProcessors() + " CPUs shared by the load generator and both servers, "
                    + concurrency + " closed-loop senders, " + options.warmupSeconds + " s warm-up per target, "
                    + options.rounds + " interleaved rounds of " + options.roundSeconds + " s; medians over rounds. "
                    + "Bytes are HTTP bodies (headers not counted). CPU per request is the process's utime + stime from "
                    + "`/proc/<pid>/stat` over a round divided by the requests answered in it; the clock tick is "
                    + gatewayCpu.millis(1) + " ms, so a round's figure is good to one tick over its requests.\n\n"
                    + BinaryTensorsReport.table(targets, rounds, gatewayCpu, backendCpu) + "\n"
                    + BinaryTensorsReport.pairedRatios(targets, rounds, gatewayCpu, backendCpu) + "\n"
                    + BinaryTensorsReport.perRound(targets, rounds, gatewayCpu, backendCpu);
            Map<String, List<LoadResult>> loads = new LinkedHashMap<>();
            rounds.forEach((name, list) -> loads.put(name, list.stream().map(Round::load).toList()));
            return new Section("binary-tensors", markdown, List.of(
                    Figure.throughput("binary-tensors-throughput.svg", "JSON vs binary tensors: throughput", loads),
                    Figure.latency("binary-tensors-latency.svg", "JSON vs binary tensors: latency", loads)));
        } finally {
            for (int i = started.size() - 1; i >= 0; i--) {
                started.get(i).close();
            }
            vertx.close();
        }
    }

    /** Warm-up per target, then rounds whose order alternates, reading both processes' CPU around each. */
    private static Map<String, List<Round>> run(Vertx vertx, List<Target> targets, ProcessCpu gatewayCpu,
            ProcessCpu backendCpu, int concurrency, BenchOptions options) throws Exception {
        ClosedLoopLoad load = new ClosedLoopLoad(vertx);
        Duration round = Duration.ofSeconds(options.roundSeconds);
        System.out.printf("binary-tensors: %d targets x (%d s warm-up + %d rounds x %d s), about %d s of load%n",
                targets.size(), options.warmupSeconds, options.rounds, options.roundSeconds,
                SideBySide.estimate(targets.size(), Duration.ofSeconds(options.warmupSeconds), round, options.rounds)
                        .toSeconds());
        Map<String, List<Round>> results = new LinkedHashMap<>();
        for (Target target : targets) {
            results.put(target.name(), new ArrayList<>());
            System.out.printf("warm-up %s (%d s)%n", target.name(), options.warmupSeconds);
            load.run(target.port(), PATH, target.body(), target.headers(), concurrency,
                    Duration.ofSeconds(options.warmupSeconds));
        }
        for (int r = 0; r < options.rounds; r++) {
            List<Target> order = new ArrayList<>(targets);
            if (r % 2 == 1) {
                Collections.reverse(order);
            }
            for (Target target : order) {
                long g0 = gatewayCpu.ticks();
                long b0 = backendCpu.ticks();
                LoadResult result = load.run(target.port(), PATH, target.body(), target.headers(), concurrency, round);
                Round done = new Round(result, gatewayCpu.ticks() - g0, backendCpu.ticks() - b0);
                results.get(target.name()).add(done);
                System.out.printf(Locale.ROOT, "round %d %-14s %7.1f req/s  p50 %7.2f ms  p99 %7.2f ms  gateway %6.2f ms/req"
                        + "  backend %7.2f ms/req  batch %5.2f  errors %s%n", r + 1, target.name(), result.throughput(),
                        result.p50Ms(), result.p99Ms(), BinaryTensorsReport.perRequest(gatewayCpu, done.gatewayTicks(), result),
                        BinaryTensorsReport.perRequest(backendCpu, done.backendTicks(), result), result.meanBatchSize(),
                        result.errorsByStatus());
            }
        }
        return results;
    }

    /**
     * Sends the JSON and the binary request once each to {@code port} and checks that both are answered
     * 200, the first in JSON and the second in binary, with the same logits; a description of the
     * check, or an exception that ends the run.
     */
    static String verify(int port, Buffer json, Fp32Tensor.BinaryBody binary) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<byte[]> a = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + PATH))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.getBytes())).build(), HttpResponse.BodyHandlers.ofByteArray());
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + PATH))
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofByteArray(binary.body().getBytes()));
        binary.headers().forEach(b::header);
        HttpResponse<byte[]> bin = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        var headerLength = bin.headers().firstValue("Inference-Header-Content-Length");
        if (a.statusCode() != 200 || bin.statusCode() != 200) {
            throw new IllegalStateException("port " + port + ": JSON answered " + a.statusCode() + ", binary "
                    + bin.statusCode() + ": " + new String(bin.body(), java.nio.charset.StandardCharsets.UTF_8));
        }
        if (a.headers().firstValue("Inference-Header-Content-Length").isPresent() || headerLength.isEmpty()) {
            throw new IllegalStateException("port " + port + ": expected a JSON answer to JSON and a binary answer to "
                    + "binary_data_output, got " + a.headers().map() + " and " + bin.headers().map());
        }
        var fromJson = Fp32Outputs.decode(a.body(), -1);
        var fromBinary = Fp32Outputs.decode(bin.body(), Integer.parseInt(headerLength.get()));
        double difference = Fp32Outputs.maxRelativeDifference(fromJson, fromBinary);
        int values = fromJson.values().stream().mapToInt(v -> v.length).sum();
        if (values == 0 || !(difference <= SAME)) {
            throw new IllegalStateException("port " + port + ": JSON and binary answers differ (largest relative "
                    + "difference " + difference + ", allowed " + SAME + ", " + values + " values)");
        }
        return String.format(Locale.ROOT, "%d logits from the JSON answer and from the binary answer, largest "
                + "difference %s", values, difference == 0 ? "0 (bit for bit)" : String.format(Locale.ROOT, "%.1e", difference));
    }
}
