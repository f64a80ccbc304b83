package io.jcompose.planner.reconcile;

import io.jcompose.planner.plan.Operation.StartContainer;
import io.jcompose.planner.plan.PlanNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The start part of an {@code up}: in dependency order, start every container that is new, replaced, stopped by
 * the plan or not running, once what it depends on has started (or become healthy, or completed).
 */
final class StartStage {

    private final UpContext ctx;
    private final Gates gates;
    private final Map<String, List<String>> names = new HashMap<>();

    StartStage(UpContext ctx) {
        this.ctx = ctx;
        this.gates = new Gates(ctx.plan, ctx.graph, ctx.selected, this::names);
    }

    Gates gates() {
        return gates;
    }

    private List<String> names(String service) {
        return names.computeIfAbsent(service, s -> ctx.replicas.getOrDefault(s, List.of()).stream()
                .map(Replica::name).toList());
    }

    void run() {
        for (String name : ctx.order) {
            if (!ctx.selected.contains(name)) {
                continue;
            }
            List<Replica> toStart = ctx.replicas.getOrDefault(name, List.of()).stream()
                    .filter(r -> r.startCause().isPresent()).toList();
            if (toStart.isEmpty()) {
                continue;
            }
            List<PlanNode> before = gates.before(name);
            List<PlanNode> starts = new ArrayList<>();
            for (Replica r : toStart) {
                List<PlanNode> deps = new ArrayList<>(r.ready());
                deps.addAll(before);
                starts.add(ctx.plan.add(r.resource(), new StartContainer(r.name()), r.startCause().get(), deps));
            }
            gates.started(name, starts);
        }
    }
}
