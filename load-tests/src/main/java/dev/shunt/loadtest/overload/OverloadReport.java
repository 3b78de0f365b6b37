package dev.shunt.loadtest.overload;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The overload run as Markdown: the set-up, a realtime table and a batch/heap table, per gateway and phase. */
final class OverloadReport {

    private OverloadReport() {}

    static String markdown(OverloadBenchmark.Settings settings, List<Phase> phases, Map<String, OverloadBenchmark.Run> runs) {
        StringBuilder md = new StringBuilder("## Overload: 1x, 3x and back to 0.5x of capacity\n\n");
        md.append(String.format(Locale.ROOT, """
                One cpu-backend (`--model mlp --workers %d --threads 1`) behind two gateways that differ in one route \
                setting: `plain` (the defaults: bulkhead 64 in flight per backend, batch shed at 70%% load, realtime \
                only when full) and `admission` (`rejectUnmeetable: true`, pool `latency.concurrency: %d`). \
                Deadlines: realtime %d ms, batch %d s. Mix: 90%% realtime requests of 1 row, 10%% batch requests of \
                %d rows.

                First every gateway (and so the backend) is warmed with 5 s of realtime and 5 s of batch requests, \
                closed loop. Then each gateway in turn: its capacity for the mix, measured closed loop right before its run (realtime \
                alone with 8 senders, batch alone with 2, 3 s each after 2 s of warm-up; the mix's rate is their time \
                shared by weight); 2 s of warm-up at 1x; then open-model arrivals (on schedule whatever the answers; \
                at most %d in flight at the generator, on keep-alive connections kept from the warm-up) at 1x for %d s, \
                3x for %d s, 0.5x for %d s reported apart (recovery) and %d s more, with no pause between phases. A \
                request counts in the phase it was due in.

                %s
                *Admitted* = answered with `X-Shunt-Pool` (routed to the pool, any status). Client latency is from the \
                moment the request went out to its answer; the gateway's is `shunt_request_duration_seconds` of the \
                realtime class (pools other than `none`), the difference of scrapes at the phase's start and end, its \
                quantiles interpolated inside the histogram's buckets (…, 50, 100, 200, 500 ms, …) as Prometheus' \
                `histogram_quantile` does. *Late* = a 2xx answer after the deadline: at the client, over %d ms from \
                sending; at the gateway, `shunt_late_total{class="realtime"}`. Heap: `jvm_memory_used_bytes{area="heap"}` \
                right after `jcmd <pid> GC.run`, one second before the phase ends. All processes (client, gateways, \
                backend) share one 2-core machine with other work, so the figures move from run to run.

                """, settings.workers(), settings.workers(), OverloadBenchmark.REALTIME_DEADLINE_MS,
                OverloadBenchmark.BATCH_DEADLINE_MS / 1000, settings.batchRows(), settings.maxInFlight(), settings.phaseSeconds().get(0), settings.phaseSeconds().get(1),
                settings.phaseSeconds().get(2), settings.phaseSeconds().get(3), capacities(runs), OverloadBenchmark.REALTIME_DEADLINE_MS));
        md.append("### Realtime requests\n\n| gateway | phase | offered/s | arrivals | 200 | 429 | 503 | 504 | other "
                + "| admitted p50 ms client / gateway | admitted p99 ms client / gateway | gateway upstream p99 ms | late client / gateway | the gateway's outcomes; shed by reason |\n"
                + "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        runs.forEach((name, run) -> {
            for (int i = 0; i < phases.size(); i++) {
                PhaseStats c = run.client().get(i);
                GatewayFigures g = run.gateway().get(i);
                md.append(String.format(Locale.ROOT, "| %s | %s | %.0f | %d | %d | %d | %d | %d | %d | %s / %s | %s / %s | %s | %d / %.0f | %s |%n",
                        name, phases.get(i).name(), run.capacity().mix() * phases.get(i).multiple() * 0.9,
                        c.arrivals("realtime"), c.count("realtime", 200), c.count("realtime", 429),
                        c.count("realtime", 503), c.count("realtime", 504), c.others("realtime", 200, 429, 503, 504),
                        ms(c.admittedMs("realtime", 50)), ms(g.quantileMs(0.5)), ms(c.admittedMs("realtime", 99)),
                        ms(g.quantileMs(0.99)), ms(g.upstreamQuantileMs(0.99)), c.late("realtime"), g.late(),
                        reasons(g.outcomes()) + "; " + reasons(g.shed())));
            }
        });
        md.append("\n### Batch requests, heap, the generator\n\n| gateway | phase | batch arrivals | 200 | 429 | 503 | other "
                + "| batch admitted p99 ms (client) | heap after GC MiB | send lag p99 ms |\n"
                + "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        runs.forEach((name, run) -> {
            for (int i = 0; i < phases.size(); i++) {
                PhaseStats c = run.client().get(i);
                md.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %d | %d | %d | %s | %.1f | %.1f |%n",
                        name, phases.get(i).name(), c.arrivals("batch"), c.count("batch", 200), c.count("batch", 429),
                        c.count("batch", 503), c.others("batch", 200, 429, 503), ms(c.admittedMs("batch", 99)),
                        run.heapMib().get(i), c.sendLagMs(99)));
            }
        });
        md.append("\n*other*: any other status, no answer (status 0) or refused by the generator at its in-flight bound "
                + "(-1). *send lag*: how late the generator itself sent requests after they were due (CPU it did not "
                + "get): a client-side delay neither side's latency includes.\n");
        return md.toString();
    }

    private static String capacities(Map<String, OverloadBenchmark.Run> runs) {
        StringBuilder sb = new StringBuilder("| gateway | realtime alone req/s | batch alone req/s | mix (1x) req/s |\n|---|---:|---:|---:|\n");
        runs.forEach((name, run) -> sb.append(String.format(Locale.ROOT, "| %s | %.0f | %.1f | %.0f |%n", name,
                run.capacity().realtime(), run.capacity().batch(), run.capacity().mix())));
        return sb.toString();
    }

    private static String reasons(Map<String, Double> shed) {
        if (shed.isEmpty()) {
            return "-";
        }
        StringBuilder sb = new StringBuilder();
        shed.forEach((reason, n) -> sb.append(sb.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%s %.0f", reason, n)));
        return sb.toString();
    }

    private static String ms(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.1f", value);
    }
}
