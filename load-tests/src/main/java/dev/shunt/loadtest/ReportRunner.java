package dev.shunt.loadtest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs every benchmark behind the README's figure tables, one after the other, and writes
 * {@code report.md} (each section's tables, raw numbers and ratios taken side by side in one run)
 * with an SVG chart of throughput and latency per section next to it.
 */
final class ReportRunner {

    /** The sections, in report order. */
    static final List<String> SECTIONS = List.of("cpu-sizing", "batching", "proxies", "routing", "mirroring");

    private ReportRunner() {}

    static int run(Path outDir, Set<String> skip, Path cpuJar, Path gpuJar, Path gatewayJar, BenchOptions options)
            throws Exception {
        for (String s : skip) {
            if (!SECTIONS.contains(s)) {
                throw new IllegalArgumentException("--skip: " + s + " (expected some of " + SECTIONS + ")");
            }
        }
        Files.createDirectories(outDir);
        List<Section> sections = new ArrayList<>();
        for (String name : SECTIONS) {
            if (skip.contains(name)) {
                continue;
            }
            System.out.println("== " + name);
            Section section = switch (name) {
                case "cpu-sizing" -> Benchmark.measure("cpu-sizing", "CPU sizing: auto vs oversubscribed",
                        "Same cpu-backend jar and model (convnet, 1 row); `auto` sizes itself from the CPU quota and "
                                + "physical cores, `oversubscribed` runs 2 workers x 2 threads.",
                        List.of(new Benchmark.Config("auto", "auto-sized", cpuJar, List.of("--model", "convnet")),
                                new Benchmark.Config("oversubscribed", "2 workers x 2 threads", cpuJar,
                                        List.of("--model", "convnet", "--workers", "2", "--threads", "2"))),
                        "oversubscribed", "/v2/models/convnet/infer", RequestBodies.forModel("convnet", 1, 1),
                        Map.of("Content-Type", "application/json"), 8, options);
                case "batching" -> Benchmark.measure("batching", "Dynamic batching: on vs off",
                        "Same gpu-backend jar and model (convnet, 1 row; on the CPU here); `batching` joins queued "
                                + "requests (max 16, 5 ms), `no-batching` runs each alone.",
                        List.of(new Benchmark.Config("batching", "max batch 16, delay 5ms", gpuJar,
                                        List.of("--model", "convnet", "--max-batch-size", "16", "--max-queue-delay", "5ms")),
                                new Benchmark.Config("no-batching", "max batch 1", gpuJar,
                                        List.of("--model", "convnet", "--max-batch-size", "1"))),
                        "no-batching", "/v2/models/convnet/infer", RequestBodies.forModel("convnet", 1, 1),
                        Map.of("Content-Type", "application/json"), 32, options);
                case "proxies" -> ProxyConfigs.installed("nginx") && ProxyConfigs.installed("haproxy")
                        ? ProxyBenchmark.measure(cpuJar, gatewayJar, "mlp", 1, 16, options)
                        : new Section("proxies", "## Gateway vs nginx vs HAProxy\n\nSkipped: nginx and haproxy are not "
                                + "installed (apt-get install nginx haproxy).\n", List.of());
                case "routing" -> RoutingBenchmark.measure(cpuJar, gpuJar, gatewayJar, 300, 32, options);
                default -> MirrorBenchmark.measure(cpuJar, gatewayJar, 16, options);
            };
            sections.add(section);
            for (Figure figure : section.figures()) {
                Files.writeString(outDir.resolve(figure.file()), SvgChart.render(figure));
            }
            Files.writeString(outDir.resolve("report.md"), render(sections, options));
        }
        System.out.println("report: " + outDir.resolve("report.md").toAbsolutePath());
        return 0;
    }

    static String render(List<Section> sections, BenchOptions options) {
        StringBuilder sb = new StringBuilder("# Shunt benchmark report\n\n");
        sb.append("Run ").append(LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME)).append(" on ")
                .append(Runtime.getRuntime().availableProcessors()).append(" CPUs. Every figure is a ratio taken side by "
                        + "side in one run: configs are measured in interleaved rounds (")
                .append(options.rounds).append(" x ").append(options.roundSeconds).append(" s after ")
                .append(options.warmupSeconds).append(" s of warm-up each), medians over rounds; raw numbers are in "
                        + "the tables.\n\n");
        for (Section section : sections) {
            sb.append(section.markdown().strip()).append("\n\n");
            for (Figure figure : section.figures()) {
                sb.append("![").append(figure.title()).append("](").append(figure.file()).append(")\n");
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
