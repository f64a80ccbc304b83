package io.jcompose.cli.render;

import io.jcompose.planner.plan.Cause;
import io.jcompose.planner.plan.Operation;
import io.jcompose.planner.plan.PlanNode;

/** The words docker compose uses for each operation: the object ("Container p-web-1") and doing/done verbs. */
record OperationText(String object, String doing, String done) {

    /** A replacement is created as {@code <old id>_<name>} and renamed at the end: show the name it will have. */
    private static String finalName(String name) {
        return name.matches("[0-9a-f]{12}_.+") ? name.substring(13) : name;
    }

    static OperationText of(PlanNode node) {
        return switch (node.op()) {
            case Operation.CreateNetwork op -> new OperationText("Network " + op.network().name(), "Creating",
                    "Created");
            case Operation.RemoveNetwork op -> new OperationText("Network " + op.name(), "Removing", "Removed");
            case Operation.ConnectNetwork op -> new OperationText("Container " + op.container(), "Connecting",
                    "Connected");
            case Operation.DisconnectNetwork op -> new OperationText("Container " + op.container(), "Disconnecting",
                    "Disconnected");
            case Operation.CreateVolume op -> new OperationText("Volume \"" + op.volume().name() + "\"", "Creating",
                    "Created");
            case Operation.RemoveVolume op -> new OperationText("Volume " + op.name(), "Removing", "Removed");
            case Operation.PullImage op -> new OperationText("Image " + op.image(), "Pulling", "Pulled");
            case Operation.BuildImage op -> new OperationText("Service " + op.service(), "Building", "Built");
            case Operation.RemoveImage op -> new OperationText("Image " + op.image(), "Removing", "Removed");
            case Operation.CreateContainer op -> node.cause() == Cause.MISSING || node.cause() == Cause.ONE_OFF
                    ? new OperationText("Container " + op.name(), "Creating", "Created")
                    : new OperationText("Container " + finalName(op.name()), "Recreate", "Recreated");
            case Operation.StartContainer op -> new OperationText("Container " + op.name(), "Starting", "Started");
            case Operation.StopContainer op -> new OperationText("Container " + op.name(), "Stopping", "Stopped");
            case Operation.KillContainer op -> new OperationText("Container " + op.name(), "Killing", "Killed");
            case Operation.RemoveContainer op -> new OperationText("Container " + op.name(), "Removing", "Removed");
            case Operation.RenameContainer op -> new OperationText("Container " + op.to(), "Recreate", "Recreated");
            case Operation.WaitForCondition op -> new OperationText("Service " + op.service(), "Waiting",
                    switch (op.condition()) {
                        case SERVICE_HEALTHY -> "Healthy";
                        case SERVICE_COMPLETED_SUCCESSFULLY -> "Exited";
                        case SERVICE_STARTED -> "Started";
                    });
        };
    }
}
