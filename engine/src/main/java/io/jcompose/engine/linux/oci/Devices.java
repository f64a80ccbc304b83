package io.jcompose.engine.linux.oci;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Device nodes a container gets and the device-cgroup rules that let it use them: Docker's defaults, the
 * {@code devices:} entries ({@code /dev/fuse}, {@code /dev/x:/dev/y[:rwm]}) read from the host's nodes, or every
 * host device for a privileged container.
 */
public final class Devices {

    private static final int S_IFMT = 0170000;
    private static final int S_IFCHR = 0020000;
    private static final int S_IFBLK = 0060000;
    /** Directories of /dev whose nodes belong to the host's sessions or are set up by the runtime itself. */
    private static final Set<String> SKIPPED_DIRS = Set.of("pts", "shm", "fd", "mqueue", ".lxc", ".lxd-mounts",
            ".udev");

    /** A node to create in the container. */
    public record Node(String path, String type, long major, long minor, int fileMode, int uid, int gid) {
    }

    /** A device-cgroup rule; a negative major or minor is any. */
    public record Rule(boolean allow, String type, long major, long minor, String access) {
    }

    /** The nodes and rules of one container. */
    public record Setup(List<Node> nodes, List<Rule> rules) {
        public Setup {
            nodes = List.copyOf(nodes);
            rules = List.copyOf(rules);
        }
    }

    private Devices() {
    }

    /**
     * Docker's rules (deny everything but creating nodes and the standard /dev/null, zero, full, random, urandom,
     * tty, console, ptmx, pts and tun) plus the {@code devices:} entries; privileged: all of {@code hostDev}.
     */
    public static Setup of(List<String> devices, boolean privileged, Path hostDev) {
        if (privileged) {
            return new Setup(all(hostDev), List.of(new Rule(true, "a", -1, -1, "rwm")));
        }
        List<Node> nodes = new ArrayList<>();
        List<Rule> rules = new ArrayList<>(defaultRules());
        for (String entry : devices) {
            Mapping m = parse(entry);
            for (Node node : nodes(m)) {
                nodes.add(node);
                rules.add(new Rule(true, node.type(), node.major(), node.minor(), m.permissions()));
            }
        }
        return new Setup(nodes, rules);
    }

    static List<Rule> defaultRules() {
        return List.of(new Rule(false, "a", -1, -1, "rwm"),
                new Rule(true, "c", -1, -1, "m"), new Rule(true, "b", -1, -1, "m"),
                new Rule(true, "c", 1, 3, "rwm"), new Rule(true, "c", 1, 5, "rwm"),
                new Rule(true, "c", 1, 7, "rwm"), new Rule(true, "c", 1, 8, "rwm"),
                new Rule(true, "c", 1, 9, "rwm"), new Rule(true, "c", 5, 0, "rwm"),
                new Rule(true, "c", 5, 1, "rwm"), new Rule(true, "c", 5, 2, "rwm"),
                new Rule(true, "c", 136, -1, "rwm"), new Rule(true, "c", 10, 200, "rwm"));
    }

    /** One {@code devices:} entry. */
    record Mapping(Path host, String container, String permissions) {
    }

    /** {@code src}, {@code src:dst}, {@code src:perms}, {@code src:dst:perms}, as Docker reads them. */
    static Mapping parse(String entry) {
        String[] parts = entry.split(":", -1);
        String source = parts[0];
        String target = source;
        String permissions = "rwm";
        switch (parts.length) {
            case 1 -> { }
            case 2 -> {
                if (validPermissions(parts[1])) {
                    permissions = parts[1];
                } else {
                    target = parts[1];
                }
            }
            case 3 -> {
                target = parts[1];
                permissions = parts[2];
                if (!validPermissions(permissions)) {
                    throw invalid(entry, "permissions \"" + permissions + "\" are not a combination of r, w, m");
                }
            }
            default -> throw invalid(entry, "too many parts");
        }
        if (!source.startsWith("/") || target.isEmpty() || !target.startsWith("/")) {
            throw invalid(entry, "paths must be absolute");
        }
        return new Mapping(Path.of(source), target, permissions);
    }

    private static OciConfigException invalid(String entry, String why) {
        return new OciConfigException("devices: invalid device \"" + entry + "\": " + why
                + " (expected /dev/host[:/dev/container][:rwm])");
    }

    private static boolean validPermissions(String text) {
        return !text.isEmpty() && text.length() <= 3 && text.chars().allMatch(c -> c == 'r' || c == 'w' || c == 'm')
                && text.chars().distinct().count() == text.length();
    }

    /** The node itself, or for a directory every node under it, placed under the container path. */
    private static List<Node> nodes(Mapping m) {
        if (Files.isDirectory(m.host())) {
            List<Node> out = new ArrayList<>();
            try (Stream<Path> walk = Files.walk(m.host())) {
                for (Path p : walk.toList()) {
                    node(p, m.container() + "/" + m.host().relativize(p)).ifPresent(out::add);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("devices: cannot list " + m.host() + ": " + e.getMessage(), e);
            }
            return out;
        }
        if (!Files.exists(m.host())) {
            throw new OciConfigException("devices: " + m.host() + " does not exist on this host");
        }
        return List.of(node(m.host(), m.container()).orElseThrow(() -> new OciConfigException("devices: "
                + m.host() + " is not a character or block device")));
    }

    /** The host's device at {@code p} (links followed, as Docker does), or empty if it is none. */
    static Optional<Node> node(Path p, String containerPath) {
        try {
            int mode = (Integer) Files.getAttribute(p, "unix:mode");
            String type = switch (mode & S_IFMT) {
                case S_IFCHR -> "c";
                case S_IFBLK -> "b";
                default -> null;
            };
            if (type == null) {
                return Optional.empty();
            }
            long rdev = (Long) Files.getAttribute(p, "unix:rdev");
            return Optional.of(new Node(containerPath, type, major(rdev), minor(rdev), mode & 07777,
                    (Integer) Files.getAttribute(p, "unix:uid"), (Integer) Files.getAttribute(p, "unix:gid")));
        } catch (IOException e) {
            throw new UncheckedIOException("devices: cannot read " + p + ": " + e.getMessage(), e);
        }
    }

    /** glibc's {@code gnu_dev_major}: 12 bits in the middle, the rest high up. */
    static long major(long dev) {
        return ((dev >>> 8) & 0xfff) | ((dev >>> 32) & ~0xfffL);
    }

    /** glibc's {@code gnu_dev_minor}: 8 low bits, the rest above the major's low part. */
    static long minor(long dev) {
        return (dev & 0xff) | ((dev >>> 12) & ~0xffL);
    }

    /** Every device under {@code hostDev} except the session-bound ones Docker leaves out too. */
    static List<Node> all(Path hostDev) {
        List<Node> out = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(hostDev)) {
            for (Path p : walk.toList()) {
                Path relative = hostDev.relativize(p);
                if (p.equals(hostDev) || SKIPPED_DIRS.contains(relative.getName(0).toString())
                        || Files.isSymbolicLink(p) || relative.toString().equals("console")) {
                    continue;
                }
                try {
                    node(p, "/dev/" + relative).ifPresent(out::add);
                } catch (UncheckedIOException e) {
                    // nodes can vanish while the walk runs (hot-plug): skip them rather than fail the container
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("privileged: cannot list the host's devices in " + hostDev + ": "
                    + e.getMessage(), e);
        }
        return out;
    }
}
