package io.jcompose.engine.linux.container;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jcompose.engine.copy.TarPacker;
import io.jcompose.engine.copy.TarUnpacker;
import io.jcompose.engine.linux.event.EventLog;
import io.jcompose.engine.linux.image.ImageStore;
import io.jcompose.engine.linux.image.StoredImage;
import io.jcompose.engine.linux.network.BridgeNetworking;
import io.jcompose.engine.linux.network.Endpoint;
import io.jcompose.engine.linux.network.PublishedPort;
import io.jcompose.engine.linux.runtime.OciRuntime;
import io.jcompose.engine.linux.sys.ErrnoException;
import io.jcompose.engine.linux.sys.NativeCalls;
import io.jcompose.engine.linux.sys.ProcessControl;
import io.jcompose.engine.linux.sys.SignalNumbers;
import io.jcompose.engine.linux.volume.VolumeStore;
import io.jcompose.engine.spi.ConflictException;
import io.jcompose.engine.spi.ContainerInfo;
import io.jcompose.engine.spi.ContainerOps;
import io.jcompose.engine.spi.ContainerSpec;
import io.jcompose.engine.spi.EndpointSpec;
import io.jcompose.engine.spi.ExecSpec;
import io.jcompose.engine.spi.NotFoundException;
import io.jcompose.engine.spi.RuntimeFailureException;
import io.jcompose.engine.spi.StdStreams;
import io.jcompose.planner.labels.ComposeLabels;
import io.jcompose.planner.observed.ContainerState;
import io.jcompose.planner.observed.Health;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * Containers of the built-in runtime: records in the store, an overlayfs rootfs mounted while they run, an OCI
 * runtime to run them under a monitor of ours (jcompose-monitor). Every operation re-reads the record and observes
 * the live state first, so any jcompose process (or a supervisor) can act on any container, whoever started it.
 */
public final class LinuxContainers implements ContainerOps {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration KILL_WAIT = Duration.ofSeconds(10);

    private final ContainerStore store;
    private final ImageStore images;
    private final VolumeStore volumes;
    private final OciRuntime runtime;
    private final BundleBuilder bundles;
    private final EventLog events;
    private final Supervision supervision;
    private final BridgeNetworking networking;

    /** Keeps restart policies and health checks going once a container has started: the per-project supervisor. */
    public interface Supervision {
        void watch(ContainerRecord record);

        /** Returns once the embedded DNS of {@code network} answers (or after a while, if it does not). */
        default void awaitNames(String network) {
        }
    }

    public LinuxContainers(ContainerStore store, ImageStore images, VolumeStore volumes, OciRuntime runtime,
                           BundleBuilder bundles, EventLog events, Supervision supervision,
                           BridgeNetworking networking) {
        this.networking = networking;
        this.store = store;
        this.images = images;
        this.volumes = volumes;
        this.runtime = runtime;
        this.bundles = bundles;
        this.events = events;
        this.supervision = supervision;
    }

    public ContainerStore store() {
        return store;
    }

    // ---- lifecycle -----------------------------------------------------------------------------------------------

    @Override
    public String create(ContainerSpec spec) {
        StoredImage image = images.find(spec.image()).orElseThrow(() -> new NotFoundException("No such image: "
                + spec.image()));
        spec.networkMode().ifPresent(LinuxContainers::checkNetworkMode);
        if (usesBridges(spec)) {
            networking.check(spec);
            if (!spec.ports().isEmpty()) {
                // the service's own containers are being replaced (a recreate) or scaled: not a clash here
                String project = spec.labels().get(ComposeLabels.PROJECT);
                String service = spec.labels().get(ComposeLabels.SERVICE);
                java.util.Set<String> replaced = store.list().stream().filter(r -> project != null
                        && project.equals(r.spec().labels().get(ComposeLabels.PROJECT))
                        && java.util.Objects.equals(service, r.spec().labels().get(ComposeLabels.SERVICE)))
                        .map(ContainerRecord::id).collect(java.util.stream.Collectors.toSet());
                try {
                    networking.checkPorts(replaced, spec);
                } catch (ConflictException e) {
                    throw new ConflictException("container " + spec.name() + ": " + e.getMessage());
                }
            }
        }
        if (!spec.ports().isEmpty() && spec.networkMode().filter(m -> !m.equals("host")).isPresent()) {
            throw new RuntimeFailureException("container " + spec.name() + ": ports cannot be published with"
                    + " network_mode: " + spec.networkMode().get() + " (the container has no network of its own)");
        }
        String id = newId();
        List<ContainerRecord.ResolvedMount> mounts = new ArrayList<>();
        List<String> anonymous = new ArrayList<>();
        try {
            for (ContainerSpec.MountSpec m : spec.mounts()) {
                mounts.add(resolve(spec.name(), m, anonymous));
            }
            mounts.addAll(volumesFrom(spec, mounts));
            for (String path : image.config().volumes()) {
                // the image's VOLUMEs that no mount covers get an anonymous volume each, as Docker gives them
                if (mounts.stream().noneMatch(m -> samePath(m.spec().target(), path))) {
                    ContainerSpec.MountSpec m = new ContainerSpec.MountSpec("volume", Optional.empty(), path, false,
                            Optional.empty(), false, Optional.empty(), Optional.empty(), false, Map.of());
                    mounts.add(resolve(spec.name(), m, anonymous));
                }
            }
            ContainerRecord record = new ContainerRecord(id, spec.name(), spec, image.id(), Instant.now(),
                    Optional.empty(), Optional.empty(), Optional.empty(), mounts, anonymous, false, false, 0, List.of(),
                    List.of());
            store.create(record);
            events.append("create", id, attributes(record));
            return id;
        } catch (RuntimeException e) {
            anonymous.forEach(volumes::delete);
            throw e;
        }
    }

    @Override
    public void start(String nameOrId) {
        ContainerRecord record = store.get(nameOrId);
        if (ContainerStatus.of(record, store).running()) {
            return;
        }
        launch(record, true);
    }

    /** Starts the container: mounts, config, the runtime's run under a monitor. The supervisor uses it too. */
    public void launch(ContainerRecord record, boolean byUser) {
        Path marker = store.runDir(record.id()).resolve("starting");
        try {
            Files.createDirectories(marker.getParent());
            Files.writeString(marker, Long.toString(ProcessHandle.current().pid()));
        } catch (IOException e) {
            throw new RuntimeFailureException("cannot start container " + record.name() + ": " + e.getMessage());
        }
        try {
            launchMarked(record, byUser);
        } finally {
            try {
                Files.deleteIfExists(marker);
            } catch (IOException ignored) {
                // a stale marker stops counting after a minute
            }
        }
    }

    private void launchMarked(ContainerRecord record, boolean byUser) {
        String id = record.id();
        StoredImage image = images.find(record.imageId()).orElseThrow(() -> new NotFoundException("the image of"
                + " container " + record.name() + " (" + record.imageId() + ") is no longer in the store"));
        release(record);
        Path runDir = store.runDir(id);
        try {
            Path bundle = prepare(record, image);
            ContainerRecord started = store.update(id, r -> r.startedNow(byUser));
            Files.createDirectories(store.exitDir(id));
            ContainerMonitor.start(runtime, store.layout().runRoot(), id, bundle, new ContainerMonitor.RunFiles(
                    runDir, store.logFile(id), store.exitFile(id)), record.spec().tty()
                    ? Optional.of(socketDir().resolve(id.substring(0, 12)).resolve("console")) : Optional.empty());
            events.append("start", id, attributes(started));
            supervision.watch(started);
        } catch (IOException e) {
            release(record);
            throw new RuntimeFailureException("cannot start container " + record.name() + ": " + e.getMessage());
        } catch (RuntimeException e) {
            release(record);
            throw e;
        }
    }

    /**
     * Everything a start needs before the process: the rootfs mounted, new volumes filled, the networks joined, the
     * etc files and the runtime config written. Returns the bundle directory.
     */
    private Path prepare(ContainerRecord record, StoredImage image) throws IOException {
        String id = record.id();
        Path runDir = Files.createDirectories(store.runDir(id));
        Path rootfs = runDir.resolve("rootfs");
        Files.deleteIfExists(store.exitFile(id));
        Files.deleteIfExists(runDir.resolve("restarting"));
        Files.deleteIfExists(HealthState.file(runDir));
        OverlayRootfs.mount(images, image.diffIds(), store.dir(id), rootfs);
        fillNewVolumes(record, rootfs);
        BundleBuilder.Joins joins = joins(record);
        BundleBuilder.NetworkFiles files = BundleBuilder.NetworkFiles.NONE;
        ContainerRecord current = record;
        if (usesBridges(record.spec())) {
            BridgeNetworking.Attached attached = networking.attach(id, record.spec());
            joins = new BundleBuilder.Joins(Optional.of(attached.netns().toString()), joins.ipc(), joins.pid());
            files = new BundleBuilder.NetworkFiles(attached.endpoints().stream().findFirst().map(Endpoint::ipv4),
                    attached.nameserver(), linkHosts(record, attached.endpoints()));
            current = store.update(id, r -> r.withNetworking(attached.endpoints(), attached.published()));
            record.spec().networks().keySet().stream().findFirst().ifPresent(supervision::awaitNames);
        }
        Path bundle = Files.createDirectories(runDir.resolve("bundle"));
        var config = bundles.containerConfig(current, image.config(), rootfs, store.dir(id), joins, files,
                cgroupsPath(id));
        Files.write(bundle.resolve("config.json"), JSON.writeValueAsBytes(config));
        return bundle;
    }

    /** Its own network namespace with bridges, rather than the host's, none, or another container's. */
    static boolean usesBridges(ContainerSpec spec) {
        return spec.networkMode().isEmpty() && !spec.networks().isEmpty();
    }

    /**
     * {@code links} as hosts entries ({@code address alias}): the linked container's address on a network both
     * share. Static, as Docker's links are: a link names one container, not a service.
     */
    private List<String> linkHosts(ContainerRecord record, List<Endpoint> own) {
        List<String> entries = new ArrayList<>();
        for (String link : record.spec().links()) {
            int colon = link.indexOf(':');
            String target = colon < 0 ? link : link.substring(0, colon);
            String alias = colon < 0 ? link : link.substring(colon + 1);
            store.find(target).ifPresent(other -> other.endpoints().stream()
                    .filter(e -> own.stream().anyMatch(o -> o.network().equals(e.network())))
                    .findFirst().ifPresent(e -> entries.add(e.ipv4() + "\t" + alias)));
        }
        return entries;
    }

    @Override
    public void stop(String nameOrId, Duration timeout) {
        ContainerRecord record = store.get(nameOrId);
        record = store.update(record.id(), r -> r.withStoppedByUser(true));
        ContainerStatus status = ContainerStatus.of(record, store);
        if (status.running()) {
            if (record.paused()) {
                runtime.call("resume", record.id());
            }
            signal(record, stopSignal(record));
            if (!awaitExit(record, timeout)) {
                signal(record, "KILL");
                awaitExit(record, KILL_WAIT);
            }
            events.append("kill", record.id(), attributes(record));
        }
        finish(record, true);
        events.append("stop", record.id(), attributes(record));
    }

    @Override
    public void kill(String nameOrId, String signal) {
        ContainerRecord record = store.get(nameOrId);
        if (!ContainerStatus.of(record, store).running()) {
            throw new ConflictException("Cannot kill container: " + nameOrId + ": Container " + record.id()
                    + " is not running");
        }
        record = store.update(record.id(), r -> r.withStoppedByUser(true));
        Optional<String> failure = signal(record, signal);
        if (failure.isPresent() && ContainerStatus.of(record, store).running()) {
            throw new RuntimeFailureException("cannot kill container " + record.name() + ": " + failure.get());
        }
        events.append("kill", record.id(), attributes(record));
        if (awaitExit(record, Duration.ofMillis(500))) {
            finish(record, true);
        }
    }

    @Override
    public void remove(String nameOrId, boolean force, boolean removeVolumes) {
        Optional<ContainerRecord> found = store.find(nameOrId);
        if (found.isEmpty()) {
            return;
        }
        ContainerRecord record = store.update(found.get().id(), r -> r.withStoppedByUser(true));
        if (ContainerStatus.of(record, store).running()) {
            if (!force) {
                throw new ConflictException("cannot remove container \"/" + record.name() + "\": container is"
                        + " running: stop the container before removing or force remove");
            }
            if (record.paused()) {
                runtime.call("resume", record.id());
            }
            signal(record, "KILL");
            awaitExit(record, KILL_WAIT);
        }
        release(record);
        store.delete(record.id());
        removeCgroups(record.id());
        if (usesBridges(record.spec())) {
            networking.forget(record.id());
        }
        if (removeVolumes) {
            List<String> inUse = store.list().stream().flatMap(r -> r.volumes().stream()).toList();
            record.anonymousVolumes().stream().filter(v -> !inUse.contains(v)).forEach(volumes::delete);
        }
        events.append("destroy", record.id(), attributes(record));
    }

    @Override
    public void rename(String nameOrId, String newName) {
        ContainerRecord record = store.get(nameOrId);
        store.rename(record.id(), newName);
        events.append("rename", record.id(), attributes(store.get(record.id())));
    }

    @Override
    public void pause(String nameOrId) {
        ContainerRecord record = requireRunning(nameOrId);
        runtime.check("pause container " + record.name(), "pause", record.id());
        store.update(record.id(), r -> r.withPaused(true));
        events.append("pause", record.id(), attributes(record));
    }

    @Override
    public void unpause(String nameOrId) {
        ContainerRecord record = store.get(nameOrId);
        runtime.check("unpause container " + record.name(), "resume", record.id());
        store.update(record.id(), r -> r.withPaused(false));
        events.append("unpause", record.id(), attributes(record));
    }

    @Override
    public Optional<ContainerInfo> inspect(String nameOrId) {
        return store.find(nameOrId).map(this::info);
    }

    /** Everything about a container, as {@code inspect} and {@code ps} show it. */
    public ContainerInfo info(ContainerRecord record) {
        ContainerStatus status = ContainerStatus.of(record, store);
        List<String> command = new ArrayList<>();
        images.find(record.imageId()).ifPresent(image -> {
            command.addAll(record.spec().entrypoint().orElse(image.config().entrypoint().orElse(List.of())));
            command.addAll(record.spec().command().orElse(record.spec().entrypoint().isPresent() ? List.of()
                    : image.config().cmd().orElse(List.of())));
        });
        List<ContainerInfo.PublishedPort> ports = new ArrayList<>();
        if (status.running() && !record.published().isEmpty()) {
            for (PublishedPort p : record.published()) {
                ports.add(new ContainerInfo.PublishedPort(p.containerPort(), p.protocol(), p.hostIp(),
                        Optional.of(p.hostPort())));
            }
        } else {
            for (ContainerSpec.PortSpec p : record.spec().ports()) {
                ports.add(new ContainerInfo.PublishedPort(p.containerPort(), p.protocol(), "", Optional.empty()));
            }
        }
        return new ContainerInfo(record.id(), record.name(), record.spec().image(), status.state(),
                status.running() ? HealthState.read(store.runDir(record.id()), record) : Health.NONE,
                status.exitCode(), Optional.of(record.created()), record.started(),
                status.finishedAt().or(record::finished), record.spec().labels(), ports, command);
    }

    @Override
    public int waitForExit(String nameOrId) {
        ContainerRecord record = store.get(nameOrId);
        long pause = 2;
        try (ExitWatch watch = ExitWatch.on(store.exitDir(record.id()))) {
            while (true) {
                Optional<ContainerRecord> current = store.find(record.id());
                if (current.isEmpty()) {
                    throw new NotFoundException("No such container: " + nameOrId);
                }
                ContainerStatus status = ContainerStatus.of(current.get(), store);
                if (status.state() == ContainerState.EXITED || status.state() == ContainerState.DEAD) {
                    return status.exitCode();
                }
                // the exit file wakes us at once; the pauses are for what it does not show (see ExitWatch)
                watch.await(pause);
                pause = Math.min(50, pause * 2);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RuntimeFailureException("interrupted while waiting for " + nameOrId);
        }
    }

    @Override
    public void logs(String nameOrId, LogOptions options, LogSink sink) {
        ContainerRecord record = store.get(nameOrId);
        ContainerLogs.read(store.logFile(record.id()), options, sink, () -> store.find(record.id())
                .map(r -> ContainerStatus.of(r, store).state().isUp()).orElse(false));
    }

    // ---- exec, attach -------------------------------------------------------------------------------------------

    @Override
    public int exec(String nameOrId, ExecSpec spec, StdStreams streams) {
        ContainerRecord record = requireRunning(nameOrId);
        StoredImage image = images.find(record.imageId()).orElseThrow(() -> new NotFoundException("No such image: "
                + record.imageId()));
        Path runDir = store.runDir(record.id());
        Path processFile = runDir.resolve("exec-" + newId().substring(0, 16) + ".json");
        try {
            Files.write(processFile, JSON.writeValueAsBytes(bundles.execProcess(record, image.config(),
                    runDir.resolve("rootfs"), spec)));
            List<String> command = new ArrayList<>(runtime.command(false, "exec", "--process",
                    processFile.toString()));
            if (spec.detach()) {
                command.add("--detach");
                command.add("--pid-file");
                command.add(runDir.resolve("exec.pid").toString());
            }
            command.add(record.id());
            events.append("exec_start: " + String.join(" ", spec.command()), record.id(), attributes(record));
            if (spec.detach()) {
                Process p = new ProcessBuilder(command).redirectInput(devNull()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(ProcessBuilder.Redirect.PIPE).start();
                String err = new String(p.getErrorStream().readAllBytes());
                int code = p.waitFor();
                if (code != 0) {
                    throw new RuntimeFailureException("exec in " + record.name() + ": " + lastLine(err));
                }
                return 0;
            }
            return spec.tty() ? Foreground.runOnTerminal(Foreground.of(command))
                    : Foreground.run(Foreground.of(command), streams, null, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RuntimeFailureException("interrupted");
        } finally {
            try {
                Files.deleteIfExists(processFile);
            } catch (IOException ignored) {
                // the run dir goes with the container
            }
        }
    }

    @Override
    public int attach(String nameOrId, StdStreams streams) {
        ContainerRecord record = store.get(nameOrId);
        long from = logSize(record.id());
        return followUntilExit(record, from, streams);
    }

    @Override
    public int startAttached(String nameOrId, StdStreams streams) {
        ContainerRecord record = store.get(nameOrId);
        if (streams.in().isPresent() && record.spec().stdinOpen()) {
            return runInForeground(record, streams);
        }
        long from = logSize(record.id());
        launch(record, true);
        return followUntilExit(store.get(record.id()), from, streams);
    }

    /**
     * With input to give, the runtime runs the container as our child with pipes (the monitor takes no input); the
     * output still goes to the log file, so {@code logs} has it.
     */
    private int runInForeground(ContainerRecord record, StdStreams streams) {
        // marked as starting, as launch() does: until the runtime has written its pid file a supervisor must not
        // take the container for one that died and release its namespace and rootfs under it
        Path marker = store.runDir(record.id()).resolve("starting");
        try {
            Files.createDirectories(marker.getParent());
            Files.writeString(marker, Long.toString(ProcessHandle.current().pid()));
            return runInForegroundMarked(record, streams);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            try {
                Files.deleteIfExists(marker);
            } catch (IOException ignored) {
                // a stale marker stops counting after a minute
            }
        }
    }

    private int runInForegroundMarked(ContainerRecord record, StdStreams streams) {
        String id = record.id();
        StoredImage image = images.find(record.imageId()).orElseThrow(() -> new NotFoundException("No such image: "
                + record.imageId()));
        release(record);
        Path runDir = store.runDir(id);
        try {
            Path bundle = prepare(record, image);
            ContainerRecord started = store.update(id, r -> r.startedNow(true));
            events.append("start", id, attributes(started));
            Foreground.Starter starter = builder -> runtime.startCreating(builder, creator -> runtime.command(creator,
                    "run", "--bundle", bundle.toString(), "--pid-file", runDir.resolve("pidfile").toString(), id));
            int code = record.spec().tty() ? Foreground.runOnTerminal(starter)
                    : Foreground.run(starter, streams, store.logFile(id), null);
            Files.writeString(store.exitFile(id), Integer.toString(code));
            events.append("die", id, Map.of("exitCode", Integer.toString(code)));
            finish(store.get(id), false);
            return code;
        } catch (IOException e) {
            release(record);
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            runtime.call("kill", id, "KILL");
            release(record);
            throw new RuntimeFailureException("interrupted");
        }
    }

    private int followUntilExit(ContainerRecord record, long from, StdStreams streams) {
        ContainerOps.LogOptions follow = new ContainerOps.LogOptions(true, false, Optional.empty(), Optional.empty(),
                Optional.empty());
        ContainerLogs.read(store.logFile(record.id()), from, follow, (text, stderr) -> {
            OutputStream out = stderr ? streams.err() : streams.out();
            try {
                out.write((text + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, () -> status(record).state() != ContainerState.EXITED);
        if (Thread.currentThread().isInterrupted()) {
            throw new RuntimeFailureException("interrupted");
        }
        ContainerStatus status = status(record);
        finish(store.get(record.id()), false);
        return status.exitCode();
    }

    private ContainerStatus status(ContainerRecord record) {
        return store.find(record.id()).map(r -> ContainerStatus.of(r, store))
                .orElseThrow(() -> new NotFoundException("No such container: " + record.name()));
    }

    // ---- files ---------------------------------------------------------------------------------------------------

    @Override
    public Optional<PathStat> stat(String nameOrId, String path) {
        ContainerRecord record = store.get(nameOrId);
        return withFiles(record, path, p -> {
            if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.<PathStat>empty();
            }
            boolean link = Files.isSymbolicLink(p);
            int mode = (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            String name = p.getFileName() == null ? "/" : p.getFileName().toString();
            return Optional.of(new PathStat(name, Files.size(p), mode & 07777,
                    Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS),
                    link ? Optional.of(Files.readSymbolicLink(p).toString()) : Optional.empty()));
        });
    }

    @Override
    public InputStream copyFrom(String nameOrId, String path) {
        ContainerRecord record = store.get(nameOrId);
        try {
            PipedInputStream in = new PipedInputStream(1 << 16);
            PipedOutputStream out = new PipedOutputStream(in);
            Thread.ofVirtual().start(() -> {
                try (out) {
                    withFiles(record, path, p -> {
                        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                            throw new NotFoundException("Could not find the file " + path + " in container "
                                    + record.name());
                        }
                        // as Docker's archive API: "dir/." names its entries "./…", so that the copy lands the
                        // directory's content and not the directory itself
                        boolean contentOnly = path.equals(".") || path.endsWith("/.");
                        String root = contentOnly || p.getFileName() == null ? "." : p.getFileName().toString();
                        TarPacker.write(p, root, out);
                        return null;
                    });
                } catch (IOException | RuntimeException ignored) {
                    // the reader sees a truncated tar
                }
            });
            if (stat(nameOrId, path).isEmpty()) {
                in.close();
                throw new NotFoundException("Could not find the file " + path + " in container " + record.name());
            }
            return in;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void copyTo(String nameOrId, String directory, InputStream tar, boolean keepOwners) {
        ContainerRecord record = store.get(nameOrId);
        withFiles(record, directory, p -> {
            if (!Files.isDirectory(p)) {
                throw new NotFoundException("Could not find the file " + directory + " in container "
                        + record.name());
            }
            TarUnpacker.extract(tar, p, name -> name);
            return null;
        });
    }

    @Override
    public void connect(String nameOrId, String network, EndpointSpec endpoint) {
        ContainerRecord record = store.get(nameOrId);
        if (record.spec().networkMode().isPresent()) {
            throw new ConflictException("container " + record.name() + " uses network_mode "
                    + record.spec().networkMode().get() + ": it cannot join network " + network);
        }
        if (record.spec().networks().containsKey(network)) {
            return;
        }
        Map<String, EndpointSpec> networks = new LinkedHashMap<>(record.spec().networks());
        networks.put(network, endpoint);
        ContainerRecord updated = store.update(record.id(), r -> r.withSpec(r.spec().withNetworks(networks)));
        if (ContainerStatus.of(updated, store).running()) {
            Endpoint joined = networking.connect(record.id(), networking.namespace(record.id()), network, endpoint,
                    "eth" + updated.endpoints().size());
            List<Endpoint> all = new ArrayList<>(updated.endpoints());
            all.add(joined);
            store.update(record.id(), r -> r.withNetworking(all, r.published()));
        }
        events.append("connect", record.id(), attributes(updated));
    }

    @Override
    public void disconnect(String nameOrId, String network) {
        ContainerRecord record = store.get(nameOrId);
        if (!record.spec().networks().containsKey(network)) {
            return;
        }
        Map<String, EndpointSpec> networks = new LinkedHashMap<>(record.spec().networks());
        networks.remove(network);
        ContainerRecord updated = store.update(record.id(), r -> r.withSpec(r.spec().withNetworks(networks)));
        if (ContainerStatus.of(updated, store).running()) {
            networking.disconnect(record.id(), networking.namespace(record.id()), network);
            store.update(record.id(), r -> r.withNetworking(r.endpoints().stream()
                    .filter(e -> !e.network().equals(network)).toList(), r.published()));
        }
        events.append("disconnect", record.id(), attributes(updated));
    }

    @Override
    public List<List<String>> top(String nameOrId) {
        ContainerRecord record = requireRunning(nameOrId);
        List<String> pids = cgroupProcs(record.id());
        List<List<String>> rows = new ArrayList<>();
        if (pids.isEmpty()) {
            return List.of(List.of("UID", "PID", "PPID", "C", "STIME", "TTY", "TIME", "CMD"));
        }
        try {
            Process p = new ProcessBuilder("ps", "-f", "-p", String.join(",", pids)).redirectErrorStream(true)
                    .start();
            List<String> lines = new String(p.getInputStream().readAllBytes()).lines().toList();
            p.waitFor();
            for (String line : lines) {
                String[] cols = line.strip().split("\\s+", 8);
                rows.add(List.of(cols));
            }
            return rows;
        } catch (IOException e) {
            throw new RuntimeFailureException("cannot list processes: " + e.getMessage()
                    + " (install procps: apt-get install -y procps)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RuntimeFailureException("interrupted");
        }
    }

    // ---- internals -----------------------------------------------------------------------------------------------

    /** After the process ended: the runtime forgets it, the rootfs is unmounted, the exit code recorded. */
    public void finish(ContainerRecord record, boolean byUser) {
        if (byUser) {
            try {
                Files.deleteIfExists(store.runDir(record.id()).resolve("restarting"));
            } catch (IOException ignored) {
                // no run dir: nothing was restarting
            }
        }
        ContainerStatus status = ContainerStatus.of(record, store);
        if (status.running()) {
            return;
        }
        release(record);
        if (record.started().isPresent() && store.find(record.id()).isPresent()) {
            try {
                store.update(record.id(), r -> r.exited(status.exitCode(), status.finishedAt()
                        .orElse(Instant.now()), byUser));
            } catch (NotFoundException removedMeanwhile) {
                // another process removed the container while we released it: nothing left to record
            }
        }
    }

    /** Frees what a run holds: the runtime's state, the rootfs mount, the cgroup. Harmless when nothing is held. */
    private void release(ContainerRecord record) {
        if (runtime.hasState(record.id())) {
            runtime.call("delete", "--force", record.id());
        }
        if (usesBridges(record.spec())) {
            networking.detachAll(record.id());
        }
        OverlayRootfs.unmount(store.runDir(record.id()).resolve("rootfs"));
        removeCgroups(record.id());
        try {
            ImageStore.deleteTree(socketDir().resolve(record.id().substring(0, 12)));
        } catch (IOException ignored) {
            // a stale socket directory goes at reboot
        }
    }

    private boolean awaitExit(ContainerRecord record, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (ExitWatch watch = ExitWatch.on(store.exitDir(record.id()))) {
            while (ContainerStatus.of(record, store).running()) {
                if (System.nanoTime() > deadline) {
                    return false;
                }
                watch.await(10);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !ContainerStatus.of(record, store).running();
        }
    }

    /**
     * Sends {@code signal} to the container's main process, as the runtime's {@code kill} does: from this JVM through
     * a pidfd where it can, once the process is seen in the container's cgroup (a pid reused by another program is
     * not), which spares a runtime process of 10-20 ms per signal; else through the runtime. Returns why it failed.
     */
    private Optional<String> signal(ContainerRecord record, String signal) {
        Optional<Long> pid = ContainerStatus.of(record, store).pid();
        OptionalInt number = SignalNumbers.of(signal);
        if (pid.isPresent() && number.isPresent() && NativeCalls.preferred()) {
            try {
                if (ProcessControl.signalIf(pid.get(), number.getAsInt(), p -> inCgroup(p, record.id()))) {
                    return Optional.empty();
                }
            } catch (ErrnoException | RuntimeException | LinkageError e) {
                // the runtime's kill below tries again and says why it cannot
            }
        }
        String name = signal.startsWith("SIG") ? signal.substring(3) : signal;
        OciRuntime.Result r = runtime.call("kill", record.id(), name);
        return r.exitCode() == 0 ? Optional.empty() : Optional.of(r.error());
    }

    /** Whether process {@code pid} is in the cgroup of container {@code id} (in any hierarchy). */
    private static boolean inCgroup(long pid, String id) {
        try {
            String suffix = ":" + cgroupsPath(id);
            return Files.readAllLines(Path.of("/proc", Long.toString(pid), "cgroup")).stream()
                    .anyMatch(line -> line.endsWith(suffix));
        } catch (IOException gone) {
            return false;
        }
    }

    private ContainerRecord requireRunning(String nameOrId) {
        ContainerRecord record = store.get(nameOrId);
        if (!ContainerStatus.of(record, store).running()) {
            throw new ConflictException("Container " + record.id() + " is not running");
        }
        return record;
    }

    private String stopSignal(ContainerRecord record) {
        String signal = record.spec().stopSignal().or(() -> images.find(record.imageId())
                .flatMap(i -> i.config().stopSignal())).orElse("TERM");
        return signal.startsWith("SIG") ? signal.substring(3) : signal;
    }

    private BundleBuilder.Joins joins(ContainerRecord record) {
        Optional<String> network = record.spec().networkMode().map(mode -> switch (mode) {
            case "host" -> "host";
            case "none" -> "";
            default -> "/proc/" + pidOf(mode.substring("container:".length()), "network_mode") + "/ns/net";
        }).filter(s -> !s.isEmpty());
        Optional<String> ipc = record.spec().ipc().flatMap(mode -> namespace(mode, "ipc"));
        Optional<String> pid = record.spec().pid().flatMap(mode -> namespace(mode, "pid"));
        return new BundleBuilder.Joins(network, ipc, pid);
    }

    private Optional<String> namespace(String mode, String kind) {
        if (mode.equals("host")) {
            return Optional.of("host");
        }
        if (mode.startsWith("container:")) {
            return Optional.of("/proc/" + pidOf(mode.substring("container:".length()), kind) + "/ns/" + kind);
        }
        return Optional.empty();
    }

    private long pidOf(String container, String key) {
        ContainerRecord other = store.find(container).orElseThrow(() -> new NotFoundException(key + ": no such"
                + " container: " + container));
        return ContainerStatus.of(other, store).pid().orElseThrow(() -> new ConflictException(key + ": cannot join"
                + " the namespace of container " + other.name() + ": it is not running"));
    }

    private static void checkNetworkMode(String mode) {
        if (!mode.equals("host") && !mode.equals("none") && !mode.startsWith("container:")) {
            throw new RuntimeFailureException("network_mode \"" + mode + "\" is not available on the built-in"
                    + " runtime yet (host, none, service:NAME and container:NAME are)");
        }
    }

    private ContainerRecord.ResolvedMount resolve(String container, ContainerSpec.MountSpec m,
                                                  List<String> anonymous) {
        return switch (m.type()) {
            case "volume" -> {
                String name;
                if (m.source().isEmpty() || m.source().get().isBlank()) {
                    name = volumes.createAnonymous();
                    anonymous.add(name);
                } else {
                    name = m.source().get();
                    if (volumes.inspect(name).isEmpty()) {
                        volumes.create(new io.jcompose.engine.spi.VolumeOps.VolumeSpec(name, Optional.empty(),
                                Map.of(), m.volumeLabels()));
                    }
                }
                // a subpath is appended by the config builder, which also checks it stays inside the volume
                Path source = volumes.dataDir(name);
                yield new ContainerRecord.ResolvedMount(m, Optional.of(name), Optional.of(source.toString()));
            }
            case "bind" -> {
                Path source = Path.of(m.source().orElseThrow(() -> new RuntimeFailureException("container "
                        + container + ": a bind mount of " + m.target() + " has no source")));
                if (!Files.exists(source)) {
                    if (!m.createHostPath()) {
                        throw new RuntimeFailureException("container " + container + ": bind source path does not"
                                + " exist: " + source);
                    }
                    try {
                        Files.createDirectories(source);
                    } catch (IOException e) {
                        throw new RuntimeFailureException("container " + container + ": cannot create bind source "
                                + source + ": " + e.getMessage());
                    }
                }
                yield new ContainerRecord.ResolvedMount(m, Optional.empty(), Optional.of(source.toString()));
            }
            case "tmpfs" -> new ContainerRecord.ResolvedMount(m, Optional.empty(), Optional.empty());
            default -> throw new RuntimeFailureException("container " + container + ": mounts of type \"" + m.type()
                    + "\" are not available on the built-in runtime");
        };
    }

    /**
     * {@code volumes_from}: the other container's volumes and bind mounts at the same paths (read-only with
     * {@code :ro}), except paths this container mounts itself.
     */
    private List<ContainerRecord.ResolvedMount> volumesFrom(ContainerSpec spec,
                                                            List<ContainerRecord.ResolvedMount> own) {
        List<ContainerRecord.ResolvedMount> out = new ArrayList<>();
        for (String entry : spec.volumesFrom()) {
            int colon = entry.lastIndexOf(':');
            boolean mode = colon > 0 && (entry.endsWith(":ro") || entry.endsWith(":rw"));
            String source = mode ? entry.substring(0, colon) : entry;
            boolean readOnly = entry.endsWith(":ro");
            ContainerRecord other = store.find(source).orElseThrow(() -> new NotFoundException("container "
                    + spec.name() + ": volumes_from: no such container: " + source));
            for (ContainerRecord.ResolvedMount m : other.mounts()) {
                if (m.spec().type().equals("tmpfs") || own.stream().anyMatch(o -> samePath(o.spec().target(),
                        m.spec().target())) || out.stream().anyMatch(o -> samePath(o.spec().target(),
                        m.spec().target()))) {
                    continue;
                }
                ContainerSpec.MountSpec s = m.spec();
                ContainerSpec.MountSpec copy = new ContainerSpec.MountSpec(s.type(), m.volume().or(s::source),
                        s.target(), s.readOnly() || readOnly, s.propagation(), true, s.subpath(), s.tmpfsSize(),
                        false, s.volumeLabels());
                out.add(new ContainerRecord.ResolvedMount(copy, m.volume(), m.hostPath()));
            }
        }
        return out;
    }

    private void fillNewVolumes(ContainerRecord record, Path rootfs) throws IOException {
        Path root = rootfs.toRealPath();
        for (ContainerRecord.ResolvedMount m : record.mounts()) {
            if (m.volume().isEmpty() || m.spec().noCopy() || m.spec().subpath().isPresent()) {
                continue;
            }
            Path inImage = root.resolve(m.spec().target().replaceFirst("^/+", "")).normalize();
            // an image whose path goes through a link out of the rootfs must not make us copy host files
            if (Files.isDirectory(inImage) && inImage.toRealPath().startsWith(root)) {
                volumes.populate(m.volume().get(), inImage.toRealPath());
            }
        }
    }

    /**
     * Runs {@code action} on the host path that holds {@code containerPath}: inside a volume or bind mount when one
     * covers it, else in the rootfs, mounted for the time of the action when the container is not running.
     */
    private <T> T withFiles(ContainerRecord record, String containerPath, FileAction<T> action) {
        String normalized = Path.of("/").resolve(containerPath).normalize().toString();
        ContainerRecord.ResolvedMount best = null;
        for (ContainerRecord.ResolvedMount m : record.mounts()) {
            if (m.hostPath().isPresent() && (normalized.equals(m.spec().target())
                    || normalized.startsWith(m.spec().target().endsWith("/") ? m.spec().target()
                    : m.spec().target() + "/"))
                    && (best == null || m.spec().target().length() > best.spec().target().length())) {
                best = m;
            }
        }
        try {
            if (best != null) {
                String rest = normalized.substring(best.spec().target().length()).replaceFirst("^/+", "");
                Path base = Path.of(best.hostPath().get());
                if (best.spec().subpath().isPresent()) {
                    base = base.resolve(best.spec().subpath().get());
                }
                return action.apply(base.resolve(rest));
            }
            Path rootfs = store.runDir(record.id()).resolve("rootfs");
            boolean mountedHere = false;
            if (!OverlayRootfs.isMounted(rootfs)) {
                StoredImage image = images.find(record.imageId()).orElseThrow(() -> new NotFoundException(
                        "No such image: " + record.imageId()));
                OverlayRootfs.mount(images, image.diffIds(), store.dir(record.id()), rootfs);
                mountedHere = true;
            }
            try {
                return action.apply(rootfs.resolve(normalized.substring(1)));
            } finally {
                if (mountedHere) {
                    OverlayRootfs.unmount(rootfs);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FunctionalInterface
    private interface FileAction<T> {
        T apply(Path hostPath) throws IOException;
    }

    private List<String> cgroupProcs(String id) {
        for (String base : List.of("/sys/fs/cgroup/pids", "/sys/fs/cgroup/memory", "/sys/fs/cgroup")) {
            Path procs = Path.of(base + cgroupsPath(id), "cgroup.procs");
            if (Files.isRegularFile(procs)) {
                try {
                    return Files.readAllLines(procs).stream().filter(s -> !s.isBlank()).toList();
                } catch (IOException ignored) {
                    // try the next hierarchy
                }
            }
        }
        return ContainerStatus.of(store.get(id), store).pid().map(p -> List.of(Long.toString(p))).orElse(List.of());
    }

    /** Under one parent of our own in every hierarchy, which is removed with the last container. */
    static String cgroupsPath(String id) {
        return "/jcompose/" + id;
    }

    private static void removeCgroups(String id) {
        Path root = Path.of("/sys/fs/cgroup");
        try (var hierarchies = Files.list(root)) {
            for (Path h : hierarchies.toList()) {
                for (Path dir : List.of(h.resolve("jcompose").resolve(id), h.resolve("jcompose"))) {
                    try {
                        Files.deleteIfExists(dir);
                    } catch (IOException notEmptyOrBusy) {
                        // other containers' cgroups are still in the parent, or a process is still exiting
                    }
                }
            }
            for (Path dir : List.of(root.resolve("jcompose").resolve(id), root.resolve("jcompose"))) {
                try {
                    Files.deleteIfExists(dir);
                } catch (IOException ignored) {
                    // as above, on a pure cgroup v2 host
                }
            }
        } catch (IOException ignored) {
            // no cgroup tree visible: nothing to clean
        }
    }

    private long logSize(String id) {
        try {
            return Files.exists(store.logFile(id)) ? Files.size(store.logFile(id)) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private Path socketDir() {
        return store.layout().runRoot().resolve("s");
    }

    static Map<String, String> attributes(ContainerRecord record) {
        Map<String, String> attrs = new LinkedHashMap<>(record.spec().labels());
        attrs.put("name", record.name());
        attrs.put("image", record.spec().image());
        return attrs;
    }

    private static boolean samePath(String a, String b) {
        return Path.of("/").resolve(a).normalize().equals(Path.of("/").resolve(b).normalize());
    }

    private static String newId() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static ProcessBuilder.Redirect devNull() {
        return ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile());
    }

    private static String lastLine(String text) {
        return text.strip().lines().reduce((a, b) -> b).orElse("");
    }

    static String labelOrEmpty(ContainerRecord r, String key) {
        return r.spec().labels().getOrDefault(key, "");
    }

    static boolean isProject(ContainerRecord r, String project) {
        return project.equals(r.spec().labels().get(ComposeLabels.PROJECT));
    }
}
