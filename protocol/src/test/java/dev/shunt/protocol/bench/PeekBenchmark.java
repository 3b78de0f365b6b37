/*
 * Peek vs full decode vs Jackson tree, on FP32 request bodies of 1 x 512 and 64 x 512 values.
 *
 * Run (about 1 minute; prints JMH's report, then a table of ratios):
 *
 *   cd /work/main && mvn -B -q -pl protocol test-compile exec:java \
 *       -Dexec.classpathScope=test -Dexec.mainClass=dev.shunt.protocol.bench.PeekBenchmark
 */
package dev.shunt.protocol.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shunt.protocol.Datatype;
import dev.shunt.protocol.InferInput;
import dev.shunt.protocol.InferenceCodec;
import dev.shunt.protocol.InferenceRequest;
import dev.shunt.protocol.PeekResult;
import dev.shunt.protocol.RequestPeek;
import dev.shunt.protocol.TensorData;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Measures what {@link RequestPeek} saves over decoding: the gateway peeks at every request to
 * classify it, and only some requests are decoded in full. Bodies are written by
 * {@link InferenceCodec#encodeRequest} (shortest float form, about 10 bytes a value).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PeekBenchmark {

    private static final int COLUMNS = 512;

    /** Rows of 512 FP32 values in the one input. */
    @Param({"1", "64"})
    public int rows;

    private final RequestPeek peek = new RequestPeek();
    private final InferenceCodec codec = new InferenceCodec();
    private final ObjectMapper mapper = new ObjectMapper();
    private byte[] body;

    @Setup
    public void setUp() {
        Random random = new Random(rows);
        float[] values = new float[rows * COLUMNS];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        body = codec.encodeRequest(new InferenceRequest("bench", Map.of(), List.of(
                InferInput.of("input", new long[] {rows, COLUMNS}, Datatype.FP32, new TensorData.Floats(values))), List.of()));
    }

    @Benchmark
    public PeekResult peek() {
        return peek.peek(body, 0, body.length);
    }

    @Benchmark
    public InferenceRequest decodeRequest() {
        return codec.decodeRequest(body, 0, body.length);
    }

    @Benchmark
    public JsonNode readTree() throws IOException {
        return mapper.readTree(body);
    }

    /** Runs the benchmark with modest settings and prints the full-parse / peek ratios. */
    public static void main(String[] args) throws RunnerException {
        useCallerClasspathForForks();
        Options options = new OptionsBuilder()
                .include(PeekBenchmark.class.getName() + "\\.")
                .forks(1)
                .warmupIterations(3)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(5)
                .measurementTime(TimeValue.seconds(1))
                .build();
        printRatios(new Runner(options).run());
    }

    private static void printRatios(Collection<RunResult> results) {
        Map<Integer, Map<String, double[]>> byRows = new TreeMap<>();
        for (RunResult r : results) {
            String method = r.getParams().getBenchmark();
            method = method.substring(method.lastIndexOf('.') + 1);
            int rows = Integer.parseInt(r.getParams().getParam("rows"));
            byRows.computeIfAbsent(rows, k -> new TreeMap<>()).put(method,
                    new double[] {r.getPrimaryResult().getScore(), r.getPrimaryResult().getScoreError()});
        }
        System.out.println();
        System.out.printf("%-10s %16s %20s %18s %16s %18s%n",
                "body", "peek (us/op)", "decodeRequest (us/op)", "readTree (us/op)", "decode / peek", "readTree / peek");
        byRows.forEach((rows, m) -> {
            double[] p = m.get("peek");
            double[] d = m.get("decodeRequest");
            double[] t = m.get("readTree");
            System.out.printf("%-10s %16s %20s %18s %15.2fx %17.2fx%n", rows + "x" + COLUMNS,
                    fmt(p), fmt(d), fmt(t), d[0] / p[0], t[0] / p[0]);
        });
    }

    private static String fmt(double[] scoreAndError) {
        return String.format("%.2f ± %.2f", scoreAndError[0], scoreAndError[1]);
    }

    /**
     * Under {@code exec:java} the test classpath lives in a class loader, not in
     * {@code java.class.path}, which is what JMH gives its forked JVM; copy it over.
     */
    private static void useCallerClasspathForForks() {
        if (!(Thread.currentThread().getContextClassLoader() instanceof URLClassLoader loader)) {
            return;
        }
        List<String> entries = new ArrayList<>();
        for (URL url : loader.getURLs()) {
            try {
                entries.add(Path.of(url.toURI()).toString());
            } catch (URISyntaxException | IllegalArgumentException e) {
                // Not a local file: the fork could not use it anyway.
            }
        }
        if (!entries.isEmpty()) {
            System.setProperty("java.class.path", String.join(File.pathSeparator, entries));
        }
    }
}
