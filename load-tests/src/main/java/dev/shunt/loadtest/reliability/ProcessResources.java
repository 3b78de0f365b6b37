package dev.shunt.loadtest.reliability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A process's resources as Linux shows them: open file descriptors ({@code /proc/<pid>/fd}), threads
 * ({@code /proc/<pid>/status}), and its ESTABLISHED TCP connections ({@code /proc/net/tcp} and
 * {@code tcp6}, joined to its fds by socket inode); and a full GC on request ({@code jcmd <pid> GC.run}),
 * so that heap used read afterwards is heap after GC.
 */
record ProcessResources(long pid) {

    /** Open file descriptors. */
    int openFds() throws IOException {
        try (var fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return (int) fds.count();
        }
    }

    /** Threads of the process. */
    int threads() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("Threads:")) {
                return Integer.parseInt(line.substring("Threads:".length()).trim());
            }
        }
        throw new IOException("no Threads: line in /proc/" + pid + "/status");
    }

    /** ESTABLISHED TCP connections the process holds; {@code remotePort} 0 for all, else only those to it. */
    int established(int remotePort) throws IOException {
        Set<String> inodes = socketInodes();
        int n = 0;
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path p = Path.of(table);
            if (!Files.exists(p)) {
                continue;
            }
            for (String line : Files.readAllLines(p, StandardCharsets.US_ASCII)) {
                String[] f = line.trim().split("\\s+");
                if (f.length < 10 || !"01".equals(f[3]) || !inodes.contains(f[9])) {
                    continue;
                }
                String remote = f[2];
                int port = Integer.parseInt(remote.substring(remote.indexOf(':') + 1), 16);
                if (remotePort == 0 || port == remotePort) {
                    n++;
                }
            }
        }
        return n;
    }

    private Set<String> socketInodes() throws IOException {
        Set<String> inodes = new HashSet<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : fds) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException closedMeanwhile) {
                    // the fd closed between listing and reading: not open any more
                }
            }
        }
        return inodes;
    }

    /** Runs a full GC in the process ({@code jcmd <pid> GC.run}); false when jcmd could not. */
    boolean fullGc() throws InterruptedException {
        try {
            Process jcmd = new ProcessBuilder(jcmd(), Long.toString(pid), "GC.run").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return jcmd.waitFor(30, TimeUnit.SECONDS) && jcmd.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static String jcmd() {
        Path beside = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        return Files.isExecutable(beside) ? beside.toString() : "jcmd";
    }
}
