package io.jcompose.planner.reconcile;

import io.jcompose.model.Project;
import io.jcompose.planner.observed.ObservedState;
import io.jcompose.planner.plan.Plan;

/**
 * Pure functions from the model, what a backend observed, and a command's options to a plan, following docker
 * compose's reconcile rules. No I/O, no clock, no threads: the same inputs always give the same plan.
 */
public final class Reconciler {

    private Reconciler() {
    }

    /**
     * {@code up}: networks, volumes and images first, then the containers service by service in dependency order
     * (create missing, recreate diverged, scale), then starts gated by depends_on conditions, then orphans.
     */
    public static Plan up(Project project, ObservedState observed, UpOptions options) {
        UpContext ctx = UpContext.forUp(project, observed, options);
        new NetworkStage(ctx).run();
        new VolumeStage(ctx).run();
        new ImageStage(ctx).run();
        new ContainerStage(ctx).run();
        if (!options.noStart()) {
            new StartStage(ctx).run();
        }
        new OrphanStage(ctx).run();
        return ctx.plan.build();
    }

    /** {@code create}: {@code up --no-start}. */
    public static Plan create(Project project, ObservedState observed, UpOptions options) {
        return up(project, observed, options.withNoStart(true));
    }

    /** {@code run}: a one-off container of a service, its dependencies converged and started first. */
    public static Plan run(Project project, ObservedState observed, RunOptions options) {
        return RunPlanner.plan(project, observed, options);
    }

    /** {@code down} with a compose file. */
    public static Plan down(Project project, ObservedState observed, DownOptions options) {
        return DownPlanner.plan(ProjectShape.of(project), observed, options, true);
    }

    /** {@code down -p name} without a compose file: what to remove is rebuilt from labels. */
    public static Plan down(String projectName, ObservedState observed, DownOptions options) {
        return DownPlanner.plan(ProjectShape.fromLabels(projectName, observed), observed, options, false);
    }

    public static Plan stop(ProjectShape project, ObservedState observed, StopOptions options) {
        return LifecyclePlanner.stop(project, observed, options);
    }

    public static Plan start(ProjectShape project, ObservedState observed, StartOptions options) {
        return LifecyclePlanner.start(project, observed, options);
    }

    public static Plan restart(ProjectShape project, ObservedState observed, RestartOptions options) {
        return LifecyclePlanner.restart(project, observed, options);
    }

    public static Plan rm(ProjectShape project, ObservedState observed, RmOptions options) {
        return LifecyclePlanner.rm(project, observed, options);
    }

    public static Plan kill(ProjectShape project, ObservedState observed, KillOptions options) {
        return LifecyclePlanner.kill(project, observed, options);
    }
}
