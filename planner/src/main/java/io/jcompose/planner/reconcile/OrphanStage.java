package io.jcompose.planner.reconcile;

import io.jcompose.planner.observed.ObservedContainer;
import io.jcompose.planner.plan.Cause;
import io.jcompose.planner.plan.Operation.RemoveContainer;
import java.util.List;

/**
 * Orphans of an {@code up} (containers of services the model no longer has, one-offs that exited): removed with
 * {@code --remove-orphans}, otherwise only reported.
 */
final class OrphanStage {

    private final UpContext ctx;

    OrphanStage(UpContext ctx) {
        this.ctx = ctx;
    }

    void run() {
        List<ObservedContainer> orphans = ctx.observed.orphans();
        if (orphans.isEmpty()) {
            return;
        }
        if (!ctx.options.removeOrphans()) {
            ctx.plan.warn("found orphan containers (" + String.join(", ", orphans.stream()
                    .map(ObservedContainer::name).toList()) + ") for this project; if you removed or renamed a"
                    + " service in the compose file, run with --remove-orphans to clean them up");
            return;
        }
        for (ObservedContainer c : orphans) {
            var stop = ctx.stopOnce(c, Cause.ORPHAN, List.of()).stream().toList();
            ctx.plan.add(ProjectObjects.resource(c), new RemoveContainer(c.id(), c.name(), false), Cause.ORPHAN,
                    stop);
        }
    }
}
