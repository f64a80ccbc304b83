package io.jcompose.cli.command;

import io.jcompose.planner.observed.ObservedState;
import io.jcompose.planner.plan.Plan;
import io.jcompose.planner.reconcile.ProjectShape;
import io.jcompose.planner.reconcile.Reconciler;
import io.jcompose.planner.reconcile.StopOptions;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jcompose stop}: stop running containers without removing them. */
@Command(name = "stop", description = "Stop services")
public final class StopCommand extends LifecycleCommand {

    @Option(names = {"-t", "--timeout"}, paramLabel = "SECONDS", description = "Specify a shutdown timeout in seconds")
    Integer timeout;

    @Override
    String title() {
        return "Stopping";
    }

    @Override
    Plan plan(ProjectShape shape, ObservedState observed) {
        return Reconciler.stop(shape, observed, new StopOptions(services,
                timeout == null ? Optional.empty() : Optional.of(Duration.ofSeconds(timeout))));
    }
}
