package io.jcompose.engine;

import io.jcompose.engine.event.EngineEvent;
import io.jcompose.engine.event.EngineListener;
import io.jcompose.engine.execute.BackendNodeRunner;
import io.jcompose.engine.execute.ExecutionResult;
import io.jcompose.engine.execute.PlanExecutor;
import io.jcompose.engine.spi.Backend;
import io.jcompose.model.Project;
import io.jcompose.engine.spec.ServiceContainers;
import io.jcompose.planner.observed.ObservedContainer;
import io.jcompose.planner.observed.ObservedState;
import io.jcompose.planner.plan.Operation;
import io.jcompose.planner.plan.PlanNode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
        if (dryRun) {
            Plan plan = planner.apply(backend.observe(projectName));
            plan.warnings().forEach(w -> listener.on(new EngineEvent.Warning(w)));
            return new Outcome(plan, Optional.empty());
        }
        // observed and acted on under the project's lock: two commands never plan from the same snapshot
        try (Backend.ProjectLock ignored = backend.lockProject(projectName)) {
            return execute(projectName, project, planner);
        }
    }

    private Outcome execute(String projectName, Optional<Project> project, Function<ObservedState, Plan> planner) {
        ObservedState observed = backend.observe(projectName);
        Plan plan = planner.apply(observed);
        plan.warnings().forEach(w -> listener.on(new EngineEvent.Warning(w)));
        ServiceContainers containers = project.map(p -> containersAfter(p, observed, plan)).orElse(name -> List.of());
        BackendNodeRunner runner = new BackendNodeRunner(backend,
                op -> specs.container(requireProject(project), op, containers),
                op -> specs.network(requireProject(project), op.network()),
                op -> specs.volume(requireProject(project), op.volume()),
                listener);
        ExecutionResult result = new PlanExecutor(runner, parallelism, listener).execute(plan);
        return new Outcome(plan, Optional.of(result));
    }

    /**
     * The containers other services will have once the plan has run: the model's names that exist now or that the
     * plan creates, so that {@code links}, {@code volumes_from} and {@code service:x} point at real containers even
     * with {@code --no-deps} or a partial scale.
     */
    private static ServiceContainers containersAfter(Project project, ObservedState observed, Plan plan) {
        Set<String> names = new HashSet<>();
        observed.containersOf(project.name()).forEach(c -> names.add(c.name()));
        for (PlanNode node : plan.nodes()) {
            switch (node.op()) {
                case Operation.CreateContainer op -> names.add(op.name());
                case Operation.RenameContainer op -> names.add(op.to());
                default -> { }
            }
        }
        ServiceContainers model = ServiceContainers.fromModel(project);
        return service -> {
            List<String> existing = model.of(service).stream().filter(names::contains).toList();
            if (!existing.isEmpty()) {
                return existing;
            }
            // a container_name or a replica count changed since: whatever the labels say this service has
            return observed.containersOf(project.name()).stream()
                    .filter(c -> !c.oneOff() && c.service().filter(service::equals).isPresent())
                    .map(ObservedContainer::name).sorted().toList();
        };
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
