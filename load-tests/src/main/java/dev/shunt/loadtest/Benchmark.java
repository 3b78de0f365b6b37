package dev.shunt.loadtest;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One side-by-side benchmark run: start the servers, load them in interleaved rounds, print the table. */
final class Benchmark {

    /**
     * A server to start and what to call it in the report.
     *
     * @param env environment variables to set for it (an empty value removes one it would inherit)
     */
    record Config(String name, String description, java.nio.file.Path jar, List<String> args, Map<String, String> env) {

        Config(String name, String description, java.nio.file.Path jar, List<String> args) {
            this(name, description, jar, args, Map.of());
        }
    }

    private Benchmark() {}

    static int run(String title, String intro, List<Config> configs, String baseline, String path,
            io.vertx.core.buffer.Buffer body, Map<String, String> headers, int concurrency, BenchOptions options)
            throws Exception {
        return options.publish(measure(title.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-"), title,
                intro, configs, baseline, path, body, headers, concurrency, options));
    }

    /** Runs it and gives the report section: the table and charts of throughput and latency. */
    static Section measure(String name, String title, String intro, List<Config> configs, String baseline, String path,
            io.vertx.core.buffer.Buffer body, Map<String, String> headers, int concurrency, BenchOptions options)
            throws Exception {
        options.validate();
        Duration warmup = Duration.ofSeconds(options.warmupSeconds);
        Duration round = Duration.ofSeconds(options.roundSeconds);
        System.out.printf("%s: %d configs x (%d s warm-up + %d rounds x %d s), about %d s of load%n", title,
                configs.size(), options.warmupSeconds, options.rounds, options.roundSeconds,
                SideBySide.estimate(configs.size(), warmup, round, options.rounds).toSeconds());
        List<ServerProcess> servers = new ArrayList<>();
        Vertx vertx = Vertx.vertx();
        try {
            List<SideBySide.Target> targets = new ArrayList<>();
            Map<String, String> descriptions = new java.util.LinkedHashMap<>();
            for (Config config : configs) {
                ServerProcess server = ServerProcess.start(config.name(), config.jar(), config.args(), options.logs,
                        config.env());
                servers.add(server);
                targets.add(new SideBySide.Target(config.name(), server.port(), path, body, headers));
                descriptions.put(config.name(), config.description());
            }
            var results = new SideBySide(vertx, System.out).run(targets, concurrency, warmup, round, options.rounds);
            String markdown = "## " + title + "\n\n" + intro + "\n\nRun " + LocalDateTime.now()
                    .format(DateTimeFormatter.ISO_LOCAL_DATE_TIME) + ", " + Runtime.getRuntime().availableProcessors()
                    + " CPUs, concurrency " + concurrency + ", " + options.rounds + " interleaved rounds of "
                    + options.roundSeconds + " s; medians over rounds.\n\n" + Report.table(results, descriptions, baseline);
            return new Section(name, markdown, List.of(
                    Figure.throughput(name + "-throughput.svg", title + ": throughput", results),
                    Figure.latency(name + "-latency.svg", title + ": latency", results)));
        } finally {
            for (ServerProcess server : servers) {
                server.close();
            }
            vertx.close();
        }
    }
}
