package dev.shunt.backend.cpu;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntSupplier;

/**
 * Reads the {@link CpuTopology} of this process from {@code /proc} and {@code /sys} under a root
 * directory ({@code /} in production, a fake tree in tests):
 * <ul>
 *   <li>the affinity mask from {@code proc/self/status} ({@code Cpus_allowed_list:}), limited to
 *       {@code sys/devices/system/cpu/online};
 *   <li>SMT siblings from {@code sys/devices/system/cpu/cpuN/topology/thread_siblings_list}, so that
 *       hyper-threads of one core count as one physical core;
 *   <li>the quota from cgroup v2 {@code cpu.max} or cgroup v1 {@code cpu.cfs_quota_us}.
 * </ul>
 * Nothing here throws for a missing or garbled file: it falls back (to the other files, or to
 * {@link Runtime#availableProcessors()}) and says so in {@link CpuTopology#notes()}.
 */
public final class CpuTopologyReader {

    private static final String ONLINE = "sys/devices/system/cpu/online";
    private static final String STATUS = "proc/self/status";
    private static final String AFFINITY_KEY = "Cpus_allowed_list:";

    private final Path root;
    private final IntSupplier availableProcessors;

    /** Reads under {@code root}, falling back to this JVM's {@link Runtime#availableProcessors()}. */
    public CpuTopologyReader(Path root) {
        this(root, Runtime.getRuntime()::availableProcessors);
    }

    /** Reads under {@code root}, falling back to {@code availableProcessors} when no CPU list can be read. */
    public CpuTopologyReader(Path root, IntSupplier availableProcessors) {
        this.root = requireNonNull(root, "root");
        this.availableProcessors = requireNonNull(availableProcessors, "availableProcessors");
    }

    /** Reads this machine's real {@code /proc} and {@code /sys}. */
    public static CpuTopologyReader system() {
        return new CpuTopologyReader(Path.of("/"));
    }

    /** Reads the topology now. */
    public CpuTopology read() {
        List<String> notes = new ArrayList<>();
        BitSet allowed = allowedCpus(notes);
        int physical = physicalCores(allowed, notes);
        CgroupQuotaReader.Quota quota = new CgroupQuotaReader(root).read(notes);
        return new CpuTopology(allowed.cardinality(), physical, quota.cpus(), quota.source(),
                CpuList.format(allowed), notes);
    }

    private BitSet allowedCpus(List<String> notes) {
        BitSet online = cpuList(ONLINE, SysFs.read(root.resolve(ONLINE)), notes);
        BitSet affinity = cpuList(STATUS + " " + AFFINITY_KEY, affinityText(notes), notes);
        if (affinity != null && online != null) {
            BitSet both = (BitSet) affinity.clone();
            both.and(online);
            if (!both.isEmpty()) {
                return both;
            }
            notes.add("affinity " + CpuList.format(affinity) + " has no CPU in online " + CpuList.format(online)
                    + ": using the affinity as is");
            return affinity;
        }
        if (affinity != null) {
            notes.add(ONLINE + " unreadable: affinity taken as is");
            return affinity;
        }
        if (online != null) {
            notes.add("affinity unknown: assuming all online CPUs " + CpuList.format(online));
            return online;
        }
        int count = Math.max(1, availableProcessors.getAsInt());
        BitSet guessed = new BitSet();
        guessed.set(0, count);
        notes.add("affinity and online CPUs unknown: assuming " + CpuTopology.plural(count, "CPU")
                + " from availableProcessors()");
        return guessed;
    }

    private Optional<String> affinityText(List<String> notes) {
        Optional<String> status = SysFs.read(root.resolve(STATUS));
        if (status.isEmpty()) {
            notes.add(STATUS + " unreadable");
            return Optional.empty();
        }
        for (String line : status.get().split("\n")) {
            if (line.startsWith(AFFINITY_KEY)) {
                return Optional.of(line.substring(AFFINITY_KEY.length()));
            }
        }
        notes.add(STATUS + " has no " + AFFINITY_KEY + " line");
        return Optional.empty();
    }

    /** The parsed list, or null (with a note for garbage; missing files are noted by the caller). */
    private static BitSet cpuList(String what, Optional<String> text, List<String> notes) {
        if (text.isEmpty()) {
            return null;
        }
        try {
            return CpuList.parse(text.get());
        } catch (IllegalArgumentException e) {
            notes.add(what + ": " + e.getMessage() + ": ignored");
            return null;
        }
    }

    /** Distinct sibling sets among the allowed CPUs; a CPU with no readable siblings is its own core. */
    private int physicalCores(BitSet allowed, List<String> notes) {
        Set<BitSet> cores = new HashSet<>();
        int unknown = 0;
        for (int cpu = allowed.nextSetBit(0); cpu >= 0; cpu = allowed.nextSetBit(cpu + 1)) {
            BitSet siblings = siblings(cpu);
            if (siblings == null) {
                unknown++;
                siblings = new BitSet();
                siblings.set(cpu);
            }
            cores.add(siblings);
        }
        if (unknown > 0) {
            notes.add("SMT siblings unknown for " + unknown + " of " + CpuTopology.plural(allowed.cardinality(), "CPU")
                    + " (sys/devices/system/cpu/cpuN/topology/thread_siblings_list): each counted as a physical core");
        }
        return cores.size();
    }

    private BitSet siblings(int cpu) {
        String dir = "sys/devices/system/cpu/cpu" + cpu + "/topology/";
        for (String file : List.of("thread_siblings_list", "core_cpus_list")) {
            Optional<String> text = SysFs.read(root.resolve(dir + file));
            if (text.isEmpty()) {
                continue;
            }
            try {
                BitSet siblings = CpuList.parse(text.get());
                if (siblings.get(cpu)) {
                    return siblings;
                }
            } catch (IllegalArgumentException e) {
                // garbled: try the other file, else count the CPU as its own core
            }
        }
        return null;
    }
}
