package io.jcompose.cli.command.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** Facts about this machine that {@code info} reports: kernel, distribution, cgroup layout, CPUs, memory. */
record HostSummary(String kernel, String operatingSystem, String architecture, int cpus, long memoryBytes,
                   String hostname, String cgroupVersion) {

    static HostSummary read() {
        return new HostSummary(System.getProperty("os.version", ""), operatingSystem(Path.of("/etc/os-release")),
                architecture(System.getProperty("os.arch", "")), Runtime.getRuntime().availableProcessors(),
                memory(Path.of("/proc/meminfo")), firstLine(Path.of("/proc/sys/kernel/hostname")).orElse(""),
                cgroupVersion(Path.of("/sys/fs/cgroup")));
    }

    /**
     * {@code 2} on a unified hierarchy, {@code 1} on v1 controllers only, {@code 1 (hybrid)} when v1 controllers
     * come with a cgroup2 mount at {@code unified} (what crun refuses, see the runtime probe).
     */
    static String cgroupVersion(Path root) {
        if (Files.isRegularFile(root.resolve("cgroup.controllers"))) {
            return "2";
        }
        if (Files.isRegularFile(root.resolve("unified").resolve("cgroup.controllers"))) {
            return "1 (hybrid)";
        }
        return "1";
    }

    /** The architecture as {@code uname -m} names it, which docker shows. */
    static String architecture(String javaArch) {
        return switch (javaArch) {
            case "amd64" -> "x86_64";
            case "arm64" -> "aarch64";
            default -> javaArch;
        };
    }

    static String operatingSystem(Path osRelease) {
        try {
            for (String line : Files.readAllLines(osRelease)) {
                if (line.startsWith("PRETTY_NAME=")) {
                    return line.substring(12).replaceAll("^\"|\"$", "");
                }
            }
        } catch (IOException e) {
            // no os-release: fall back to the kernel's name
        }
        return System.getProperty("os.name", "Linux");
    }

    static long memory(Path meminfo) {
        try {
            for (String line : Files.readAllLines(meminfo)) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // unknown
        }
        return 0;
    }

    /** Bytes in binary units as docker's info writes them: {@code 7.764GiB}. */
    static String binarySize(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.4g", v).replaceAll("\\.?0+$", "") + units[u];
    }

    private static Optional<String> firstLine(Path file) {
        try {
            return Files.readAllLines(file).stream().findFirst().map(String::strip);
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
