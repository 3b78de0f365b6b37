package dev.shunt.loadtest.reliability;

import java.io.IOException;
import java.util.Locale;

/**
 * One look at a gateway's resources: heap used after a full GC (MiB, from its
 * {@code jvm_memory_used_bytes{area="heap"}} after {@code jcmd GC.run}), open fds, threads and
 * ESTABLISHED TCP connections.
 */
record Resources(double heapMiB, int fds, int threads, int connections) {

    static Resources of(Gateway gateway) throws IOException, InterruptedException {
        ProcessResources process = gateway.resources();
        if (!process.fullGc()) {
            throw new IOException("jcmd " + process.pid() + " GC.run failed: is jcmd of this JDK on the PATH?");
        }
        double heap = gateway.probe().metric("jvm_memory_used_bytes", "area=\"heap\"") / (1024.0 * 1024.0);
        return new Resources(heap, process.openFds(), process.threads(), process.established(0));
    }

    /** {@code heap 41→43 MiB, fds 180→181} for the report's memory column. */
    static String change(Resources before, Resources after) {
        return String.format(Locale.ROOT, "heap %.0f→%.0f MiB, fds %d→%d", before.heapMiB, after.heapMiB, before.fds,
                after.fds);
    }
}
