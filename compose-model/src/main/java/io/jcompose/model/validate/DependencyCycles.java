package io.jcompose.model.validate;

import io.jcompose.model.source.CycleException;
import io.jcompose.model.source.KeyPath;
import io.jcompose.model.source.Problem;
import io.jcompose.model.yaml.YamlMap;
import io.jcompose.model.yaml.YamlNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Rejects services that depend on each other in a circle, naming the whole circle: {@code a -> b -> a}. */
public final class DependencyCycles {

    private enum Mark { VISITING, DONE }

    private DependencyCycles() {
    }

    public static void check(YamlMap file) {
        if (!(file.get("services").orElse(null) instanceof YamlMap services)) {
            return;
        }
        Map<String, Mark> marks = new HashMap<>();
        for (String name : services.entries().keySet()) {
            visit(name, services, marks, new ArrayList<>());
        }
    }

    private static void visit(String name, YamlMap services, Map<String, Mark> marks, List<String> stack) {
        Mark mark = marks.get(name);
        if (mark == Mark.DONE) {
            return;
        }
        if (mark == Mark.VISITING) {
            List<String> cycle = new ArrayList<>(stack.subList(stack.indexOf(name), stack.size()));
            cycle.add(name);
            YamlNode at = services.entries().get(cycle.getFirst());
            throw new CycleException(Problem.at(at.location(), KeyPath.of("services", cycle.getFirst(), "depends_on"),
                    "dependency cycle detected: " + String.join(" -> ", cycle)));
        }
        if (!(services.entries().get(name) instanceof YamlMap service)) {
            return;
        }
        marks.put(name, Mark.VISITING);
        stack.add(name);
        if (service.get("depends_on").orElse(null) instanceof YamlMap deps) {
            for (String dep : deps.entries().keySet()) {
                if (services.has(dep)) {
                    visit(dep, services, marks, stack);
                }
            }
        }
        stack.removeLast();
        marks.put(name, Mark.DONE);
    }
}
