package io.jcompose.cli.command;

import io.jcompose.planner.observed.ObservedState;
import io.jcompose.planner.plan.Plan;
import io.jcompose.planner.reconcile.ProjectShape;
import io.jcompose.planner.reconcile.Reconciler;
import io.jcompose.planner.reconcile.StartOptions;
import picocli.CommandLine.Command;

/** {@code jcompose start}: start existing containers. */
@Command(name = "start", description = "Start services")
public final class StartCommand extends LifecycleCommand {

    @Override
    String title() {
        return "Running";
    }

    @Override
    Plan plan(ProjectShape shape, ObservedState observed) {
        return Reconciler.start(shape, observed, new StartOptions(services));
    }
}
