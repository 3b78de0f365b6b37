package dev.shunt.loadtest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The CPU time a process has used so far (user + system, all its threads), read from Linux's
 * {@code /proc/<pid>/stat} in clock ticks ({@code getconf CLK_TCK}, usually 100 a second).
 *
 * @param pid the process
 * @param ticksPerSecond the clock ticks of a second
 */
record ProcessCpu(long pid, long ticksPerSecond) {

    ProcessCpu {
        if (pid < 1) {
            throw new IllegalArgumentException("pid: " + pid + " (expected: > 0)");
        }
        if (ticksPerSecond < 1) {
            throw new IllegalArgumentException("ticksPerSecond: " + ticksPerSecond + " (expected: > 0)");
        }
    }

    /** A process's CPU, with the clock ticks this machine uses. */
    static ProcessCpu of(long pid) {
        return new ProcessCpu(pid, clockTicksPerSecond());
    }

    /** CPU used so far, in clock ticks. */
    long ticks() throws IOException {
        return ticks(Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII));
    }

    /** Clock ticks as milliseconds. */
    double millis(long ticks) {
        return ticks * 1000.0 / ticksPerSecond;
    }

    /**
     * utime + stime of a {@code /proc/<pid>/stat} line: fields 14 and 15, counted after the command
     * name, which is in parentheses and may itself hold spaces and parentheses.
     */
    static long ticks(String stat) {
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            throw new IllegalArgumentException("stat: no ')' after the command name in " + abbreviate(stat));
        }
        // after ") " come field 3 (state), 4 (ppid), ...; utime is field 14, stime 15
        String[] fields = stat.substring(close + 1).trim().split("\\s+");
        if (fields.length < 13) {
            throw new IllegalArgumentException("stat: " + fields.length + " fields after the command name (expected: >= 13) in "
                    + abbreviate(stat));
        }
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** {@code getconf CLK_TCK}; 100, Linux's usual value, when getconf cannot be run. */
    static long clockTicksPerSecond() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            if (getconf.waitFor(5, TimeUnit.SECONDS) && getconf.exitValue() == 0) {
                return Long.parseLong(out);
            }
        } catch (IOException | NumberFormatException e) {
            // fall through to the usual value
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 100;
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "...";
    }
}
