package io.jcompose.engine.linux.oci;

import io.jcompose.engine.spi.ContainerSpec.MountSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A container's mount table as Docker builds it: the system mounts ({@code /proc}, {@code /dev}, {@code /sys}…)
 * first, minus any the service mounts over, then the service's mounts and the generated etc files ordered so a
 * parent directory is mounted before what is mounted inside it.
 */
public final class OciMounts {

    /** Docker's /dev/shm size when {@code shm_size} is not given. */
    static final long DEFAULT_SHM_SIZE = 64L << 20;
    /** Where Docker puts its init in the container. */
    public static final String INIT_PATH = "/sbin/docker-init";

    /** These stay writable on a read-only root: they hold no image content. */
    private static final Set<String> WRITABLE_ON_READ_ONLY_ROOT = Set.of("/proc", "/dev", "/dev/pts", "/dev/shm",
            "/dev/mqueue");
    private static final Set<String> PROPAGATIONS = Set.of("private", "rprivate", "shared", "rshared", "slave",
            "rslave");
    private static final Set<String> TMPFS_FLAGS = Set.of("exec", "noexec", "suid", "nosuid", "dev", "nodev", "ro",
            "rw", "atime", "noatime", "relatime", "norelatime", "strictatime", "nostrictatime", "diratime",
            "nodiratime", "sync", "async", "tmpcopyup");
    private static final Set<String> TMPFS_KEYS = Set.of("size", "mode", "uid", "gid", "nr_inodes", "nr_blocks",
            "huge", "mpol");

    /** One entry of the config's {@code mounts}. */
    public record Mount(String destination, String type, String source, List<String> options) {
        public Mount {
            options = List.copyOf(options);
        }
    }

    /** The host files Docker generates and binds into every container. */
    public record EtcBinds(Optional<Path> hostname, Optional<Path> hosts, Optional<Path> resolvConf) {
        public static final EtcBinds NONE = new EtcBinds(Optional.empty(), Optional.empty(), Optional.empty());
    }

    /**
     * Everything the mount table depends on.
     *
     * @param shmSource  a host directory to bind at /dev/shm ({@code ipc: host}, or a shared one); empty: a tmpfs
     * @param noShm      {@code ipc: none}: no /dev/shm at all
     * @param initBinary the host's init binary to bind at {@value #INIT_PATH}, when {@code init: true}
     */
    public record Request(List<ResolvedMount> mounts, Map<String, String> tmpfs, EtcBinds etc, boolean readOnlyRoot,
                          boolean privileged, Optional<Long> shmSize, Optional<Path> shmSource, boolean noShm,
                          Optional<Path> initBinary) {
    }

    private OciMounts() {
    }

    public static List<Mount> of(Request r) {
        Map<String, Mount> user = new LinkedHashMap<>();
        for (ResolvedMount m : r.mounts()) {
            put(user, userMount(m), "volumes");
        }
        r.tmpfs().forEach((target, options) -> put(user, tmpfsMap(target, options), "tmpfs"));
        r.initBinary().ifPresent(init -> put(user, new Mount(INIT_PATH, "bind", init.toString(),
                List.of("bind", "ro")), "init"));
        // a service's own file at /etc/hosts (or the others) replaces the generated one, as in Docker
        List<String> etcOptions = r.readOnlyRoot() ? List.of("rbind", "rprivate", "ro") : List.of("rbind", "rprivate");
        r.etc().hostname().ifPresent(p -> user.putIfAbsent("/etc/hostname",
                new Mount("/etc/hostname", "bind", p.toString(), etcOptions)));
        r.etc().hosts().ifPresent(p -> user.putIfAbsent("/etc/hosts",
                new Mount("/etc/hosts", "bind", p.toString(), etcOptions)));
        r.etc().resolvConf().ifPresent(p -> user.putIfAbsent("/etc/resolv.conf",
                new Mount("/etc/resolv.conf", "bind", p.toString(), etcOptions)));

        boolean userDev = user.containsKey("/dev");
        List<Mount> out = new ArrayList<>();
        for (Mount m : system(r)) {
            if (user.containsKey(m.destination()) || userDev && m.destination().startsWith("/dev/")) {
                continue;
            }
            out.add(r.readOnlyRoot() && !WRITABLE_ON_READ_ONLY_ROOT.contains(m.destination()) ? readOnly(m) : m);
        }
        user.values().stream().sorted(Comparator.comparingLong(m -> depth(m.destination()))).forEach(out::add);
        return List.copyOf(out);
    }

    /** The propagation the root needs so that shared or slave binds work: {@code rshared}, {@code rslave}, none. */
    public static Optional<String> rootPropagation(List<Mount> mounts) {
        boolean slave = false;
        for (Mount m : mounts) {
            if (m.options().contains("shared") || m.options().contains("rshared")) {
                return Optional.of("rshared");
            }
            slave |= m.options().contains("slave") || m.options().contains("rslave");
        }
        return slave ? Optional.of("rslave") : Optional.empty();
    }

    private static List<Mount> system(Request r) {
        List<Mount> out = new ArrayList<>();
        out.add(new Mount("/proc", "proc", "proc", List.of("nosuid", "noexec", "nodev")));
        out.add(new Mount("/dev", "tmpfs", "tmpfs", List.of("nosuid", "strictatime", "mode=755", "size=65536k")));
        out.add(new Mount("/dev/pts", "devpts", "devpts", List.of("nosuid", "noexec", "newinstance",
                "ptmxmode=0666", "mode=0620", "gid=5")));
        if (!r.noShm()) {
            out.add(r.shmSource().map(p -> new Mount("/dev/shm", "bind", p.toString(), List.of("rbind", "rprivate")))
                    .orElseGet(() -> new Mount("/dev/shm", "tmpfs", "shm", List.of("nosuid", "noexec", "nodev",
                            "mode=1777", "size=" + r.shmSize().orElse(DEFAULT_SHM_SIZE)))));
        }
        out.add(new Mount("/dev/mqueue", "mqueue", "mqueue", List.of("nosuid", "noexec", "nodev")));
        // privileged containers may write to /sys and their cgroups, as in Docker
        List<String> sysOptions = r.privileged() ? List.of("nosuid", "noexec", "nodev")
                : List.of("nosuid", "noexec", "nodev", "ro");
        out.add(new Mount("/sys", "sysfs", "sysfs", sysOptions));
        out.add(new Mount("/sys/fs/cgroup", "cgroup", "cgroup", r.privileged() ? List.of("nosuid", "noexec", "nodev")
                : List.of("ro", "nosuid", "noexec", "nodev")));
        return out;
    }

    private static Mount userMount(ResolvedMount resolved) {
        MountSpec m = resolved.spec();
        String target = destination(m.target(), "volumes");
        return switch (m.type()) {
            case "bind" -> bind(target, source(resolved), m);
            case "volume" -> bind(target, volumeSource(resolved), m);
            case "tmpfs" -> {
                List<String> options = new ArrayList<>(List.of("noexec", "nosuid", "nodev", "rprivate"));
                m.tmpfsSize().ifPresent(size -> options.add("size=" + size));
                options.add("mode=1777");
                if (m.readOnly()) {
                    options.add("ro");
                }
                yield new Mount(target, "tmpfs", "tmpfs", merge(options));
            }
            default -> throw new OciConfigException("volumes: mount type \"" + m.type() + "\" at " + target
                    + " is not supported by the built-in runtime (expected bind, volume or tmpfs)");
        };
    }

    private static Mount bind(String target, String source, MountSpec m) {
        String propagation = m.propagation().orElse("rprivate");
        if (!PROPAGATIONS.contains(propagation)) {
            throw new OciConfigException("volumes: invalid bind propagation \"" + propagation + "\" at " + target
                    + " (expected private, rprivate, shared, rshared, slave or rslave)");
        }
        List<String> options = new ArrayList<>(List.of("rbind", propagation));
        if (m.readOnly()) {
            options.add("ro");
        }
        return new Mount(target, "bind", source, options);
    }

    private static String source(ResolvedMount m) {
        return m.hostSource().orElseThrow(() -> new IllegalArgumentException("no host source resolved for the "
                + m.spec().type() + " mount at " + m.spec().target())).toString();
    }

    /** A volume's directory, or the part {@code subpath} names, which must stay inside it and exist. */
    private static String volumeSource(ResolvedMount m) {
        Path data = Path.of(source(m));
        if (m.spec().subpath().isEmpty() || m.spec().subpath().get().isEmpty()) {
            return data.toString();
        }
        String subpath = m.spec().subpath().get();
        Path resolved = data.resolve(subpath).normalize();
        if (Path.of(subpath).isAbsolute() || !resolved.startsWith(data.normalize())) {
            throw new OciConfigException("volumes: subpath \"" + subpath + "\" at " + m.spec().target()
                    + " leaves the volume (expected a relative path inside it)");
        }
        if (!Files.exists(resolved)) {
            throw new OciConfigException("volumes: subpath \"" + subpath + "\" at " + m.spec().target()
                    + " does not exist in the volume");
        }
        return resolved.toString();
    }

    /** A {@code tmpfs:} entry: Docker's noexec,nosuid,nodev defaults, which the given options may override. */
    private static Mount tmpfsMap(String target, String optionText) {
        String destination = destination(target, "tmpfs");
        List<String> options = new ArrayList<>(List.of("noexec", "nosuid", "nodev", "rprivate", "mode=1777"));
        for (String option : optionText.split(",")) {
            String o = option.strip();
            if (o.isEmpty()) {
                continue;
            }
            int eq = o.indexOf('=');
            if (eq < 0 ? !TMPFS_FLAGS.contains(o) : !TMPFS_KEYS.contains(o.substring(0, eq))) {
                throw new OciConfigException("tmpfs: invalid option \"" + o + "\" for " + destination
                        + " (expected size=, mode=, uid=, gid=, nr_inodes=, exec, ro…)");
            }
            options.add(o);
        }
        return new Mount(destination, "tmpfs", "tmpfs", merge(options));
    }

    /** Later options win: {@code exec} cancels {@code noexec}, a second {@code size=} replaces the first. */
    static List<String> merge(List<String> options) {
        Map<String, String> byKey = new LinkedHashMap<>();
        for (String o : options) {
            int eq = o.indexOf('=');
            String key = eq >= 0 ? o.substring(0, eq) : flagKey(o);
            byKey.remove(key);
            byKey.put(key, o);
        }
        return List.copyOf(byKey.values());
    }

    /** {@code noexec} and {@code exec} are one setting; so are {@code ro} and {@code rw}. */
    private static String flagKey(String flag) {
        if (flag.equals("ro") || flag.equals("rw")) {
            return "rw";
        }
        if (flag.equals("tmpcopyup")) {
            return flag;
        }
        return flag.startsWith("no") ? flag.substring(2) : flag;
    }

    private static String destination(String target, String key) {
        if (!target.startsWith("/")) {
            throw new OciConfigException(key + ": mount target \"" + target + "\" is not an absolute path");
        }
        String clean = Path.of(target).normalize().toString();
        if (clean.equals("/")) {
            throw new OciConfigException(key + ": cannot mount over the container's root /");
        }
        return clean;
    }

    private static void put(Map<String, Mount> mounts, Mount m, String key) {
        if (mounts.putIfAbsent(m.destination(), m) != null) {
            throw new OciConfigException(key + ": duplicate mount point " + m.destination());
        }
    }

    private static Mount readOnly(Mount m) {
        if (m.options().contains("ro")) {
            return m;
        }
        List<String> options = new ArrayList<>(m.options());
        options.add("ro");
        return new Mount(m.destination(), m.type(), m.source(), options);
    }

    private static long depth(String destination) {
        return destination.chars().filter(c -> c == '/').count();
    }
}
