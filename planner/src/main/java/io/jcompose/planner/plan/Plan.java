package io.jcompose.planner.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

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

    /**
     * This plan without the nodes {@code drop} matches, renumbered: what depended on a dropped node depends on what
     * that node depended on, so the order of everything else is kept ({@code run} drops its one-off's start to start
     * it itself once attached).
     */
    public Plan without(Predicate<PlanNode> drop) {
        Map<Integer, Set<Integer>> inherited = new HashMap<>();
        Map<Integer, Integer> renumbered = new HashMap<>();
        List<PlanNode> kept = new ArrayList<>();
        for (PlanNode node : nodes) {
            Set<Integer> deps = new LinkedHashSet<>();
            for (int dep : node.dependsOn()) {
                deps.addAll(inherited.getOrDefault(dep, Set.of(dep)));
            }
            if (drop.test(node)) {
                inherited.put(node.id(), deps);
                continue;
            }
            int id = kept.size() + 1;
            renumbered.put(node.id(), id);
            kept.add(new PlanNode(id, node.resource(), node.op(), deps.stream().map(renumbered::get).toList(),
                    node.cause()));
        }
        return new Plan(kept, warnings);
    }

    @Override
    public String toString() {
        return PlanText.render(this);
    }
}
