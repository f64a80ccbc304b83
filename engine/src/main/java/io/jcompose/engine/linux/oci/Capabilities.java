package io.jcompose.engine.linux.oci;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The capability set of a container's processes, by Docker's rules for {@code cap_add}, {@code cap_drop}, privileged. */
public final class Capabilities {

    /** Linux capabilities by number (linux/capability.h), as runtimes name them. */
    static final List<String> BY_NUMBER = List.of("CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH",
            "CAP_FOWNER", "CAP_FSETID", "CAP_KILL", "CAP_SETGID", "CAP_SETUID", "CAP_SETPCAP",
            "CAP_LINUX_IMMUTABLE", "CAP_NET_BIND_SERVICE", "CAP_NET_BROADCAST", "CAP_NET_ADMIN", "CAP_NET_RAW",
            "CAP_IPC_LOCK", "CAP_IPC_OWNER", "CAP_SYS_MODULE", "CAP_SYS_RAWIO", "CAP_SYS_CHROOT", "CAP_SYS_PTRACE",
            "CAP_SYS_PACCT", "CAP_SYS_ADMIN", "CAP_SYS_BOOT", "CAP_SYS_NICE", "CAP_SYS_RESOURCE", "CAP_SYS_TIME",
            "CAP_SYS_TTY_CONFIG", "CAP_MKNOD", "CAP_LEASE", "CAP_AUDIT_WRITE", "CAP_AUDIT_CONTROL", "CAP_SETFCAP",
            "CAP_MAC_OVERRIDE", "CAP_MAC_ADMIN", "CAP_SYSLOG", "CAP_WAKE_ALARM", "CAP_BLOCK_SUSPEND",
            "CAP_AUDIT_READ", "CAP_PERFMON", "CAP_BPF", "CAP_CHECKPOINT_RESTORE");

    /** What Docker grants a container that asks for nothing. */
    public static final List<String> DOCKER_DEFAULT = List.of("CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID",
            "CAP_FOWNER", "CAP_MKNOD", "CAP_NET_RAW", "CAP_SETGID", "CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP",
            "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE");

    private static final String ALL = "ALL";

    private Capabilities() {
    }

    /** Every capability this kernel has (up to {@code lastCapability}) that runtimes know by name. */
    public static List<String> all(int lastCapability) {
        return BY_NUMBER.subList(0, Math.min(lastCapability + 1, BY_NUMBER.size()));
    }

    /**
     * The effective set: privileged gets all; {@code ALL} in {@code add} gives all but what {@code drop} names;
     * {@code ALL} in {@code drop} keeps only {@code add}; otherwise the default minus {@code drop} plus {@code add}.
     */
    public static List<String> effective(List<String> add, List<String> drop, boolean privileged,
                                         int lastCapability) {
        List<String> all = all(lastCapability);
        if (privileged) {
            return all;
        }
        List<String> adds = normalize(add, "cap_add");
        List<String> drops = normalize(drop, "cap_drop");
        Set<String> out = new LinkedHashSet<>();
        if (adds.contains(ALL)) {
            all.stream().filter(c -> !drops.contains(c)).forEach(out::add);
        } else if (drops.contains(ALL)) {
            out.addAll(adds);
        } else {
            DOCKER_DEFAULT.stream().filter(c -> !drops.contains(c)).forEach(out::add);
            out.addAll(adds);
        }
        return List.copyOf(out);
    }

    /** {@code net_admin}, {@code CAP_NET_ADMIN} and {@code Net_Admin} are one name; unknown ones are errors. */
    static List<String> normalize(List<String> names, String key) {
        List<String> out = new ArrayList<>();
        for (String name : names) {
            String upper = name.strip().toUpperCase(Locale.ROOT);
            if (upper.equals(ALL)) {
                out.add(ALL);
                continue;
            }
            String capName = upper.startsWith("CAP_") ? upper : "CAP_" + upper;
            if (!BY_NUMBER.contains(capName)) {
                throw new OciConfigException(key + ": unknown capability \"" + name
                        + "\" (expected a Linux capability such as NET_ADMIN, or ALL)");
            }
            out.add(capName);
        }
        return out;
    }
}
