package io.jcompose.cli.command.container;

import io.jcompose.cli.render.Table;
import io.jcompose.engine.spi.Backend;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code jcompose container top}: the processes of a running container, as {@code ps -f} shows them. */
@Command(name = "top", sortOptions = false, description = "Display the running processes of a container")
public final class ContainerTopCommand extends ContainerBase {

    @Parameters(paramLabel = "CONTAINER", description = "The container (name, id or id prefix)")
    String container;

    @Override
    protected int run(Backend backend) {
        require(backend, container);
        List<List<String>> rows = backend.containers().top(container);
        if (rows.isEmpty()) {
            return 0;
        }
        Table table = new Table(rows.getFirst().toArray(String[]::new));
        rows.subList(1, rows.size()).forEach(r -> table.row(r.toArray(String[]::new)));
        console.out().print(table.render());
        return 0;
    }
}
