package io.jcompose.cli.command;

import io.jcompose.cli.render.ProgressView;
import io.jcompose.engine.ComposeEngine;
import io.jcompose.engine.spi.Backend;
import io.jcompose.model.Project;
import io.jcompose.planner.observed.ObservedState;
import io.jcompose.planner.plan.Plan;
import io.jcompose.planner.reconcile.ProjectShape;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Parameters;

/** The commands that act on existing containers through a plan: start, stop, restart, rm, kill. */
abstract class LifecycleCommand extends EngineCommand {

    @Parameters(paramLabel = "SERVICE", arity = "0..*", description = "Only these services")
    List<String> services = new ArrayList<>();

    /** The progress header, as docker compose words it. */
    abstract String title();

    abstract Plan plan(ProjectShape shape, ObservedState observed);

    @Override
    public Integer call() {
        Optional<Project> project = projectIfAny(services);
        String name = projectName(project);
        try (Backend backend = openBackend(); ProgressView view = progress(title())) {
            ComposeEngine engine = engine(backend, view);
            return report(interruptible(() -> engine.converge(name, project, observed -> plan(project.map(ProjectShape::of)
                    .orElseGet(() -> ProjectShape.fromLabels(name, observed)), observed), global().dryRun)));
        }
    }
}
