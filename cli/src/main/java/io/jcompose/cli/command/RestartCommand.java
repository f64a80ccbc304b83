package io.jcompose.cli.command;

import io.jcompose.planner.observed.ObservedState;
import io.jcompose.planner.plan.Plan;
import io.jcompose.planner.reconcile.ProjectShape;
import io.jcompose.planner.reconcile.Reconciler;
import io.jcompose.planner.reconcile.RestartOptions;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jcompose restart}: stop then start service containers. */
@Command(name = "restart", description = "Restart service containers")
public final class RestartCommand extends LifecycleCommand {

    @Option(names = {"-t", "--timeout"}, paramLabel = "SECONDS", description = "Specify a shutdown timeout in seconds")
    Integer timeout;

    @Option(names = "--no-deps", description = "Don't restart dependent services")
    boolean noDeps;

    @Override
    String title() {
        return "Restarting";
    }

    @Override
    Plan plan(ProjectShape shape, ObservedState observed) {
        return Reconciler.restart(shape, observed, new RestartOptions(services, noDeps,
                timeout == null ? Optional.empty() : Optional.of(Duration.ofSeconds(timeout))));
    }
}
