package io.jcompose.cli.command;

import io.jcompose.cli.render.Table;
import io.jcompose.engine.spi.Backend;
import io.jcompose.planner.observed.ObservedContainer;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code jcompose top}: the processes of each running container. */
@Command(name = "top", description = "Display the running processes")
public final class TopCommand extends EngineCommand {

    @Parameters(paramLabel = "SERVICE", arity = "0..*", description = "Only these services")
    List<String> services = new ArrayList<>();

    @Override
    public Integer call() {
        String name = projectName(projectIfAny(services));
        try (Backend backend = openBackend()) {
            for (ObservedContainer c : ServiceContainers.of(backend, name, services, false)) {
                if (!c.isUp()) {
                    continue;
                }
                List<List<String>> rows = backend.containers().top(c.name());
                if (rows.isEmpty()) {
                    continue;
                }
                console.out().println(c.name());
                Table table = new Table(rows.getFirst().toArray(String[]::new));
                rows.stream().skip(1).forEach(r -> table.row(r.toArray(String[]::new)));
                console.out().print(table.render());
                console.out().println();
            }
        }
        console.out().flush();
        return 0;
    }
}
