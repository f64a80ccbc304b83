package io.jcompose.planner.plan;

import java.util.List;

/**
 * A directed acyclic graph of operations, nodes numbered from 1 in an order where every dependency comes first,
 * plus what the user should be told (orphans found, diverged volumes left alone).
 */
public record Plan(List<PlanNode> nodes, List<String> warnings) {

    public Plan {
        nodes = List.copyOf(nodes);
        warnings = List.copyOf(warnings);
        for (int i = 0; i < nodes.size(); i++) {
            if (nodes.get(i).id() != i + 1) {
                throw new IllegalArgumentException("node " + i + " has id #" + nodes.get(i).id());
            }
        }
    }

    public boolean isEmpty() {
        return nodes.isEmpty();
    }

    public PlanNode node(int id) {
        return nodes.get(id - 1);
    }

    @Override
    public String toString() {
        return PlanText.render(this);
    }
}
