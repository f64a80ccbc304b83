package io.jcompose.engine.linux;

import io.jcompose.engine.linux.build.BuildExecutor;
import io.jcompose.engine.linux.container.BundleBuilder;
import io.jcompose.engine.linux.container.ContainerRecord;
import io.jcompose.engine.linux.container.ContainerStore;
import io.jcompose.engine.linux.container.LinuxContainers;
import io.jcompose.engine.linux.event.EventLog;
import io.jcompose.engine.linux.image.ImageStore;
import io.jcompose.engine.linux.image.LinuxImages;
import io.jcompose.engine.linux.network.BridgeNetworking;
import io.jcompose.engine.linux.network.LinuxNetworks;
import io.jcompose.engine.linux.network.NetworkPlumbing;
import io.jcompose.engine.linux.runtime.OciRuntime;
import io.jcompose.engine.linux.runtime.RuntimeProbe;
import io.jcompose.engine.linux.store.StoreLayout;
import io.jcompose.engine.linux.supervise.SupervisorLauncher;
import io.jcompose.engine.linux.volume.LinuxVolumes;
import io.jcompose.engine.linux.volume.VolumeStore;
import io.jcompose.engine.spi.BackendUnavailableException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether this machine can run the built-in runtime, and opening it: Linux, root, overlayfs and an OCI
 * runtime that really runs a container. Each missing piece is named with the command that installs it.
 */
public final class LinuxHost {

    private LinuxHost() {
    }

    /** Why the built-in runtime cannot run here, empty when it can (the runtime itself is probed by {@link #open}). */
    public static Optional<String> unavailable(Map<String, String> env) {
        List<String> missing = new ArrayList<>();
        if (!System.getProperty("os.name", "").equals("Linux")) {
            return Optional.of("the built-in runtime needs Linux (this is " + System.getProperty("os.name") + ")");
        }
        if (new com.sun.security.auth.module.UnixSystem().getUid() != 0) {
            return Optional.of("the built-in runtime needs root (run jcompose with sudo), or use a Docker daemon");
        }
        if (!overlayfs()) {
            missing.add("overlayfs (load it with: modprobe overlay)");
        }
        if (RuntimeProbe.find("runc", env).isEmpty() && RuntimeProbe.find("crun", env).isEmpty()
                && env.getOrDefault("JCOMPOSE_RUNTIME", "").isBlank()) {
            missing.add("an OCI runtime (install one with: apt-get install -y runc)");
        }
        return missing.isEmpty() ? Optional.empty()
                : Optional.of("the built-in runtime is missing " + String.join(", ", missing));
    }

    /** Opens the built-in runtime with the store that {@code env} names ({@code JCOMPOSE_ROOT}, …). */
    public static LinuxBackend open(Map<String, String> env) {
        Optional<String> problem = unavailable(env);
        if (problem.isPresent()) {
            throw new BackendUnavailableException(problem.get());
        }
        StoreLayout layout = StoreLayout.fromEnvironment(env);
        try {
            Files.createDirectories(layout.root());
            Files.createDirectories(layout.runRoot());
        } catch (IOException e) {
            throw new BackendUnavailableException("cannot create the store " + layout.root() + ": " + e.getMessage());
        }
        OciRuntime runtime = RuntimeProbe.choose(layout, env);
        return open(layout, runtime, Parts.bundles(layout, runtime), Parts.puller(layout, env),
                Parts.pusher(layout, env), true);
    }

    /** The backend over {@code layout} with the real OCI configs and the given registry parts. */
    public static LinuxBackend open(StoreLayout layout, OciRuntime runtime, LinuxImages.Puller puller,
                                    LinuxImages.Pusher pusher) {
        return open(layout, runtime, Parts.bundles(layout, runtime), puller, pusher, true);
    }

    /** The same without supervisors when {@code supervise} is false: tests that drive a supervisor themselves. */
    public static LinuxBackend open(StoreLayout layout, OciRuntime runtime, LinuxImages.Puller puller,
                                    LinuxImages.Pusher pusher, boolean supervise) {
        return open(layout, runtime, Parts.bundles(layout, runtime), puller, pusher, supervise);
    }

    /** Wires the backend from its parts (tests give their own). */
    static LinuxBackend open(StoreLayout layout, OciRuntime runtime, BundleBuilder bundles,
                             LinuxImages.Puller puller, LinuxImages.Pusher pusher, boolean supervise) {
        ImageStore images = new ImageStore(layout);
        ContainerStore store = new ContainerStore(layout);
        VolumeStore volumeStore = new VolumeStore(layout);
        EventLog events = new EventLog(layout.eventLog());
        SupervisorLauncher launcher = new SupervisorLauncher(layout, images);
        LinuxContainers.Supervision supervisors = supervise ? launcher : record -> { };
        NetworkPlumbing plumbing = new NetworkPlumbing(layout);
        LinuxNetworks networks = new LinuxNetworks(layout, plumbing, name -> store.list().stream()
                .filter(r -> r.spec().networkMode().isEmpty() && r.spec().networks().containsKey(name))
                .map(ContainerRecord::name).toList(), owner -> {
                    if (supervise) {
                        launcher.ensure(owner);
                    }
                });
        LinuxContainers containers = new LinuxContainers(store, images, volumeStore, runtime, bundles, events,
                supervisors, new BridgeNetworking(plumbing, networks));
        LinuxVolumes volumes = new LinuxVolumes(volumeStore, store);
        BuildExecutor builder = new BuildExecutor(images, containers, puller);
        LinuxImages imageOps = new LinuxImages(images, puller, pusher, builder::build, id -> store.list().stream()
                .filter(r -> r.imageId().equals(id)).map(ContainerRecord::id).toList());
        return new LinuxBackend(layout, containers, networks, volumes, imageOps, events, supervisors);
    }

    private static boolean overlayfs() {
        try {
            return Files.readString(Path.of("/proc/filesystems")).contains("\toverlay");
        } catch (IOException e) {
            return false;
        }
    }
}
