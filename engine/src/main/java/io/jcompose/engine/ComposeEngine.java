package io.jcompose.engine;

import io.jcompose.engine.event.EngineEvent;
import io.jcompose.engine.event.EngineListener;
import io.jcompose.engine.execute.BackendNodeRunner;
import io.jcompose.engine.execute.ExecutionResult;
import io.jcompose.engine.execute.PlanExecutor;
import io.jcompose.engine.spi.Backend;
import io.jcompose.model.Project;
import io.jcompose.planner.observed.ObservedState;
import io.jcompose.planner.plan.Plan;
import java.util.Optional;
import java.util.function.Function;

/**
 * Observe, reconcile, execute: the one loop behind every command that changes state. The backend is observed once,
 * the planner decides, the executor carries the plan out; the engine itself decides nothing.
 */
public final class ComposeEngine {

    private final Backend backend;
    private final SpecFactory specs;
    private final EngineListener listener;
    private final int parallelism;

    public ComposeEngine(Backend backend, SpecFactory specs, EngineListener listener, int parallelism) {
        this.backend = backend;
        this.specs = specs;
        this.listener = listener;
        this.parallelism = parallelism;
    }

    public Backend backend() {
        return backend;
    }

    public ObservedState observe(String project) {
        return backend.observe(project);
    }

    /**
     * Plans with {@code planner} against a fresh observation and runs the plan (unless {@code dryRun}). The project,
     * when there is one, gives the specs of what the plan creates.
     */
    public Outcome converge(String projectName, Optional<Project> project, Function<ObservedState, Plan> planner,
                            boolean dryRun) {
        Plan plan = planner.apply(backend.observe(projectName));
        plan.warnings().forEach(w -> listener.on(new EngineEvent.Warning(w)));
        if (dryRun) {
            return new Outcome(plan, Optional.empty());
        }
        BackendNodeRunner runner = new BackendNodeRunner(backend,
                op -> specs.container(requireProject(project), op),
                op -> specs.network(requireProject(project), op.network()),
                op -> specs.volume(requireProject(project), op.volume()),
                listener);
        ExecutionResult result = new PlanExecutor(runner, parallelism, listener).execute(plan);
        return new Outcome(plan, Optional.of(result));
    }

    private static Project requireProject(Optional<Project> project) {
        return project.orElseThrow(() -> new IllegalStateException("a plan without a project cannot create objects"));
    }

    /** A plan and, unless it was a dry run, what executing it did. */
    public record Outcome(Plan plan, Optional<ExecutionResult> result) {

        public boolean ok() {
            return result.map(ExecutionResult::ok).orElse(true);
        }
    }
}
