package io.jcompose.engine;

import io.jcompose.engine.spi.ContainerSpec;
import io.jcompose.engine.spi.NetworkOps;
import io.jcompose.engine.spi.VolumeOps;
import io.jcompose.model.Network;
import io.jcompose.model.Project;
import io.jcompose.model.Volume;
import io.jcompose.planner.plan.Operation;

/** Turns the model's objects into the backend-neutral specs of what to create. */
public interface SpecFactory {

    ContainerSpec container(Project project, Operation.CreateContainer op);

    NetworkOps.NetworkSpec network(Project project, Network network);

    VolumeOps.VolumeSpec volume(Project project, Volume volume);
}
