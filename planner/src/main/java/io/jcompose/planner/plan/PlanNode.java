package io.jcompose.planner.plan;

import java.util.List;

/** One operation of a plan, the resource it acts on, the nodes that must finish before it, and why it is there. */
public record PlanNode(int id, ResourceId resource, Operation op, List<Integer> dependsOn, Cause cause) {

    public PlanNode {
        dependsOn = dependsOn.stream().distinct().sorted().toList();
        for (int dep : dependsOn) {
            if (dep >= id) {
                throw new IllegalArgumentException("#" + id + " cannot depend on later node #" + dep);
            }
        }
    }
}
