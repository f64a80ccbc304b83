package io.jcompose.engine.linux.supervise;

import io.jcompose.engine.linux.container.ContainerRecord;
import io.jcompose.engine.linux.container.ContainerStatus;
import io.jcompose.engine.linux.container.LinuxContainers;
import io.jcompose.engine.linux.image.ImageStore;
import io.jcompose.engine.linux.store.StoreLayout;
import io.jcompose.planner.labels.ComposeLabels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Makes sure a project whose containers need watching (a restart policy, a health check) has its supervisor: a
 * small JVM of its own, in a session of its own (so Ctrl-C in the terminal that ran {@code up} does not reach it),
 * that outlives the command. Starting one when one runs is harmless: the second finds the lock taken and leaves.
 */
public final class SupervisorLauncher implements LinuxContainers.Supervision {

    /** The supervisor name for containers that belong to no compose project. */
    public static final String NO_PROJECT = "_";

    /** The label of a container to remove when it exits ({@code container run -d --rm}). */
    public static final String AUTO_REMOVE = "io.jcompose.autoremove";

    static boolean autoRemoved(ContainerRecord record) {
        return "true".equals(record.spec().labels().get(AUTO_REMOVE));
    }

    private final StoreLayout layout;
    private final ImageStore images;

    public SupervisorLauncher(StoreLayout layout, ImageStore images) {
        this.layout = layout;
        this.images = images;
    }

    @Override
    public void watch(ContainerRecord record) {
        if (record.spec().networkMode().isEmpty()) {
            // the names of a network are served by the supervisor of the project that owns it
            for (String network : record.spec().networks().keySet()) {
                ensure(networkOwner(network));
            }
        }
        boolean health = images.find(record.imageId())
                .flatMap(i -> HealthProbe.of(record.spec().healthcheck(), i.config())).isPresent();
        if (!health && !RestartPolicy.supervised(record.spec().restart()) && !autoRemoved(record)) {
            return;
        }
        String project = record.spec().labels().getOrDefault(ComposeLabels.PROJECT, NO_PROJECT);
        ensure(project);
    }

    /**
     * Waits (10 s at most) until the names of {@code network} are served, so that a container's first lookups do
     * not fail while its project's supervisor is still starting.
     */
    @Override
    public void awaitNames(String network) {
        ensure(networkOwner(network));
        Path ready = DnsHosting.readyFile(layout.supervisors().resolve("dns"), network);
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            Optional<Long> pid = readPid(ready);
            if (pid.isPresent() && alive(pid.get())) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private String networkOwner(String network) {
        return new io.jcompose.engine.linux.network.LinuxNetworks(layout, null, n -> List.of(), o -> { })
                .inspect(network).map(i -> io.jcompose.engine.linux.network.LinuxNetworks.owner(i.labels()))
                .orElse(NO_PROJECT);
    }

    /** Starts the project's supervisor unless it runs. */
    public void ensure(String project) {
        if (running(project)) {
            return;
        }
        try {
            Files.createDirectories(layout.supervisors());
            Path log = layout.supervisors().resolve(fileName(project) + ".log");
            List<String> command = new ArrayList<>(List.of("setsid", javaBinary(),
                    "--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx64m",
                    "-Xss512k", "-cp", System.getProperty("java.class.path"), SupervisorMain.class.getName(),
                    project, layout.root().toString(), layout.runRoot().toString()));
            new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            throw new io.jcompose.engine.spi.RuntimeFailureException("cannot start the supervisor of project "
                    + project + ": " + e.getMessage());
        }
    }

    /** Whether the project's supervisor process is alive, from its pid file. */
    public boolean running(String project) {
        Optional<Long> pid = readPid(pidFile(layout, project));
        return pid.isPresent() && alive(pid.get());
    }

    static Path pidFile(StoreLayout layout, String project) {
        return layout.supervisors().resolve(fileName(project) + ".pid");
    }

    static Path lockFile(StoreLayout layout, String project) {
        return layout.supervisors().resolve(fileName(project) + ".lock");
    }

    /** Project names are safe as file names (lowercase letters, digits, dashes, underscores), and so is ours. */
    private static String fileName(String project) {
        return project.replaceAll("[^a-zA-Z0-9_.-]", "_");
    }

    private static Optional<Long> readPid(Path file) {
        try {
            return Files.isRegularFile(file) ? Optional.of(Long.parseLong(Files.readString(file).strip()))
                    : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * A supervisor that was killed may linger as a zombie until PID 1 reaps it, which on some hosts takes a while:
     * that is a dead supervisor, as is a pid reused by another program.
     */
    private static boolean alive(long pid) {
        return ContainerStatus.alive(pid) && ProcessHandle.of(pid).flatMap(h -> h.info().commandLine())
                .map(c -> c.contains(SupervisorMain.class.getName())).orElse(false);
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin",
                "java").toString());
    }

    static boolean anyRunning(List<ContainerRecord> records, io.jcompose.engine.linux.container.ContainerStore s) {
        return records.stream().anyMatch(r -> ContainerStatus.of(r, s).running());
    }
}
