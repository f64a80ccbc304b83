package io.jcompose.engine.linux;

import io.jcompose.engine.linux.container.ContainerRecord;
import io.jcompose.engine.linux.container.ContainerStatus;
import io.jcompose.engine.linux.container.ContainerStore;
import io.jcompose.engine.linux.container.HealthState;
import io.jcompose.engine.linux.container.LinuxContainers;
import io.jcompose.engine.linux.event.EventLog;
import io.jcompose.engine.linux.image.ImageName;
import io.jcompose.engine.linux.image.ImageStore;
import io.jcompose.engine.linux.image.LinuxImages;
import io.jcompose.engine.linux.network.LinuxNetworks;
import io.jcompose.engine.linux.store.StoreLayout;
import io.jcompose.engine.linux.volume.LinuxVolumes;
import io.jcompose.engine.linux.volume.VolumeStore;
import io.jcompose.engine.spi.Backend;
import io.jcompose.engine.spi.ContainerEvent;
import io.jcompose.engine.spi.ContainerOps;
import io.jcompose.engine.spi.ImageOps;
import io.jcompose.engine.spi.NetworkOps;
import io.jcompose.engine.spi.ProjectSummary;
import io.jcompose.engine.spi.VolumeOps;
import io.jcompose.planner.labels.ComposeLabels;
import io.jcompose.planner.observed.Health;
import io.jcompose.planner.observed.ObservedContainer;
import io.jcompose.planner.observed.ObservedImage;
import io.jcompose.planner.observed.ObservedNetwork;
import io.jcompose.planner.observed.ObservedState;
import io.jcompose.planner.observed.ObservedVolume;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The {@code linux} backend: containers without a daemon, on this machine's kernel, with an OCI runtime (runc or
 * crun), overlayfs, and a store under {@code JCOMPOSE_ROOT}. Everything it knows is on disk, so every
 * jcompose process sees the same containers, whichever started them.
 */
public final class LinuxBackend implements Backend {

    private static final java.util.Map<String, java.util.concurrent.locks.ReentrantLock> PROJECT_LOCKS =
            new java.util.concurrent.ConcurrentHashMap<>();

    private final StoreLayout layout;
    private final ContainerStore store;
    private final LinuxContainers containers;
    private final LinuxNetworks networks;
    private final LinuxVolumes volumes;
    private final LinuxImages images;
    private final EventLog events;
    private final LinuxContainers.Supervision supervision;

    LinuxBackend(StoreLayout layout, LinuxContainers containers, LinuxNetworks networks, LinuxVolumes volumes,
                 LinuxImages images, EventLog events, LinuxContainers.Supervision supervision) {
        this.supervision = supervision;
        this.layout = layout;
        this.store = containers.store();
        this.containers = containers;
        this.networks = networks;
        this.volumes = volumes;
        this.images = images;
        this.events = events;
    }

    public StoreLayout layout() {
        return layout;
    }

    @Override
    public String name() {
        return "linux";
    }

    @Override
    public ObservedState observe(String project) {
        List<ObservedContainer> observed = store.list().stream()
                .filter(r -> project.equals(r.spec().labels().get(ComposeLabels.PROJECT)))
                .map(this::observed).toList();
        List<ObservedNetwork> nets = networks.list().stream()
                .map(n -> new ObservedNetwork(n.id(), n.name(), n.labels())).toList();
        List<ObservedVolume> vols = volumes.store().list().stream()
                .map(v -> new ObservedVolume(v.name(), v.driver(), v.labels())).toList();
        List<ObservedImage> imgs = images.store().list().stream()
                .map(i -> new ObservedImage(i.id(), i.repoTags().stream().map(t -> ImageName.parse(t).familiar())
                        .toList(), i.config().labels())).toList();
        return new ObservedState(observed, nets, vols, imgs);
    }

    /** The supervisor that watches {@code r}'s project, started again if it died while r runs. */
    private void reattach(ContainerRecord r, ContainerStatus status) {
        if (status.running()) {
            supervision.watch(r);
        }
    }

    private ObservedContainer observed(ContainerRecord r) {
        ContainerStatus status = ContainerStatus.of(r, store);
        reattach(r, status);
        Health health = status.running() ? HealthState.read(store.runDir(r.id()), r) : Health.NONE;
        Map<String, String> joined = new TreeMap<>();
        if (r.spec().networkMode().isEmpty()) {
            r.spec().networks().keySet().forEach(n -> joined.put(n, networks.inspect(n).map(i -> i.id()).orElse("")));
        }
        return new ObservedContainer(r.id(), r.name(), r.spec().labels(), status.state(), status.exitCode(), health,
                r.imageId(), r.spec().image(), joined, r.volumes());
    }

    @Override
    public List<ProjectSummary> projects(boolean all) {
        Map<String, List<ContainerRecord>> byProject = store.list().stream()
                .filter(r -> r.spec().labels().containsKey(ComposeLabels.PROJECT))
                .collect(Collectors.groupingBy(r -> r.spec().labels().get(ComposeLabels.PROJECT), TreeMap::new,
                        Collectors.toList()));
        return byProject.entrySet().stream().map(e -> {
            List<String> states = e.getValue().stream().map(r -> ContainerStatus.of(r, store).state().text())
                    .sorted().toList();
            List<String> files = e.getValue().stream().map(r -> r.spec().labels().get(ComposeLabels.CONFIG_FILES))
                    .filter(Objects::nonNull).flatMap(f -> Arrays.stream(f.split(","))).distinct().sorted().toList();
            return new ProjectSummary(e.getKey(), states, files);
        }).filter(p -> all || p.states().stream().anyMatch(s -> s.equals("running") || s.equals("restarting")
                || s.equals("paused"))).toList();
    }

    @Override
    public void events(String project, Optional<Instant> since, Optional<Instant> until,
                       Consumer<ContainerEvent> sink) {
        events.read(since, until, e -> project.equals(e.attributes().get(ComposeLabels.PROJECT)), sink);
    }

    /**
     * A lock file per project ({@code locks/project-<name>.lock}): a second command on the same project waits for the
     * first. The kernel drops the lock when its process dies, so a killed command never leaves the project locked.
     */
    @Override
    public ProjectLock lockProject(String project) {
        // file locks belong to the process: threads of this one take turns on an in-process lock first, and a
        // thread that holds the project already (a command that converges twice) goes on
        java.util.concurrent.locks.ReentrantLock local = PROJECT_LOCKS.computeIfAbsent(project,
                p -> new java.util.concurrent.locks.ReentrantLock());
        if (local.isHeldByCurrentThread()) {
            return () -> { };
        }
        local.lock();
        try {
            java.nio.file.Files.createDirectories(layout.locks());
            java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(layout.locks()
                    .resolve("project-" + project.replaceAll("[^a-zA-Z0-9_.-]", "_") + ".lock"),
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
            java.nio.channels.FileLock lock = channel.lock();
            return () -> {
                try (channel) {
                    lock.release();
                } catch (java.io.IOException ignored) {
                    // closing the channel releases it anyway
                } finally {
                    local.unlock();
                }
            };
        } catch (java.io.IOException | RuntimeException e) {
            local.unlock();
            throw new io.jcompose.engine.spi.RuntimeFailureException("cannot lock project " + project + ": "
                    + e.getMessage());
        }
    }

    @Override
    public ContainerOps containers() {
        return containers;
    }

    /** The same containers, with the operations only the built-in runtime has (launch, finish, records). */
    public LinuxContainers linuxContainers() {
        return containers;
    }

    public LinuxNetworks linuxNetworks() {
        return networks;
    }

    @Override
    public NetworkOps networks() {
        return networks;
    }

    @Override
    public VolumeOps volumes() {
        return volumes;
    }

    @Override
    public ImageOps images() {
        return images;
    }

    public EventLog events() {
        return events;
    }

    public ImageStore imageStore() {
        return images.store();
    }

    public VolumeStore volumeStore() {
        return volumes.store();
    }

    @Override
    public void close() {
        // nothing is held open between calls: every operation reads and writes the store itself
    }
}
