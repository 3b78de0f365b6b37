package dev.shunt.loadtest.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

/** The suite's Markdown report: the table, what PASS means per scenario, and every FAIL explained. */
public final class ReliabilityReport {

    private ReliabilityReport() {}

    public static String render(List<ScenarioResult> results, String command, double seconds) {
        long passed = results.stream().filter(ScenarioResult::passed).count();
        StringBuilder md = new StringBuilder();
        md.append("# Reliability suite\n\n");
        md.append(String.format(Locale.ROOT, "%s, `%s`: %d of %d scenarios PASS, %.0f s in all. Real gateway and "
                + "cpu-backend processes on 127.0.0.1, misbehaving backends inside the harness; the load is open-model "
                + "(requests are due on a schedule whatever the answers), latency counted from the due time. "
                + "*failures*: answers neither 2xx nor shed, and requests with no answer; *shed*: 429, or 503 with "
                + "`Retry-After`; *p99*: of every answer; *memory*: the gateway's heap after a full GC "
                + "(`jcmd GC.run`, then `jvm_memory_used_bytes{area=\"heap\"}`) and its open fds, before and after "
                + "the fault.%n%n", LocalDate.now(ZoneOffset.UTC), command, passed, results.size(), seconds));
        md.append("| scenario | load | requests | failures | shed | p99 | memory | verdict |\n");
        md.append("|---|---|---:|---:|---:|---:|---|---|\n");
        for (ScenarioResult r : results) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %d | %.0f ms | %s | %s |%n", r.scenario(),
                    r.load(), r.requests(), r.failures(), r.shed(), r.p99Ms(), r.memory(),
                    r.passed() ? "PASS" : "**FAIL**"));
        }
        md.append("\n## What PASS means\n\n");
        for (ScenarioResult r : results) {
            md.append("- **").append(r.scenario()).append("**: ").append(r.passMeans()).append(".");
            if (!r.notes().isEmpty()) {
                md.append(" Measured: ").append(r.notes()).append(".");
            }
            md.append('\n');
        }
        List<ScenarioResult> failed = results.stream().filter(r -> !r.passed()).toList();
        if (!failed.isEmpty()) {
            md.append("\n## Failures\n\n");
            for (ScenarioResult r : failed) {
                md.append("- **").append(r.scenario()).append("**: ").append(String.join("; ", r.failedChecks()))
                        .append('\n');
            }
        }
        return md.toString();
    }

    public static void write(Path out, List<ScenarioResult> results, String command, double seconds)
            throws IOException {
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        Files.writeString(out, render(results, command, seconds));
    }
}
