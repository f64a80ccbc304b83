package io.jcompose.cli.command;

import io.jcompose.cli.UsageException;
import io.jcompose.cli.render.Table;
import io.jcompose.engine.spi.Backend;
import io.jcompose.engine.spi.ContainerInfo;
import io.jcompose.model.Project;
import io.jcompose.planner.observed.ObservedContainer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jcompose ps}: the project's containers as a table, as JSON, or only their ids. */
@Command(name = "ps", sortOptions = false, description = "List containers")
public final class PsCommand extends EngineCommand {

    @Parameters(paramLabel = "SERVICE", arity = "0..*", description = "Only these services")
    List<String> services = new ArrayList<>();

    @Option(names = {"-a", "--all"}, description = "Show all stopped containers (including those created by run)")
    boolean all;

    @Option(names = {"-q", "--quiet"}, description = "Only display IDs")
    boolean quiet;

    @Option(names = "--services", description = "Display services")
    boolean listServices;

    @Option(names = "--status", paramLabel = "STATUS", description = "Filter services by status: created, restarting,"
            + " running, removing, paused, exited, dead")
    List<String> status = new ArrayList<>();

    @Option(names = "--filter", paramLabel = "FILTER", description = "Filter services by a property (status=running)")
    String filter;

    @Option(names = "--format", paramLabel = "FORMAT", description = "Format the output: table or json")
    String format = "table";

    @Override
    public Integer call() {
        Optional<Project> project = projectIfAny(services);
        String name = projectName(project);
        Set<String> statuses = new LinkedHashSet<>(status);
        if (filter != null) {
            if (!filter.startsWith("status=")) {
                throw new UsageException("unsupported filter \"" + filter + "\" (expected status=STATUS)");
            }
            statuses.add(filter.substring("status=".length()));
        }
        try (Backend backend = openBackend()) {
            List<ContainerInfo> rows = new ArrayList<>();
            for (ObservedContainer c : ServiceContainers.of(backend, name, services, all)) {
                if (!all && !c.isUp() && statuses.isEmpty()) {
                    continue;
                }
                if (!statuses.isEmpty() && !statuses.contains(c.state().text())) {
                    continue;
                }
                backend.containers().inspect(c.name()).ifPresent(rows::add);
            }
            print(rows);
        }
        return 0;
    }

    private void print(List<ContainerInfo> rows) {
        if (listServices) {
            new LinkedHashSet<>(rows.stream().map(r -> r.labels().getOrDefault(
                    io.jcompose.planner.labels.ComposeLabels.SERVICE, "")).toList())
                    .forEach(console.out()::println);
        } else if (quiet) {
            rows.forEach(r -> console.out().println(r.id()));
        } else if (format.equals("json")) {
            rows.forEach(r -> console.out().println(ContainerJson.of(r)));
        } else if (format.equals("table")) {
            Table table = new Table("NAME", "IMAGE", "COMMAND", "SERVICE", "CREATED", "STATUS", "PORTS");
            Instant now = Instant.now();
            for (ContainerInfo r : rows) {
                table.row(r.name(), r.image(), ContainerJson.quotedCommand(r), r.labels().getOrDefault(
                                io.jcompose.planner.labels.ComposeLabels.SERVICE, ""),
                        r.createdAt().map(t -> Ages.ago(t, now)).orElse(""), Ages.status(r, now),
                        ContainerJson.ports(r));
            }
            console.out().print(table.render());
        } else {
            throw new UsageException("unsupported format \"" + format + "\" (expected table or json)");
        }
        console.out().flush();
    }

}
