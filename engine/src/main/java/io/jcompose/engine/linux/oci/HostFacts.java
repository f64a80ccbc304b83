package io.jcompose.engine.linux.oci;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * What a container's config depends on about the host: the resource-limit ceilings of the process that starts the
 * runtime (it cannot raise a hard limit without {@code CAP_SYS_RESOURCE}), the kernel's last capability, its
 * release, its hostname (for {@code network_mode: host}) and its CPU count.
 *
 * @param finiteHardLimits hard limits by {@code RLIMIT_*} name; a limit missing here is unlimited
 * @param lastCapability   the highest capability number the kernel knows ({@code /proc/sys/kernel/cap_last_cap})
 * @param kernelRelease    such as {@code 6.1.0-18-amd64}
 */
public record HostFacts(Map<String, Long> finiteHardLimits, int lastCapability, String kernelRelease,
                        String hostname, int cpuCount) {

    /** {@code /proc/self/limits} names each limit by a description; these are the kernel's words for them. */
    private static final Map<String, String> LIMIT_NAMES = Map.ofEntries(
            Map.entry("Max cpu time", "RLIMIT_CPU"), Map.entry("Max file size", "RLIMIT_FSIZE"),
            Map.entry("Max data size", "RLIMIT_DATA"), Map.entry("Max stack size", "RLIMIT_STACK"),
            Map.entry("Max core file size", "RLIMIT_CORE"), Map.entry("Max resident set", "RLIMIT_RSS"),
            Map.entry("Max processes", "RLIMIT_NPROC"), Map.entry("Max open files", "RLIMIT_NOFILE"),
            Map.entry("Max locked memory", "RLIMIT_MEMLOCK"), Map.entry("Max address space", "RLIMIT_AS"),
            Map.entry("Max file locks", "RLIMIT_LOCKS"), Map.entry("Max pending signals", "RLIMIT_SIGPENDING"),
            Map.entry("Max msgqueue size", "RLIMIT_MSGQUEUE"), Map.entry("Max nice priority", "RLIMIT_NICE"),
            Map.entry("Max realtime priority", "RLIMIT_RTPRIO"), Map.entry("Max realtime timeout", "RLIMIT_RTTIME"));

    public HostFacts {
        finiteHardLimits = Collections.unmodifiableMap(new TreeMap<>(finiteHardLimits));
    }

    /** The facts of this machine, read from {@code /proc}. */
    public static HostFacts read() {
        try {
            return new HostFacts(parseLimits(Files.readString(Path.of("/proc/self/limits"))),
                    Integer.parseInt(Files.readString(Path.of("/proc/sys/kernel/cap_last_cap")).strip()),
                    Files.readString(Path.of("/proc/sys/kernel/osrelease")).strip(),
                    Files.readString(Path.of("/proc/sys/kernel/hostname")).strip(),
                    Runtime.getRuntime().availableProcessors());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the host's limits from /proc: " + e.getMessage(), e);
        }
    }

    /** The finite hard limits in the text of {@code /proc/<pid>/limits}. */
    public static Map<String, Long> parseLimits(String text) {
        Map<String, Long> out = new TreeMap<>();
        for (String line : text.split("\n")) {
            // columns are padded to fixed widths; the description is the first 26 characters
            if (line.length() < 26) {
                continue;
            }
            String name = LIMIT_NAMES.get(line.substring(0, 26).strip());
            String[] values = line.substring(26).strip().split("\\s+");
            if (name != null && values.length >= 2 && values[1].matches("\\d+")) {
                out.put(name, Long.parseLong(values[1]));
            }
        }
        return out;
    }

    /** The hard limit of {@code rlimit} ({@code RLIMIT_*}), empty when unlimited. */
    public OptionalLong hardLimit(String rlimit) {
        Long value = finiteHardLimits.get(rlimit);
        return value == null ? OptionalLong.empty() : OptionalLong.of(value);
    }

    /** Whether the kernel is at least {@code major.minor} (for profile entries that need a newer kernel). */
    public boolean kernelAtLeast(String version) {
        int[] want = versionNumbers(version);
        int[] have = versionNumbers(kernelRelease);
        for (int i = 0; i < 2; i++) {
            if (have[i] != want[i]) {
                return have[i] > want[i];
            }
        }
        return true;
    }

    private static int[] versionNumbers(String text) {
        String[] parts = text.split("[.\\-+]");
        int[] out = new int[2];
        for (int i = 0; i < 2 && i < parts.length; i++) {
            out[i] = parts[i].matches("\\d+") ? Integer.parseInt(parts[i]) : 0;
        }
        return out;
    }
}
