package dev.shunt.loadtest;

import dev.shunt.loadtest.BinaryTensorsBenchmark.Round;
import dev.shunt.loadtest.BinaryTensorsBenchmark.Target;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** The tables of {@link BinaryTensorsBenchmark}: medians over rounds per target, then binary / JSON ratios. */
final class BinaryTensorsReport {

    private BinaryTensorsReport() {}

    /** CPU milliseconds per answered request of one round; NaN when none was answered. */
    static double perRequest(ProcessCpu cpu, long ticks, LoadResult load) {
        return load.ok() == 0 ? Double.NaN : cpu.millis(ticks) / load.ok();
    }

    /** Medians per target, and a ratio row for each binary target whose JSON twin ran too. */
    static String table(List<Target> targets, Map<String, List<Round>> rounds, ProcessCpu gatewayCpu,
            ProcessCpu backendCpu) {
        StringBuilder sb = new StringBuilder("| target | what | request bytes | response bytes | gateway CPU ms/req "
                + "| model server CPU ms/req | req/s | p50 ms | p99 ms | mean batch rows | errors |\n"
                + "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Target target : targets) {
            double[] f = figures(target, rounds.get(target.name()), gatewayCpu, backendCpu);
            sb.append(String.format(Locale.ROOT, "| %s | %s | %.0f | %.0f | %s | %.2f | %.1f | %.1f | %.1f | %.1f | %d |%n",
                    target.name(), target.what(), f[0], f[1], target.viaGateway() ? String.format(Locale.ROOT, "%.2f", f[2])
                            : "–", f[3], f[4], f[5], f[6], f[7], rounds.get(target.name()).stream()
                            .mapToLong(r -> r.load().errors()).sum()));
        }
        for (Target binary : targets) {
            Target json = twin(targets, binary);
            if (json == null) {
                continue;
            }
            double[] b = figures(binary, rounds.get(binary.name()), gatewayCpu, backendCpu);
            double[] j = figures(json, rounds.get(json.name()), gatewayCpu, backendCpu);
            sb.append(String.format(Locale.ROOT, "| **%s / %s** | ratio | **%.2fx** | %.2fx | %s | %.2fx | **%.2fx** "
                    + "| %.2fx | **%.2fx** | | |%n", binary.name(), json.name(), b[0] / j[0], b[1] / j[1],
                    binary.viaGateway() ? String.format(Locale.ROOT, "**%.2fx**", b[2] / j[2]) : "–", b[3] / j[3],
                    b[4] / j[4], b[5] / j[5], b[6] / j[6]));
        }
        return sb.toString();
    }

    /**
     * Each round's own binary / JSON ratios (the two ran next to each other in every round) and their
     * medians: steadier than a ratio of medians when the machine's load drifts between rounds.
     */
    static String pairedRatios(List<Target> targets, Map<String, List<Round>> rounds, ProcessCpu gatewayCpu,
            ProcessCpu backendCpu) {
        StringBuilder sb = new StringBuilder("Per-round ratios (each round's binary run against the JSON run next to it), "
                + "then their median:\n\n");
        for (Target binary : targets) {
            Target json = twin(targets, binary);
            if (json == null) {
                continue;
            }
            List<Round> b = rounds.get(binary.name());
            List<Round> j = rounds.get(json.name());
            sb.append("- ").append(binary.name()).append(" / ").append(json.name()).append(": ");
            sb.append(paired("req/s", b, j, r -> r.load().throughput())).append("; ");
            sb.append(paired("p99", b, j, r -> r.load().p99Ms())).append("; ");
            if (binary.viaGateway()) {
                sb.append(paired("gateway CPU/req", b, j, r -> perRequest(gatewayCpu, r.gatewayTicks(), r.load())))
                        .append("; ");
            }
            sb.append(paired("model server CPU/req", b, j, r -> perRequest(backendCpu, r.backendTicks(), r.load())))
                    .append("\n");
        }
        return sb.toString();
    }

    private static String paired(String figure, List<Round> binary, List<Round> json, ToDoubleFunction<Round> f) {
        List<Double> ratios = new java.util.ArrayList<>();
        for (int r = 0; r < binary.size(); r++) {
            ratios.add(f.applyAsDouble(binary.get(r)) / f.applyAsDouble(json.get(r)));
        }
        return String.format(Locale.ROOT, "%s %s (median **%.2fx**)", figure, ratios.stream()
                .map(x -> String.format(Locale.ROOT, "%.2f", x)).collect(java.util.stream.Collectors.joining(", ")),
                Report.median(ratios));
    }

    /** The JSON target measured beside a binary one ({@code binary} / {@code json}, {@code direct-binary} / ...). */
    private static Target twin(List<Target> targets, Target binary) {
        if (!binary.name().contains("binary")) {
            return null;
        }
        String name = binary.name().replace("binary", "json");
        return targets.stream().filter(t -> t.name().equals(name)).findFirst().orElse(null);
    }

    /** Every round as measured, in the order the rounds ran. */
    static String perRound(List<Target> targets, Map<String, List<Round>> rounds, ProcessCpu gatewayCpu,
            ProcessCpu backendCpu) {
        StringBuilder sb = new StringBuilder("Per round:\n\n| round | target | answered | req/s | p50 ms | p99 ms "
                + "| gateway ticks | gateway CPU ms/req | model server ticks | model server CPU ms/req |\n"
                + "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        int n = rounds.get(targets.get(0).name()).size();
        for (int r = 0; r < n; r++) {
            for (Target target : targets) {
                Round round = rounds.get(target.name()).get(r);
                LoadResult load = round.load();
                sb.append(String.format(Locale.ROOT, "| %d | %s | %d | %.1f | %.1f | %.1f | %d | %.2f | %d | %.2f |%n", r + 1,
                        target.name(), load.ok(), load.throughput(), load.p50Ms(), load.p99Ms(), round.gatewayTicks(),
                        perRequest(gatewayCpu, round.gatewayTicks(), load), round.backendTicks(),
                        perRequest(backendCpu, round.backendTicks(), load)));
            }
        }
        return sb.toString();
    }

    /** request bytes, response bytes, gateway and backend CPU ms/req, req/s, p50, p99, mean batch: medians. */
    private static double[] figures(Target target, List<Round> rounds, ProcessCpu gatewayCpu, ProcessCpu backendCpu) {
        return new double[] {target.body().length(), median(rounds, r -> r.load().meanResponseBytes()),
            median(rounds, r -> perRequest(gatewayCpu, r.gatewayTicks(), r.load())),
            median(rounds, r -> perRequest(backendCpu, r.backendTicks(), r.load())),
            median(rounds, r -> r.load().throughput()), median(rounds, r -> r.load().p50Ms()),
            median(rounds, r -> r.load().p99Ms()), median(rounds, r -> r.load().meanBatchSize())};
    }

    private static double median(List<Round> rounds, ToDoubleFunction<Round> figure) {
        return Report.median(rounds.stream().map(figure::applyAsDouble).toList());
    }
}
