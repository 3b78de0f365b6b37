package dev.shunt.backend.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CpuTopologyReaderTest {

    @TempDir
    Path root;

    @Test
    void cgroupV2QuotaWithSmtSiblings() throws IOException {
        affinity("0-3");
        online("0-3");
        siblings(0, "0-1");
        siblings(1, "0-1");
        siblings(2, "2-3");
        siblings(3, "2-3");
        write("sys/fs/cgroup/cpu.max", "150000 100000\n");

        CpuTopology topology = read();

        assertThat(topology.logicalCpus()).isEqualTo(4);
        assertThat(topology.physicalCores()).isEqualTo(2);
        assertThat(topology.quotaCpus()).isEqualTo(OptionalDouble.of(1.5));
        assertThat(topology.usablePhysicalCores()).isEqualTo(1);
        assertThat(topology.notes()).isEmpty();
        assertThat(topology.explain()).isEqualTo("quota 1.5 CPUs (cgroup v2 cpu.max 150000/100000), "
                + "affinity 0-3 = 4 logical / 2 physical cores -> 1 usable physical core");
    }

    @Test
    void cgroupV2Unlimited() throws IOException {
        smtHost();
        affinity("0-7");
        write("sys/fs/cgroup/cpu.max", "max 100000\n");

        CpuTopology topology = read();

        assertThat(topology.quotaCpus()).isEmpty();
        assertThat(topology.quotaSource()).isEqualTo("cgroup v2 cpu.max max");
        assertThat(topology.usablePhysicalCores()).isEqualTo(4);
        assertThat(topology.explain()).isEqualTo("no CPU quota (cgroup v2 cpu.max max), "
                + "affinity 0-7 = 8 logical / 4 physical cores -> 4 usable physical cores");
    }

    @Test
    void cgroupV2QuotaOfTheProcessCgroupAndItsAncestorsTightestWins() throws IOException {
        smtHost();
        affinity("0-7");
        write("proc/self/cgroup", "0::/kubepods/pod1/app\n");
        write("sys/fs/cgroup/kubepods/pod1/app/cpu.max", "max 100000\n");
        write("sys/fs/cgroup/kubepods/pod1/cpu.max", "300000 100000\n");
        write("sys/fs/cgroup/kubepods/cpu.max", "200000 100000\n");

        CpuTopology topology = read();

        assertThat(topology.quotaCpus()).isEqualTo(OptionalDouble.of(2));
        assertThat(topology.quotaSource()).isEqualTo("cgroup v2 cpu.max 200000/100000 of /kubepods");
        assertThat(topology.usablePhysicalCores()).isEqualTo(2);
    }

    @Test
    void cgroupV1Quota() throws IOException {
        smtHost();
        affinity("0-7");
        write("sys/fs/cgroup/cpu/cpu.cfs_quota_us", "250000\n");
        write("sys/fs/cgroup/cpu/cpu.cfs_period_us", "100000\n");

        CpuTopology topology = read();

        assertThat(topology.quotaCpus()).isEqualTo(OptionalDouble.of(2.5));
        assertThat(topology.usablePhysicalCores()).isEqualTo(2);
        assertThat(topology.explain()).startsWith(
                "quota 2.5 CPUs (cgroup v1 cpu.cfs_quota_us/cpu.cfs_period_us 250000/100000)");
    }

    @Test
    void cgroupV1QuotaUnderCpuCpuacct() throws IOException {
        smtHost();
        affinity("0-7");
        write("sys/fs/cgroup/cpu,cpuacct/cpu.cfs_quota_us", "50000");
        write("sys/fs/cgroup/cpu,cpuacct/cpu.cfs_period_us", "100000");

        CpuTopology topology = read();

        assertThat(topology.quotaCpus()).isEqualTo(OptionalDouble.of(0.5));
        assertThat(topology.usablePhysicalCores()).as("at least one").isEqualTo(1);
        assertThat(topology.explain()).startsWith("quota 0.5 CPUs");
    }

    @Test
    void cgroupV1Unlimited() throws IOException {
        smtHost();
        affinity("0-7");
        write("sys/fs/cgroup/cpu/cpu.cfs_quota_us", "-1\n");
        write("sys/fs/cgroup/cpu/cpu.cfs_period_us", "100000\n");

        CpuTopology topology = read();

        assertThat(topology.quotaCpus()).isEmpty();
        assertThat(topology.quotaSource()).isEqualTo("cgroup v1 cpu.cfs_quota_us -1");
        assertThat(topology.notes()).isEmpty();
    }

    @Test
    void cgroupV2IsPreferredOverV1() throws IOException {
        smtHost();
        affinity("0-7");
        write("sys/fs/cgroup/cpu.max", "100000 100000");
        write("sys/fs/cgroup/cpu/cpu.cfs_quota_us", "400000");
        write("sys/fs/cgroup/cpu/cpu.cfs_period_us", "100000");

        assertThat(read().quotaCpus()).isEqualTo(OptionalDouble.of(1));
    }

    @Test
    void smtSiblingsCountOnceWithinTheAffinityMask() throws IOException {
        smtHost(); // 4 cores, siblings N and N+4

        affinity("0,4");
        assertThat(read().physicalCores()).isEqualTo(1);
        affinity("0-1,4-5");
        assertThat(read().physicalCores()).isEqualTo(2);
        affinity("0-3");
        assertThat(read().physicalCores()).isEqualTo(4);
        affinity("0-7");
        CpuTopology all = read();
        assertThat(all.logicalCpus()).isEqualTo(8);
        assertThat(all.physicalCores()).isEqualTo(4);
    }

    @Test
    void affinityIsLimitedToOnlineCpus() throws IOException {
        smtHost();
        affinity("0-1023");
        online("0-3");

        CpuTopology topology = read();

        assertThat(topology.affinity()).isEqualTo("0-3");
        assertThat(topology.logicalCpus()).isEqualTo(4);
    }

    @Test
    void missingFilesFallBackToAvailableProcessorsAndSaySo() {
        CpuTopology topology = new CpuTopologyReader(root, () -> 3).read();

        assertThat(topology.logicalCpus()).isEqualTo(3);
        assertThat(topology.physicalCores()).isEqualTo(3);
        assertThat(topology.quotaCpus()).isEmpty();
        assertThat(topology.usablePhysicalCores()).isEqualTo(3);
        assertThat(topology.notes()).anySatisfy(n -> assertThat(n).contains("proc/self/status unreadable"))
                .anySatisfy(n -> assertThat(n).contains("assuming 3 CPUs from availableProcessors()"))
                .anySatisfy(n -> assertThat(n).contains("SMT siblings unknown for 3 of 3 CPUs"))
                .anySatisfy(n -> assertThat(n).contains("no cgroup CPU limit found"));
        assertThat(topology.explain()).contains("affinity 0-2 = 3 logical / 3 physical cores -> 3 usable");
    }

    @Test
    void missingAffinityUsesOnlineCpus() throws IOException {
        smtHost();
        write("proc/self/status", "Name:\tjava\nThreads:\t12\n");

        CpuTopology topology = read();

        assertThat(topology.affinity()).isEqualTo("0-7");
        assertThat(topology.physicalCores()).isEqualTo(4);
        assertThat(topology.notes()).anySatisfy(n -> assertThat(n).contains("has no Cpus_allowed_list: line"));
    }

    @Test
    void garbageIsNotedAndIgnored() throws IOException {
        online("0-3");
        write("proc/self/status", "Name:\tjava\nCpus_allowed_list:\tzero-three\n");
        siblings(0, "0-1");
        siblings(1, "0-1");
        siblings(2, "\u0000\u0001junk");
        siblings(3, "7");
        write("sys/fs/cgroup/cpu.max", "a lot of cpu\n");
        write("sys/fs/cgroup/cpu/cpu.cfs_quota_us", "-7");

        CpuTopology topology = read();

        assertThat(topology.affinity()).isEqualTo("0-3");
        assertThat(topology.physicalCores()).as("cpu 2 and 3 each their own core").isEqualTo(3);
        assertThat(topology.quotaCpus()).isEmpty();
        assertThat(topology.notes())
                .anySatisfy(n -> assertThat(n).contains("not a CPU list: \"zero-three\""))
                .anySatisfy(n -> assertThat(n).contains("SMT siblings unknown for 2 of 4 CPUs"))
                .anySatisfy(n -> assertThat(n).contains("sys/fs/cgroup/cpu.max holds \"a lot of cpu\""))
                .anySatisfy(n -> assertThat(n).contains("sys/fs/cgroup/cpu/cpu.cfs_quota_us holds \"-7\""));
    }

    @Test
    void readsThisMachineWithoutFailing() {
        CpuTopology topology = CpuTopologyReader.system().read();

        assertThat(topology.logicalCpus()).isPositive();
        assertThat(topology.usablePhysicalCores()).isBetween(1, topology.logicalCpus());
        assertThat(topology.explain()).isNotBlank();
    }

    private CpuTopology read() {
        return new CpuTopologyReader(root, () -> 64).read();
    }

    /** Eight logical CPUs on four cores; the siblings of CPU N are N and N+4. */
    private void smtHost() throws IOException {
        online("0-7");
        for (int cpu = 0; cpu < 8; cpu++) {
            siblings(cpu, (cpu % 4) + "," + (cpu % 4 + 4));
        }
    }

    private void affinity(String list) throws IOException {
        write("proc/self/status", "Name:\tjava\nCpus_allowed:\tff\nCpus_allowed_list:\t" + list + "\nvoluntary_ctxt_switches:\t3\n");
    }

    private void online(String list) throws IOException {
        write("sys/devices/system/cpu/online", list + "\n");
    }

    private void siblings(int cpu, String list) throws IOException {
        write("sys/devices/system/cpu/cpu" + cpu + "/topology/thread_siblings_list", list + "\n");
    }

    private void write(String relative, String content) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
