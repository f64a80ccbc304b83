package io.jcompose.engine.linux.container;

import io.jcompose.engine.linux.network.Endpoint;
import io.jcompose.engine.linux.network.PublishedPort;
import io.jcompose.engine.spi.ContainerSpec;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the built-in runtime remembers of a container between commands: the spec it was created from and what has
 * happened to it. Whether it runs now is not stored but observed ({@link ContainerStatus}), since the container
 * outlives every jcompose process.
 *
 * @param imageId          the image it was created from (its config digest), kept when the tag moves on
 * @param mounts           its mounts with their host sources resolved at creation (volumes named, anonymous ones made)
 * @param anonymousVolumes the anonymous ones, removed with it by {@code rm -v} / {@code down -v}
 * @param stoppedByUser    stopped by a command: restart policies other than {@code always} leave it stopped
 * @param restartCount     restarts done by the supervisor since the last start by a command
 * @param endpoints        its addresses on the networks it joined at its last start (kept: addresses are stable)
 * @param published        its ports as published at its last start (host ports chosen then included)
 */
public record ContainerRecord(String id, String name, ContainerSpec spec, String imageId, Instant created,
                              Optional<Instant> started, Optional<Instant> finished, Optional<Integer> exitCode,
                              List<ResolvedMount> mounts, List<String> anonymousVolumes, boolean stoppedByUser,
                              boolean paused, int restartCount, List<Endpoint> endpoints,
                              List<PublishedPort> published) {

    public ContainerRecord {
        mounts = List.copyOf(mounts);
        anonymousVolumes = List.copyOf(anonymousVolumes);
        // records written before networks existed have neither
        endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
        published = published == null ? List.of() : List.copyOf(published);
    }

    public ContainerRecord withNetworking(List<Endpoint> nowEndpoints, List<PublishedPort> nowPublished) {
        return new ContainerRecord(id, name, spec, imageId, created, started, finished, exitCode, mounts,
                anonymousVolumes, stoppedByUser, paused, restartCount, nowEndpoints, nowPublished);
    }

    public ContainerRecord withSpec(ContainerSpec newSpec) {
        return new ContainerRecord(id, name, newSpec, imageId, created, started, finished, exitCode, mounts,
                anonymousVolumes, stoppedByUser, paused, restartCount, endpoints, published);
    }

    public ContainerRecord withName(String newName) {
        return new ContainerRecord(id, newName, spec, imageId, created, started, finished, exitCode, mounts,
                anonymousVolumes, stoppedByUser, paused, restartCount, endpoints, published);
    }

    /** Started now (by a command when {@code byUser}, else by the supervisor's restart policy). */
    public ContainerRecord startedNow(boolean byUser) {
        return new ContainerRecord(id, name, spec, imageId, created, Optional.of(Instant.now()), Optional.empty(),
                Optional.empty(), mounts, anonymousVolumes, false, false, byUser ? 0 : restartCount + 1, endpoints,
                published);
    }

    /** Exited with {@code code} at {@code when}. */
    public ContainerRecord exited(int code, Instant when, boolean byUser) {
        return new ContainerRecord(id, name, spec, imageId, created, started, Optional.of(when), Optional.of(code),
                mounts, anonymousVolumes, stoppedByUser || byUser, false, restartCount, endpoints, published);
    }

    public ContainerRecord withPaused(boolean nowPaused) {
        return new ContainerRecord(id, name, spec, imageId, created, started, finished, exitCode, mounts,
                anonymousVolumes, stoppedByUser, nowPaused, restartCount, endpoints, published);
    }

    public ContainerRecord withStoppedByUser(boolean byUser) {
        return new ContainerRecord(id, name, spec, imageId, created, started, finished, exitCode, mounts,
                anonymousVolumes, byUser, paused, restartCount, endpoints, published);
    }

    /** A mount of the container: what the spec asked, the volume it uses if any, and its source on the host. */
    public record ResolvedMount(ContainerSpec.MountSpec spec, Optional<String> volume, Optional<String> hostPath) {
    }

    /** The names of the volumes it mounts. */
    public List<String> volumes() {
        return mounts.stream().flatMap(m -> m.volume().stream()).distinct().toList();
    }

    public Optional<String> label(String key) {
        return Optional.ofNullable(spec.labels().get(key));
    }
}
