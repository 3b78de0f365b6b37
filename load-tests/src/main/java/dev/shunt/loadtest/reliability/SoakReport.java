package dev.shunt.loadtest.reliability;

import dev.shunt.loadtest.sim.SvgPlot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** Writes the soak's Markdown report and one SVG plot per sampled series next to it. */
public final class SoakReport {

    private SoakReport() {}

    public static void write(Path out, SoakResult r, String command) throws IOException {
        Path dir = out.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        String stem = out.getFileName().toString().replaceFirst("\\.md$", "");
        StringBuilder md = new StringBuilder("# Soak\n\n");
        md.append(String.format(Locale.ROOT, "%s, `%s`: a %d-minute run (the default is 20 minutes). One gateway in front "
                + "of two cpu-backends and a staging one (candidate weights), %d requests a second mixed 6:3:1 "
                + "realtime (1 row), standard (2 rows), batch (8 rows), every request mirrored to staging; a full "
                + "cutover to staging, a second cutover rolled back, a cpu-backend killed with SIGKILL and started "
                + "again, all in the first half. Every 10 s: the gateway's heap after a full GC (`jcmd GC.run`, then "
                + "`jvm_memory_used_bytes{area=\"heap\"}`), its open fds (`/proc/<pid>/fd`), threads "
                + "(`/proc/<pid>/status`) and ESTABLISHED TCP connections (`/proc/net/tcp`).%n%n",
                LocalDate.now(ZoneOffset.UTC), command, r.duration().toMinutes(), r.rate()));
        md.append("**Verdict: ").append(r.flat() ? "FLAT" : "NOT FLAT").append("** (the least-squares line through "
                + "the second half's samples rises no more than the bound over that half).\n\n");
        for (Flatness f : r.flatness()) {
            md.append("- ").append(f.describe()).append('\n');
        }
        md.append(String.format(Locale.ROOT, "%nClients: %d requests, %d failures, %d shed, p99 %.0f ms: %s.%n%n",
                r.requests(), r.failures(), r.shed(), r.p99Ms(), r.summary()));
        md.append("Events:\n\n");
        r.events().forEach(e -> md.append("- ").append(e).append('\n'));
        md.append('\n');
        plot(dir, stem, "heap", "Gateway heap after GC", "MiB", r.samples(), s -> s.resources().heapMiB(), md);
        plot(dir, stem, "fds", "Gateway open file descriptors", "fds", r.samples(), s -> s.resources().fds(), md);
        plot(dir, stem, "threads", "Gateway threads", "threads", r.samples(), s -> s.resources().threads(), md);
        plot(dir, stem, "connections", "Gateway ESTABLISHED TCP connections", "connections", r.samples(),
                s -> s.resources().connections(), md);
        md.append("\n| t (s) | heap after GC (MiB) | fds | threads | connections | requests | failures |\n");
        md.append("|---:|---:|---:|---:|---:|---:|---:|\n");
        for (SoakSample s : r.samples()) {
            md.append(String.format(Locale.ROOT, "| %.0f | %.1f | %d | %d | %d | %d | %d |%n", s.seconds(),
                    s.resources().heapMiB(), s.resources().fds(), s.resources().threads(), s.resources().connections(),
                    s.requests(), s.failures()));
        }
        Files.writeString(out, md.toString());
    }

    private static void plot(Path dir, String stem, String name, String title, String unit, List<SoakSample> samples,
            ToDoubleFunction<SoakSample> value, StringBuilder md) throws IOException {
        List<double[]> points = samples.stream().map(s -> new double[] {s.seconds(), value.applyAsDouble(s)}).toList();
        String file = stem + "-" + name + ".svg";
        Files.writeString(dir.resolve(file), new SvgPlot(title, "seconds", unit, Map.of(name, points), true).render());
        md.append("![").append(title).append("](").append(file).append(")\n");
    }
}
