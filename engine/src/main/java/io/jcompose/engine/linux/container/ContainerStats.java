package io.jcompose.engine.linux.container;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a running container of the built-in runtime uses, read from its cgroup (v1 hierarchies or the v2 tree,
 * whichever holds it) and from its network namespace as its main process sees it: the numbers {@code stats}
 * shows. CPU is cumulative: a percentage needs two samples.
 *
 * @param cpuNanos    CPU time used since it started, in nanoseconds
 * @param memoryUsage memory in use, page cache that can be dropped left out (as Docker counts it)
 * @param memoryLimit its memory limit, or the host's memory when it has none
 * @param nanoTime    when the sample was taken, on {@link System#nanoTime()}'s clock
 */
public record ContainerStats(long cpuNanos, long memoryUsage, long memoryLimit, long pids, long netRx, long netTx,
                             long blockRead, long blockWrite, long nanoTime) {

    /** Beyond this a v1 memory limit means "none": the kernel's unlimited is a page-rounded Long.MAX_VALUE. */
    private static final long UNLIMITED = Long.MAX_VALUE / 2;

    private static final Path ROOT = Path.of("/sys/fs/cgroup");

    /** The container's numbers now; empty when it does not run (no cgroup to read). */
    public static Optional<ContainerStats> sample(ContainerStore store, ContainerRecord record) {
        ContainerStatus status = ContainerStatus.of(record, store);
        if (!status.running()) {
            return Optional.empty();
        }
        String path = LinuxContainers.cgroupsPath(record.id()).substring(1);
        long[] net = status.pid().map(ContainerStats::netDev).orElse(new long[2]);
        Path v2 = ROOT.resolve(path);
        if (Files.isRegularFile(v2.resolve("cgroup.controllers"))) {
            return Optional.of(v2(v2, net));
        }
        Path memory = ROOT.resolve("memory").resolve(path);
        Path cpu = ROOT.resolve("cpuacct").resolve(path);
        if (!Files.isDirectory(memory) && !Files.isDirectory(cpu)) {
            return Optional.empty();
        }
        long usage = number(memory.resolve("memory.usage_in_bytes"));
        long inactive = statField(memory.resolve("memory.stat"), "total_inactive_file");
        long limit = number(memory.resolve("memory.limit_in_bytes"));
        long[] block = blkioV1(ROOT.resolve("blkio").resolve(path).resolve("blkio.throttle.io_service_bytes"));
        return Optional.of(new ContainerStats(number(cpu.resolve("cpuacct.usage")), Math.max(0, usage - inactive),
                limit <= 0 || limit > UNLIMITED ? hostMemory() : Math.min(limit, hostMemory()),
                number(ROOT.resolve("pids").resolve(path).resolve("pids.current")), net[0], net[1], block[0],
                block[1], System.nanoTime()));
    }

    /** CPU used between {@code earlier} and this sample, in percent of one CPU (200% is two CPUs busy). */
    public double cpuPercentSince(ContainerStats earlier) {
        long wall = nanoTime - earlier.nanoTime;
        return wall <= 0 ? 0 : 100.0 * Math.max(0, cpuNanos - earlier.cpuNanos) / wall;
    }

    public double memoryPercent() {
        return memoryLimit <= 0 ? 0 : 100.0 * memoryUsage / memoryLimit;
    }

    private static ContainerStats v2(Path dir, long[] net) {
        long usage = number(dir.resolve("memory.current"));
        long inactive = statField(dir.resolve("memory.stat"), "inactive_file");
        String max = text(dir.resolve("memory.max"));
        long limit = max.isEmpty() || max.equals("max") ? hostMemory() : Long.parseLong(max);
        long read = 0;
        long write = 0;
        for (String line : lines(dir.resolve("io.stat"))) {
            for (String field : line.split("\\s+")) {
                if (field.startsWith("rbytes=")) {
                    read += Long.parseLong(field.substring(7));
                } else if (field.startsWith("wbytes=")) {
                    write += Long.parseLong(field.substring(7));
                }
            }
        }
        return new ContainerStats(statField(dir.resolve("cpu.stat"), "usage_usec") * 1000,
                Math.max(0, usage - inactive), limit, number(dir.resolve("pids.current")), net[0], net[1], read,
                write, System.nanoTime());
    }

    /** Bytes received and sent on every interface but loopback, as the process's network namespace counts them. */
    private static long[] netDev(long pid) {
        long[] out = new long[2];
        // two header lines, then "iface: rx_bytes packets ... (8 receive columns) tx_bytes ..."
        for (String line : lines(Path.of("/proc", Long.toString(pid), "net", "dev"))) {
            int colon = line.indexOf(':');
            if (colon < 0 || line.substring(0, colon).strip().equals("lo")) {
                continue;
            }
            String[] cols = line.substring(colon + 1).strip().split("\\s+");
            if (cols.length >= 9) {
                out[0] += Long.parseLong(cols[0]);
                out[1] += Long.parseLong(cols[8]);
            }
        }
        return out;
    }

    /** Lines of "MAJ:MIN Read N" / "MAJ:MIN Write N"; the "Total" lines are sums of these. */
    private static long[] blkioV1(Path file) {
        long[] out = new long[2];
        for (String line : lines(file)) {
            String[] cols = line.strip().split("\\s+");
            if (cols.length == 3 && cols[1].equals("Read")) {
                out[0] += Long.parseLong(cols[2]);
            } else if (cols.length == 3 && cols[1].equals("Write")) {
                out[1] += Long.parseLong(cols[2]);
            }
        }
        return out;
    }

    private static long statField(Path file, String key) {
        for (String line : lines(file)) {
            String[] cols = line.split("\\s+");
            if (cols.length == 2 && cols[0].equals(key)) {
                return Long.parseLong(cols[1]);
            }
        }
        return 0;
    }

    private static long hostMemory() {
        for (String line : lines(Path.of("/proc/meminfo"))) {
            if (line.startsWith("MemTotal:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        }
        return 0;
    }

    private static long number(Path file) {
        String text = text(file);
        try {
            return text.isEmpty() ? 0 : Long.parseLong(text);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String text(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readString(file).strip() : "";
        } catch (IOException e) {
            // the container stopped while we read: its cgroup went with it
            return "";
        }
    }

    private static List<String> lines(Path file) {
        String text = text(file);
        return text.isEmpty() ? List.of() : text.lines().toList();
    }
}
