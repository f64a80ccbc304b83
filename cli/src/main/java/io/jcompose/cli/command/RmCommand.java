package io.jcompose.cli.command;

import io.jcompose.planner.observed.ObservedState;
import io.jcompose.planner.plan.Plan;
import io.jcompose.planner.reconcile.ProjectShape;
import io.jcompose.planner.reconcile.Reconciler;
import io.jcompose.planner.reconcile.RmOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jcompose rm}: remove stopped service containers (with {@code -s}, stop them first). */
@Command(name = "rm", description = "Removes stopped service containers")
public final class RmCommand extends LifecycleCommand {

    @Option(names = {"-f", "--force"}, description = "Don't ask to confirm removal")
    boolean force;

    @Option(names = {"-s", "--stop"}, description = "Stop the containers, if required, before removing")
    boolean stop;

    @Option(names = {"-v", "--volumes"}, description = "Remove any anonymous volumes attached to containers")
    boolean volumes;

    @Override
    String title() {
        return "Removing";
    }

    @Override
    Plan plan(ProjectShape shape, ObservedState observed) {
        // jcompose never prompts: -f is accepted for compatibility and changes nothing
        return Reconciler.rm(shape, observed, new RmOptions(services, stop, volumes));
    }
}
