package io.jcompose.engine;

import io.jcompose.engine.spec.ContainerSpecs;
import io.jcompose.engine.spec.NetworkSpecs;
import io.jcompose.engine.spec.ServiceContainers;
import io.jcompose.engine.spec.VolumeSpecs;
import io.jcompose.engine.spi.ContainerSpec;
import io.jcompose.engine.spi.NetworkOps;
import io.jcompose.engine.spi.VolumeOps;
import io.jcompose.model.Network;
import io.jcompose.model.Project;
import io.jcompose.model.Volume;
import io.jcompose.planner.labels.ComposeLabels;
import io.jcompose.planner.plan.Operation;
import java.util.Map;
import java.util.TreeMap;

/** Specs as docker compose makes them, with {@code version} in the {@code com.docker.compose.version} label. */
final class ModelSpecFactory implements SpecFactory {

    private final String version;

    ModelSpecFactory(String version) {
        this.version = version;
    }

    @Override
    public ContainerSpec container(Project project, Operation.CreateContainer op, ServiceContainers containers) {
        Map<String, String> extra = new TreeMap<>();
        op.replaces().ifPresent(old -> extra.put(ComposeLabels.REPLACE, old));
        // docker compose finds a one-off by its full id, which the container's name only starts with
        op.slug().ifPresent(slug -> extra.put(ComposeLabels.SLUG, slug));
        return new ContainerSpecs(project, version, containers).spec(op.service(), op.name(), op.number(), extra);
    }

    @Override
    public NetworkOps.NetworkSpec network(Project project, Network network) {
        return NetworkSpecs.of(project.name(), network, version);
    }

    @Override
    public VolumeOps.VolumeSpec volume(Project project, Volume volume) {
        return VolumeSpecs.of(project.name(), volume, version);
    }
}
