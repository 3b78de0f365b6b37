package dev.shunt.backend.cpu;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Reads the CPU quota of this process's cgroup: cgroup v2 {@code cpu.max} (of the process's own
 * cgroup and its ancestors, the tightest wins), else cgroup v1 {@code cpu.cfs_quota_us} over
 * {@code cpu.cfs_period_us}.
 */
final class CgroupQuotaReader {

    /** The kernel's default CFS period, assumed when only a quota can be read. */
    static final long DEFAULT_PERIOD_US = 100_000;

    /**
     * A quota and where it came from.
     *
     * @param cpus quota / period, empty when unlimited
     * @param source e.g. {@code cgroup v2 cpu.max 150000/100000}
     */
    record Quota(OptionalDouble cpus, String source) {}

    private final Path root;

    CgroupQuotaReader(Path root) {
        this.root = requireNonNull(root, "root");
    }

    /** The quota; what was missing or unreadable goes to {@code notes}. */
    Quota read(List<String> notes) {
        Optional<Quota> v2 = readV2(notes);
        if (v2.isPresent()) {
            return v2.get();
        }
        for (String dir : List.of("sys/fs/cgroup/cpu", "sys/fs/cgroup/cpu,cpuacct", "sys/fs/cgroup/cpuacct,cpu")) {
            Optional<Quota> v1 = readV1(dir, notes);
            if (v1.isPresent()) {
                return v1.get();
            }
        }
        notes.add("no cgroup CPU limit found (neither sys/fs/cgroup/cpu.max nor "
                + "sys/fs/cgroup/cpu/cpu.cfs_quota_us could be read): assuming no quota");
        return new Quota(OptionalDouble.empty(), "no cgroup CPU limit found");
    }

    private Optional<Quota> readV2(List<String> notes) {
        Quota tightest = null;
        boolean found = false;
        for (String dir : v2Dirs()) {
            String relative = dir.isEmpty() ? "sys/fs/cgroup/cpu.max" : "sys/fs/cgroup/" + dir + "/cpu.max";
            Optional<String> text = SysFs.read(root.resolve(relative));
            if (text.isEmpty()) {
                continue;
            }
            String[] fields = text.get().trim().split("\\s+");
            Long period = fields.length == 2 ? SysFs.parseLong(fields[1]) : Long.valueOf(DEFAULT_PERIOD_US);
            boolean unlimited = fields[0].equals("max");
            Long quota = unlimited ? null : SysFs.parseLong(fields[0]);
            if (fields.length > 2 || period == null || period <= 0 || (!unlimited && (quota == null || quota <= 0))) {
                notes.add(relative + " holds \"" + CpuList.abbreviate(text.get().trim())
                        + "\" (expected: \"max 100000\" or \"150000 100000\"): ignored");
                continue;
            }
            found = true;
            if (unlimited) {
                continue;
            }
            double cpus = (double) quota / period;
            if (tightest == null || cpus < tightest.cpus().getAsDouble()) {
                String where = dir.isEmpty() ? "" : " of /" + dir;
                tightest = new Quota(OptionalDouble.of(cpus), "cgroup v2 cpu.max " + quota + "/" + period + where);
            }
        }
        if (tightest != null) {
            return Optional.of(tightest);
        }
        return found ? Optional.of(new Quota(OptionalDouble.empty(), "cgroup v2 cpu.max max")) : Optional.empty();
    }

    /**
     * The cgroup v2 directories to look in, relative to {@code sys/fs/cgroup}: this process's own
     * (from {@code proc/self/cgroup}, line {@code 0::/path}) and its ancestors, then the mount's root
     * ({@code ""}), which is the container's own cgroup under a private cgroup namespace.
     */
    private List<String> v2Dirs() {
        List<String> dirs = new ArrayList<>();
        Optional<String> cgroups = SysFs.read(root.resolve("proc/self/cgroup"));
        if (cgroups.isPresent()) {
            for (String line : cgroups.get().split("\n")) {
                if (!line.startsWith("0::/")) {
                    continue;
                }
                String path = line.substring(4).trim();
                while (!path.isEmpty() && isPlainPath(path)) {
                    dirs.add(path);
                    int slash = path.lastIndexOf('/');
                    path = slash < 0 ? "" : path.substring(0, slash);
                }
            }
        }
        dirs.add("");
        return dirs;
    }

    private static boolean isPlainPath(String path) {
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }

    private Optional<Quota> readV1(String dir, List<String> notes) {
        Optional<String> quotaText = SysFs.read(root.resolve(dir + "/cpu.cfs_quota_us"));
        if (quotaText.isEmpty()) {
            return Optional.empty();
        }
        Long quota = SysFs.parseLong(quotaText.get());
        if (quota == null || quota == 0 || quota < -1) {
            notes.add(dir + "/cpu.cfs_quota_us holds \"" + CpuList.abbreviate(quotaText.get().trim())
                    + "\" (expected: -1 or a positive number): ignored");
            return Optional.empty();
        }
        if (quota == -1) {
            return Optional.of(new Quota(OptionalDouble.empty(), "cgroup v1 cpu.cfs_quota_us -1"));
        }
        Optional<String> periodText = SysFs.read(root.resolve(dir + "/cpu.cfs_period_us"));
        Long period = periodText.map(SysFs::parseLong).orElse(null);
        if (period == null || period <= 0) {
            notes.add(dir + "/cpu.cfs_period_us " + (periodText.isEmpty() ? "is missing" : "holds \""
                    + CpuList.abbreviate(periodText.get().trim()) + "\"") + ": assuming " + DEFAULT_PERIOD_US);
            period = DEFAULT_PERIOD_US;
        }
        return Optional.of(new Quota(OptionalDouble.of((double) quota / period),
                "cgroup v1 cpu.cfs_quota_us/cpu.cfs_period_us " + quota + "/" + period));
    }
}
