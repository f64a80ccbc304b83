package io.jcompose.engine.linux.oci;

import io.jcompose.engine.spi.ContainerSpec.Ulimit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A container's resource limits ({@code ulimits}), kept within what the host lets the runtime set: without
 * {@code CAP_SYS_RESOURCE} a hard limit cannot be raised, and a runtime asked to do so fails at start with an
 * obscure "error setting rlimit".
 */
public final class Rlimits {

    /** What Docker's daemon usually runs with for open files, and so what its containers get by default. */
    public static final long DEFAULT_NOFILE = 1_048_576L;

    /** The names Docker accepts in {@code ulimits}. */
    private static final Set<String> NAMES = Set.of("core", "cpu", "data", "fsize", "locks", "memlock", "msgqueue",
            "nice", "nofile", "nproc", "rss", "rtprio", "rttime", "sigpending", "stack");

    /** One limit; a negative value means unlimited. */
    public record Rlimit(String type, long soft, long hard) {
    }

    private Rlimits() {
    }

    /** The explicit {@code ulimits}, plus open files at {@code min(1048576, host hard limit)} unless given. */
    public static List<Rlimit> of(Map<String, Ulimit> ulimits, HostFacts host) {
        List<Rlimit> out = new ArrayList<>();
        if (!ulimits.containsKey("nofile")) {
            OptionalLong hostHard = host.hardLimit("RLIMIT_NOFILE");
            long nofile = hostHard.isPresent() ? Math.min(DEFAULT_NOFILE, hostHard.getAsLong()) : DEFAULT_NOFILE;
            out.add(new Rlimit("RLIMIT_NOFILE", nofile, nofile));
        }
        ulimits.forEach((name, limit) -> out.add(explicit(name, limit, host)));
        return List.copyOf(out);
    }

    private static Rlimit explicit(String name, Ulimit limit, HostFacts host) {
        String key = "ulimits." + name;
        if (!NAMES.contains(name)) {
            throw new OciConfigException(key + ": unknown limit \"" + name + "\" (expected one of "
                    + NAMES.stream().sorted().toList() + ")");
        }
        if (above(limit.soft(), limit.hard())) {
            throw new OciConfigException(key + ": soft limit " + text(limit.soft())
                    + " is above the hard limit " + text(limit.hard()));
        }
        String type = "RLIMIT_" + name.toUpperCase(Locale.ROOT);
        OptionalLong hostHard = host.hardLimit(type);
        if (hostHard.isPresent() && above(limit.hard(), hostHard.getAsLong())) {
            throw new OciConfigException(key + ": hard limit " + text(limit.hard())
                    + " is above this host's limit " + hostHard.getAsLong());
        }
        return new Rlimit(type, limit.soft(), limit.hard());
    }

    /** Whether {@code a} allows more than {@code b}, negative values being unlimited. */
    private static boolean above(long a, long b) {
        if (a < 0) {
            return b >= 0;
        }
        return b >= 0 && a > b;
    }

    private static String text(long value) {
        return value < 0 ? "unlimited" : Long.toString(value);
    }
}
