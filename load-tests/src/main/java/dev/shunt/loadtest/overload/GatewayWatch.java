package dev.shunt.loadtest.overload;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Reads a gateway's figures while the load runs, off the load's event loop: a scrape of {@code /metrics}
 * when each phase begins, and the heap after a full collection ({@code jcmd <pid> GC.run}, then the JVM's
 * {@code jvm_memory_used_bytes{area="heap"}}) one second before each phase ends, so the collection's
 * pause falls inside the phase it measures, not at the start of the next.
 */
final class GatewayWatch implements AutoCloseable {

    private final int port;
    private final long pid;
    private final String latencyClass;
    private final ScheduledExecutorService scrapes = Executors.newSingleThreadScheduledExecutor();
    private final ScheduledExecutorService heap = Executors.newSingleThreadScheduledExecutor();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<GatewayFigures> atPhaseStart = Collections.synchronizedList(new ArrayList<>());
    private final List<Double> heapAfterGc = Collections.synchronizedList(new ArrayList<>());

    GatewayWatch(int port, long pid, String latencyClass) {
        this.port = port;
        this.pid = pid;
        this.latencyClass = latencyClass;
    }

    /** Phase {@code index} begins (called on the load's event loop: only hands off). */
    void phaseBegins(int index, List<Phase> phases) {
        scrapes.execute(() -> atPhaseStart.add(scrape()));
        if (index < phases.size()) {
            long delayMs = Math.max(0, phases.get(index).length().toMillis() - 1000);
            heap.schedule(() -> heapAfterGc.add(heapAfterGc()), delayMs, TimeUnit.MILLISECONDS);
        }
    }

    /** The gateway's figures of phase {@code index}, from the scrapes at its start and end. */
    GatewayFigures phase(int index) {
        return atPhaseStart.get(index + 1).since(atPhaseStart.get(index));
    }

    /** Heap in use after a full collection near the end of phase {@code index}, in MiB. */
    double heapMib(int index) {
        return index < heapAfterGc.size() ? heapAfterGc.get(index) / (1 << 20) : Double.NaN;
    }

    /** Waits (at most 30 s) until {@code count} scrapes and {@code heapSamples} heap samples are done. */
    void await(int count, int heapSamples) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while ((atPhaseStart.size() < count || heapAfterGc.size() < heapSamples) && System.nanoTime() < until) {
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    @Override
    public void close() {
        scrapes.shutdownNow();
        heap.shutdownNow();
    }

    private GatewayFigures scrape() {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/metrics")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return GatewayFigures.parse(response.body(), latencyClass);
        } catch (Exception e) {
            throw new IllegalStateException("scraping the gateway failed: " + e, e);
        }
    }

    private double heapAfterGc() {
        try {
            Process gc = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(pid), "GC.run").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!gc.waitFor(20, TimeUnit.SECONDS)) {
                gc.destroyForcibly();
                return Double.NaN;
            }
            return scrape().heapBytes();
        } catch (Exception e) {
            return Double.NaN;
        }
    }
}
