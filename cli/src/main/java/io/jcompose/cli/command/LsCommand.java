package io.jcompose.cli.command;

import io.jcompose.cli.UsageException;
import io.jcompose.cli.render.Table;
import io.jcompose.engine.spi.Backend;
import io.jcompose.engine.spi.ProjectSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jcompose ls}: the projects the backend runs (with {@code -a}, stopped ones too). */
@Command(name = "ls", sortOptions = false, description = "List running compose projects")
public final class LsCommand extends EngineCommand {

    @Option(names = {"-a", "--all"}, description = "Show all stopped Compose projects")
    boolean all;

    @Option(names = {"-q", "--quiet"}, description = "Only display project names")
    boolean quiet;

    @Option(names = "--format", paramLabel = "FORMAT", description = "Format the output: table or json")
    String format = "table";

    @Option(names = "--filter", paramLabel = "FILTER", description = "Filter output based on conditions (name=NAME)")
    String filter;

    @Override
    public Integer call() {
        try (Backend backend = openBackend()) {
            List<ProjectSummary> projects = backend.projects(all).stream()
                    .filter(p -> filter == null || matches(p)).toList();
            if (quiet) {
                projects.forEach(p -> console.out().println(p.name()));
            } else if (format.equals("json")) {
                List<String> items = new ArrayList<>();
                for (ProjectSummary p : projects) {
                    items.add("{\"Name\":\"" + p.name() + "\",\"Status\":\"" + status(p) + "\",\"ConfigFiles\":\""
                            + String.join(",", p.configFiles()).replace("\\", "\\\\").replace("\"", "\\\"") + "\"}");
                }
                console.out().println("[" + String.join(",", items) + "]");
            } else if (format.equals("table")) {
                Table table = new Table("NAME", "STATUS", "CONFIG FILES");
                projects.forEach(p -> table.row(p.name(), status(p), String.join(",", p.configFiles())));
                console.out().print(table.render());
            } else {
                throw new UsageException("unsupported format \"" + format + "\" (expected table or json)");
            }
        }
        console.out().flush();
        return 0;
    }

    private boolean matches(ProjectSummary p) {
        if (!filter.startsWith("name=")) {
            throw new UsageException("unsupported filter \"" + filter + "\" (expected name=NAME)");
        }
        return p.name().contains(filter.substring("name=".length()));
    }

    /** {@code running(2)}, or {@code exited(1), running(1)}: states with their counts, in alphabetical order. */
    static String status(ProjectSummary p) {
        Map<String, Integer> counts = new TreeMap<>();
        p.states().forEach(s -> counts.merge(s, 1, Integer::sum));
        List<String> parts = new ArrayList<>();
        counts.forEach((s, n) -> parts.add(s + "(" + n + ")"));
        return String.join(", ", parts);
    }
}
