package io.jcompose.planner.plan;

import io.jcompose.planner.plan.Operation.BuildImage;
import io.jcompose.planner.plan.Operation.ConnectNetwork;
import io.jcompose.planner.plan.Operation.CreateContainer;
import io.jcompose.planner.plan.Operation.CreateNetwork;
import io.jcompose.planner.plan.Operation.CreateVolume;
import io.jcompose.planner.plan.Operation.DisconnectNetwork;
import io.jcompose.planner.plan.Operation.KillContainer;
import io.jcompose.planner.plan.Operation.PullImage;
import io.jcompose.planner.plan.Operation.RemoveContainer;
import io.jcompose.planner.plan.Operation.RemoveImage;
import io.jcompose.planner.plan.Operation.RemoveNetwork;
import io.jcompose.planner.plan.Operation.RemoveVolume;
import io.jcompose.planner.plan.Operation.RenameContainer;
import io.jcompose.planner.plan.Operation.StartContainer;
import io.jcompose.planner.plan.Operation.StopContainer;
import io.jcompose.planner.plan.Operation.WaitForCondition;
import java.util.StringJoiner;

/**
 * The readable form of a plan, one node a line: {@code [2 3] -> #4 container web-1 Create p-web-1 (missing)},
 * then one {@code ! warning} line per warning. Golden tests compare this text.
 */
public final class PlanText {

    private PlanText() {
    }

    public static String render(Plan plan) {
        StringBuilder out = new StringBuilder();
        for (PlanNode node : plan.nodes()) {
            out.append(line(node)).append('\n');
        }
        for (String warning : plan.warnings()) {
            out.append("! ").append(warning).append('\n');
        }
        return out.toString();
    }

    public static String line(PlanNode node) {
        StringJoiner deps = new StringJoiner(" ", "[", "]");
        node.dependsOn().forEach(d -> deps.add(Integer.toString(d)));
        return deps + " -> #" + node.id() + " " + node.resource() + " " + describe(node.op())
                + " (" + node.cause().text() + ")";
    }

    /** The verb of an operation and the detail that tells one instance from another. */
    public static String describe(Operation op) {
        return switch (op) {
            case CreateNetwork c -> "Create " + c.network().name();
            case RemoveNetwork r -> "Remove " + r.name();
            case ConnectNetwork c -> "Connect " + c.container() + " to " + c.network();
            case DisconnectNetwork d -> "Disconnect " + d.container() + " from " + d.network();
            case CreateVolume c -> "Create " + c.volume().name();
            case RemoveVolume r -> "Remove " + r.name();
            case PullImage p -> "Pull " + p.image();
            case BuildImage b -> "Build " + b.image();
            case RemoveImage r -> "Remove " + r.image();
            case CreateContainer c -> "Create " + c.name() + c.replaces().map(id -> " replacing " + id).orElse("")
                    + (c.replaces().isPresent() && !c.inheritAnonymousVolumes() ? " with new anonymous volumes" : "");
            case StartContainer s -> "Start " + s.name();
            case StopContainer s -> "Stop " + s.name() + s.timeout().map(t -> " within " + t.toSeconds() + "s")
                    .orElse("");
            case KillContainer k -> "Kill " + k.name() + " with " + k.signal();
            case RemoveContainer r -> "Remove " + r.name() + (r.removeVolumes() ? " with anonymous volumes" : "");
            case RenameContainer r -> "Rename " + r.from() + " to " + r.to();
            case WaitForCondition w -> "Wait " + w.condition().text() + (w.required() ? "" : " (optional)")
                    + " of " + String.join(" ", w.containers());
        };
    }
}
