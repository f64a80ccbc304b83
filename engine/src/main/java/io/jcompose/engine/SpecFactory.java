package io.jcompose.engine;

import io.jcompose.engine.spec.ServiceContainers;
import io.jcompose.engine.spi.ContainerSpec;
import io.jcompose.engine.spi.NetworkOps;
import io.jcompose.engine.spi.VolumeOps;
import io.jcompose.model.Network;
import io.jcompose.model.Project;
import io.jcompose.model.Volume;
import io.jcompose.planner.plan.Operation;

/** Turns the model's objects into the backend-neutral specs of what to create. */
public interface SpecFactory {

    /** {@code containers} names the containers of the other services, as they will be once the plan has run. */
    ContainerSpec container(Project project, Operation.CreateContainer op, ServiceContainers containers);

    NetworkOps.NetworkSpec network(Project project, Network network);

    VolumeOps.VolumeSpec volume(Project project, Volume volume);
}
