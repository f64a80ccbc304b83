package io.jcompose.planner.reconcile;

import io.jcompose.model.DependsOn.Condition;
import io.jcompose.planner.graph.DependencyGraph;
import io.jcompose.planner.graph.Edge;
import io.jcompose.planner.plan.Cause;
import io.jcompose.planner.plan.Operation.WaitForCondition;
import io.jcompose.planner.plan.PlanBuilder;
import io.jcompose.planner.plan.PlanNode;
import io.jcompose.planner.plan.ResourceId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * What a starting container waits for: the start of the services it depends on, or a {@link WaitForCondition} on
 * them when it needs them healthy or completed. One wait per service and condition, shared by every dependent.
 */
final class Gates {

    private final PlanBuilder plan;
    private final DependencyGraph<String> graph;
    private final Set<String> selected;
    private final Function<String, List<String>> containerNames;
    private final Map<String, List<PlanNode>> starts = new HashMap<>();
    private final Map<String, PlanNode> waits = new HashMap<>();

    /**
     * @param containerNames the names the containers of a service will have once the plan has run
     */
    Gates(PlanBuilder plan, DependencyGraph<String> graph, Set<String> selected,
          Function<String, List<String>> containerNames) {
        this.plan = plan;
        this.graph = graph;
        this.selected = selected;
        this.containerNames = containerNames;
    }

    void started(String service, List<PlanNode> nodes) {
        starts.put(service, List.copyOf(nodes));
    }

    List<PlanNode> startsOf(String service) {
        return starts.getOrDefault(service, List.of());
    }

    /** The nodes a container of {@code service} must wait for before it starts (duplicates are harmless). */
    List<PlanNode> before(String service) {
        List<PlanNode> out = new ArrayList<>();
        graph.dependenciesOf(service).forEach((dep, edge) -> {
            // a dependency left out (--no-deps) or scaled to zero is not waited for, as in docker compose
            if (!selected.contains(dep) || containerNames.apply(dep).isEmpty()) {
                return;
            }
            if (edge.condition() == Condition.SERVICE_STARTED) {
                out.addAll(startsOf(dep));
            } else {
                out.add(waitFor(dep, edge));
            }
        });
        return out;
    }

    private PlanNode waitFor(String dep, Edge edge) {
        String key = dep + " " + edge.condition() + " " + edge.required();
        return waits.computeIfAbsent(key, k -> plan.add(ResourceId.service(dep),
                new WaitForCondition(dep, edge.condition(), edge.required(), containerNames.apply(dep)),
                Cause.DEPENDENCY, startsOf(dep)));
    }
}
