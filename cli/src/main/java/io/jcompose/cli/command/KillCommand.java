package io.jcompose.cli.command;

import io.jcompose.planner.observed.ObservedState;
import io.jcompose.planner.plan.Plan;
import io.jcompose.planner.reconcile.KillOptions;
import io.jcompose.planner.reconcile.ProjectShape;
import io.jcompose.planner.reconcile.Reconciler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jcompose kill}: send a signal (SIGKILL by default) to service containers. */
@Command(name = "kill", description = "Force stop service containers")
public final class KillCommand extends LifecycleCommand {

    @Option(names = {"-s", "--signal"}, paramLabel = "SIGNAL", description = "SIGNAL to send to the container")
    String signal = "SIGKILL";

    @Option(names = "--remove-orphans", description = "Remove containers for services not defined in the Compose file")
    boolean removeOrphans;

    @Override
    String title() {
        return "Killing";
    }

    @Override
    Plan plan(ProjectShape shape, ObservedState observed) {
        return Reconciler.kill(shape, observed, new KillOptions(services, signal, removeOrphans));
    }
}
