package io.jcompose.engine.linux.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcompose.engine.linux.image.ImageStore;
import io.jcompose.engine.linux.store.StoreLayout;
import io.jcompose.engine.spi.BackendUnavailableException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Chooses the OCI runtime by running a container with each candidate, since being installed is not the same as
 * working: crun 1.8 refuses a hybrid cgroup layout (v1 controllers plus a cgroup2 mount that has a controller) with
 * "cgroups in hybrid mode not supported", while runc works there. crun is preferred when it runs (it starts
 * containers 2–3× faster); on a hybrid host it runs through a wrapper that unmounts the cgroup2 mount in a private
 * mount namespace first, which leaves the host as it is. {@code JCOMPOSE_RUNTIME} (runc, crun or a path) forces a
 * choice. The answer is kept in the run root, which a reboot clears, so the probe costs once per boot.
 */
public final class RuntimeProbe {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HYBRID_WRAPPER = """
            #!/bin/sh
            # crun refuses hybrid cgroup hosts: hide the cgroup2 mount in a private mount namespace, then run crun
            exec unshare -m sh -c 'umount /sys/fs/cgroup/unified 2>/dev/null; exec "$0" "$@"' %s "$@"
            """;

    private RuntimeProbe() {
    }

    /** The runtime to use, from the cache, {@code JCOMPOSE_RUNTIME}, or a probe of crun then runc. */
    public static OciRuntime choose(StoreLayout layout, Map<String, String> env) {
        Path cache = layout.runRoot().resolve("runtime.json");
        String forced = env.getOrDefault("JCOMPOSE_RUNTIME", "").strip();
        Optional<OciRuntime> cached = readCache(cache, layout);
        if (cached.isPresent() && (forced.isEmpty() || forced.equals(cached.get().name())
                || forced.equals(cached.get().binary().toString()))) {
            return cached.get();
        }
        List<String> candidates = forced.isEmpty() ? List.of("crun", "runc") : List.of(forced);
        List<String> failures = new ArrayList<>();
        for (String candidate : candidates) {
            Optional<Path> binary = find(candidate, env);
            if (binary.isEmpty()) {
                failures.add(candidate + ": not installed");
                continue;
            }
            String name = binary.get().getFileName().toString().contains("crun") ? "crun" : "runc";
            List<Path> creators = new ArrayList<>(List.of(binary.get()));
            if (name.equals("crun") && hybridCgroups()) {
                creators.addFirst(wrapper(layout, binary.get()));
            }
            for (Path creator : creators) {
                OciRuntime runtime = new OciRuntime(name, binary.get(), creator, layout.runtimeState());
                Optional<String> failure = tryRun(runtime, layout);
                if (failure.isEmpty()) {
                    writeCache(cache, runtime);
                    return runtime;
                }
                failures.add(name + (creator.equals(binary.get()) ? "" : " (hybrid cgroup wrapper)") + ": "
                        + failure.get());
            }
        }
        throw new BackendUnavailableException("no OCI runtime can run a container here (" + String.join("; ",
                failures) + "): install one with: apt-get install -y runc (or crun)");
    }

    /** A cgroup v1 host with a cgroup2 mount that holds a controller: what crun 1.8 refuses. */
    static boolean hybridCgroups() {
        try {
            Path controllers = Path.of("/sys/fs/cgroup/unified/cgroup.controllers");
            return Files.isRegularFile(controllers) && !Files.readString(controllers).isBlank();
        } catch (IOException e) {
            return false;
        }
    }

    /** The binary of {@code candidate} (a name looked up in PATH and root's sbin dirs, or a path). */
    public static Optional<Path> find(String candidate, Map<String, String> env) {
        if (candidate.contains("/")) {
            Path p = Path.of(candidate);
            return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
        }
        List<String> dirs = new ArrayList<>(List.of(env.getOrDefault("PATH", "").split(":")));
        // root's sbin directories hold runc on Debian even when a user's PATH lacks them
        dirs.addAll(List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"));
        return dirs.stream().filter(d -> !d.isBlank()).map(d -> Path.of(d, candidate)).filter(Files::isExecutable)
                .findFirst();
    }

    private static Path wrapper(StoreLayout layout, Path crun) {
        try {
            Path script = Files.createDirectories(layout.runRoot()).resolve("crun-hybrid");
            Files.writeString(script, HYBRID_WRAPPER.formatted(crun));
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
            return script;
        } catch (IOException e) {
            throw new BackendUnavailableException("cannot write " + layout.runRoot() + "/crun-hybrid: "
                    + e.getMessage());
        }
    }

    /**
     * Runs {@code /usr/bin/true} of the host in a throwaway container whose root is an empty directory with the
     * host's {@code /usr} bound read-only into it; empty when it ran, else the runtime's error.
     */
    private static Optional<String> tryRun(OciRuntime runtime, StoreLayout layout) {
        Path bundle = layout.runRoot().resolve("probe-" + ProcessHandle.current().pid() + "-" + runtime.name());
        String id = "jcompose-probe-" + ProcessHandle.current().pid();
        try {
            Path rootfs = Files.createDirectories(bundle.resolve("rootfs"));
            for (String dir : List.of("usr", "proc", "dev", "sys", "tmp")) {
                Files.createDirectories(rootfs.resolve(dir));
            }
            for (String link : List.of("bin", "lib", "lib64", "sbin")) {
                if (Files.isDirectory(Path.of("/usr", link))) {
                    Files.createSymbolicLink(rootfs.resolve(link), Path.of("usr", link));
                }
            }
            Files.write(bundle.resolve("config.json"), JSON.writeValueAsBytes(probeConfig(rootfs)));
            OciRuntime.Result r = OciRuntime.run(runtime.command(true, "run", "--bundle", bundle.toString(), id));
            return r.exitCode() == 0 ? Optional.empty()
                    : Optional.of(r.error().isBlank() ? "exit code " + r.exitCode() : r.error());
        } catch (IOException e) {
            return Optional.of(e.getMessage());
        } finally {
            OciRuntime.run(runtime.command(false, "delete", "--force", id));
            try {
                ImageStore.deleteTree(bundle);
            } catch (IOException ignored) {
                // a probe directory left in the run root is harmless and goes at reboot
            }
        }
    }

    private static ObjectNode probeConfig(Path rootfs) {
        ObjectNode config = JSON.createObjectNode();
        config.put("ociVersion", "1.0.2");
        ObjectNode process = config.putObject("process");
        process.put("terminal", false);
        process.putObject("user").put("uid", 0).put("gid", 0);
        process.putArray("args").add("/usr/bin/true");
        process.putArray("env").add("PATH=/usr/bin:/bin");
        process.put("cwd", "/");
        process.put("noNewPrivileges", true);
        config.putObject("root").put("path", rootfs.toString()).put("readonly", true);
        config.put("hostname", "probe");
        ArrayNode mounts = config.putArray("mounts");
        mounts.addObject().put("destination", "/proc").put("type", "proc").put("source", "proc");
        mounts.addObject().put("destination", "/dev").put("type", "tmpfs").put("source", "tmpfs")
                .putArray("options").add("nosuid").add("mode=755");
        mounts.addObject().put("destination", "/usr").put("type", "bind").put("source", "/usr")
                .putArray("options").add("rbind").add("ro");
        ObjectNode linux = config.putObject("linux");
        ArrayNode namespaces = linux.putArray("namespaces");
        for (String ns : List.of("pid", "ipc", "uts", "mount", "network")) {
            namespaces.addObject().put("type", ns);
        }
        return config;
    }

    private static Optional<OciRuntime> readCache(Path cache, StoreLayout layout) {
        try {
            if (!Files.isRegularFile(cache)) {
                return Optional.empty();
            }
            var node = JSON.readTree(cache.toFile());
            Path binary = Path.of(node.path("binary").asText());
            Path creator = Path.of(node.path("creator").asText());
            if (!Files.isExecutable(binary) || !Files.isExecutable(creator)) {
                return Optional.empty();
            }
            return Optional.of(new OciRuntime(node.path("name").asText(), binary, creator, layout.runtimeState()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static void writeCache(Path cache, OciRuntime runtime) {
        try {
            ObjectNode node = JSON.createObjectNode().put("name", runtime.name())
                    .put("binary", runtime.binary().toString()).put("creator", runtime.creator().toString());
            Files.write(cache, JSON.writeValueAsBytes(node));
        } catch (IOException ignored) {
            // without the cache the next command probes again: slower, not wrong
        }
    }
}
