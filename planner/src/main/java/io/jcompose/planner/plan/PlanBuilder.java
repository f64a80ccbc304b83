package io.jcompose.planner.plan;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Appends nodes to a plan; a node can only depend on nodes already added, which keeps the plan acyclic. */
public final class PlanBuilder {

    private final List<PlanNode> nodes = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    public PlanNode add(ResourceId resource, Operation op, Cause cause, Collection<PlanNode> dependsOn) {
        List<Integer> deps = new ArrayList<>(dependsOn.size());
        for (PlanNode dep : dependsOn) {
            if (dep.id() > nodes.size() || nodes.get(dep.id() - 1) != dep) {
                throw new IllegalArgumentException("#" + dep.id() + " is not a node of this plan");
            }
            deps.add(dep.id());
        }
        PlanNode node = new PlanNode(nodes.size() + 1, resource, op, deps, cause);
        nodes.add(node);
        return node;
    }

    public PlanNode add(ResourceId resource, Operation op, Cause cause, PlanNode... dependsOn) {
        return add(resource, op, cause, List.of(dependsOn));
    }

    public void warn(String warning) {
        warnings.add(warning);
    }

    public int size() {
        return nodes.size();
    }

    public Plan build() {
        return new Plan(nodes, warnings);
    }
}
