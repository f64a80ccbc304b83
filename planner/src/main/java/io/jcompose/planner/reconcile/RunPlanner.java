package io.jcompose.planner.reconcile;

import io.jcompose.model.Project;
import io.jcompose.model.Service;
import io.jcompose.planner.PlanException;
import io.jcompose.planner.labels.ComposeNames;
import io.jcompose.planner.observed.ObservedState;
import io.jcompose.planner.plan.Cause;
import io.jcompose.planner.plan.Operation.CreateContainer;
import io.jcompose.planner.plan.Operation.StartContainer;
import io.jcompose.planner.plan.Plan;
import io.jcompose.planner.plan.PlanNode;
import io.jcompose.planner.plan.ResourceId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code run}: the service's dependencies converge and start as in {@code up} (unless no-deps), its networks,
 * volumes and image are ensured, then a one-off container is created and started once the dependencies are ready.
 */
final class RunPlanner {

    private RunPlanner() {
    }

    static Plan plan(Project project, ObservedState state, RunOptions options) {
        Service service = project.service(options.service())
                .orElseThrow(() -> new PlanException("no such service: " + options.service()));
        if (options.id().isBlank()) {
            throw new PlanException("a one-off container needs an id");
        }
        UpOptions up = UpOptions.defaults().withNoDeps(options.noDeps()).withRemoveOrphans(options.removeOrphans());
        up = options.pull().map(up::withPull).orElse(up);
        up = options.build() ? up.withBuild(true) : up;
        UpContext ctx = UpContext.forRun(project, state, up, service.name());
        new NetworkStage(ctx).run();
        new VolumeStage(ctx).run();
        new ImageStage(ctx).run();
        new ContainerStage(ctx).run();
        StartStage start = new StartStage(ctx);
        start.run();

        // run's --name arrives as the one-off's container_name
        String name = service.containerName().orElseGet(() -> ComposeNames.oneOff(project.name(), service.name(),
                options.id()));
        ResourceId resource = ResourceId.container(service.name() + "-run-" + ComposeNames.shortId(options.id()));
        PlanNode create = ctx.plan.add(resource, new CreateContainer(service, name, OptionalInt.empty(),
                Optional.empty(), false, Optional.of(options.id())), Cause.ONE_OFF, ctx.infraDeps(service.name()));
        List<PlanNode> deps = new ArrayList<>(List.of(create));
        deps.addAll(start.gates().before(service.name()));
        ctx.plan.add(resource, new StartContainer(name), Cause.ONE_OFF, deps);
        new OrphanStage(ctx).run();
        return ctx.plan.build();
    }
}
