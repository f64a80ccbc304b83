package io.jcompose.e2e;

import io.jcompose.cli.Jcompose;
import io.jcompose.engine.linux.container.ContainerRecord;
import io.jcompose.engine.linux.container.ContainerStore;
import io.jcompose.engine.linux.store.StoreLayout;
import io.jcompose.engine.linux.volume.VolumeStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One project on the built-in runtime: compose files in a directory, a unique project name, jcompose run in-process
 * with {@code --backend linux} on the default store, and the store, mount table and cgroup tree read from outside.
 * {@link #close} takes the project down with its volumes, whatever happened.
 */
final class LinuxProjectRun implements AutoCloseable {

    static final String PROJECT_LABEL = "com.docker.compose.project";
    static final StoreLayout LAYOUT = StoreLayout.fromEnvironment(Map.of());

    final Path dir;
    final String project = "jcl2e-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    final ContainerStore store;
    private final Map<String, String> extraEnv;

    /** What one jcompose run printed and returned. */
    record Result(int code, String out, String err) {
    }

    LinuxProjectRun(Path dir) {
        this(dir, Map.of());
    }

    /** A project whose jcompose runs also get {@code env} (a store of its own: JCOMPOSE_ROOT, JCOMPOSE_RUN_ROOT). */
    LinuxProjectRun(Path dir, Map<String, String> env) {
        this.dir = dir;
        this.extraEnv = Map.copyOf(env);
        this.store = new ContainerStore(StoreLayout.fromEnvironment(env));
    }

    /** Imports the fixture images into the built-in store (a no-op when they are there). */
    static void importFixtures() throws IOException, InterruptedException {
        Path repo = Path.of(System.getProperty("jcompose.repo"));
        Process p = new ProcessBuilder("bash", repo.resolve("scripts/fixture-images-jcompose.sh").toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new AssertionError("importing the fixture images failed:\n" + out);
        }
    }

    LinuxProjectRun write(String name, String text) {
        try {
            Path p = dir.resolve(name);
            Files.createDirectories(p.getParent());
            Files.writeString(p, text);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Result jcompose(String... args) {
        return jcomposeWithInput(new byte[0], args);
    }

    Result jcomposeWithInput(byte[] stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        // plain progress unless the test chooses its own
        List<String> all = new ArrayList<>(List.of("-p", project));
        if (!List.of(args).contains("--progress")) {
            all.addAll(List.of("--progress", "plain"));
        }
        all.addAll(List.of(args));
        Map<String, String> env = new java.util.HashMap<>(extraEnv);
        env.putAll(Map.of("HOME", System.getProperty("user.home"), "PATH", System.getenv().getOrDefault("PATH", ""),
                "JCOMPOSE_BACKEND", "linux"));
        int code = Jcompose.run(new PrintWriter(out), new PrintWriter(err), new ByteArrayInputStream(stdin),
                env, dir, all.toArray(String[]::new));
        return new Result(code, out.toString(), err.toString());
    }

    /** The project's container records, seen in the store. */
    List<ContainerRecord> containers() {
        return store.list().stream().filter(r -> project.equals(r.spec().labels().get(PROJECT_LABEL))).toList();
    }

    List<String> volumes() {
        return new VolumeStore(LAYOUT).list().stream()
                .filter(v -> project.equals(v.labels().get(PROJECT_LABEL))).map(v -> v.name()).toList();
    }

    /** Everything of the project's containers still on the host: mounts, cgroups, processes, files. */
    List<String> leftovers(List<String> ids) throws IOException {
        List<String> found = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
            for (String id : ids) {
                if (line.contains(id)) {
                    found.add("mount " + line.split(" ")[4]);
                }
            }
        }
        try (Stream<Path> hierarchies = Files.list(Path.of("/sys/fs/cgroup"))) {
            for (Path h : hierarchies.toList()) {
                for (String id : ids) {
                    if (Files.exists(h.resolve("jcompose").resolve(id))) {
                        found.add("cgroup " + h.resolve("jcompose").resolve(id));
                    }
                }
            }
        }
        for (String id : ids) {
            for (Path p : List.of(LAYOUT.containers().resolve(id), LAYOUT.runContainers().resolve(id),
                    LAYOUT.runtimeState().resolve(id))) {
                if (Files.exists(p)) {
                    found.add("file " + p);
                }
            }
            ProcessHandle.allProcesses().filter(h -> h.info().commandLine().map(c -> c.contains(id)).orElse(false))
                    .forEach(h -> found.add("process " + h.pid() + " " + h.info().commandLine().orElse("")));
        }
        return found;
    }

    @Override
    public void close() {
        jcompose("down", "-v", "--remove-orphans", "-t", "1");
    }
}
