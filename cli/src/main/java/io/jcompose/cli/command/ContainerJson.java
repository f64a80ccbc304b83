package io.jcompose.cli.command;

import io.jcompose.engine.spi.ContainerInfo;
import io.jcompose.planner.labels.ComposeLabels;
import java.util.ArrayList;
import java.util.List;

/** A container as {@code ps --format json} prints it, and the COMMAND and PORTS cells of the table. */
final class ContainerJson {

    private ContainerJson() {
    }

    static String of(ContainerInfo r) {
        return "{\"ID\":" + str(r.id()) + ",\"Name\":" + str(r.name()) + ",\"Image\":" + str(r.image())
                + ",\"Command\":" + str(String.join(" ", r.command())) + ",\"Project\":"
                + str(r.labels().getOrDefault(ComposeLabels.PROJECT, "")) + ",\"Service\":"
                + str(r.labels().getOrDefault(ComposeLabels.SERVICE, "")) + ",\"State\":" + str(r.state().text())
                + ",\"Health\":" + str(r.health().name().equals("NONE") ? "" : r.health().name().toLowerCase())
                + ",\"ExitCode\":" + r.exitCode() + ",\"Publishers\":" + publishers(r) + "}";
    }

    private static String publishers(ContainerInfo r) {
        List<String> items = new ArrayList<>();
        for (ContainerInfo.PublishedPort p : r.ports()) {
            items.add("{\"URL\":" + str(p.hostIp()) + ",\"TargetPort\":" + p.containerPort() + ",\"PublishedPort\":"
                    + p.hostPort().orElse(0) + ",\"Protocol\":" + str(p.protocol()) + "}");
        }
        return "[" + String.join(",", items) + "]";
    }

    static String quotedCommand(ContainerInfo r) {
        String command = String.join(" ", r.command());
        if (command.length() > 20) {
            command = command.substring(0, 19) + "…";
        }
        return "\"" + command + "\"";
    }

    static String ports(ContainerInfo r) {
        List<String> out = new ArrayList<>();
        for (ContainerInfo.PublishedPort p : r.ports()) {
            out.add(p.hostPort().map(h -> (p.hostIp().isEmpty() ? "0.0.0.0" : p.hostIp()) + ":" + h + "->")
                    .orElse("") + p.containerPort() + "/" + p.protocol());
        }
        return String.join(", ", out);
    }

    private static String str(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return out.append('"').toString();
    }
}
