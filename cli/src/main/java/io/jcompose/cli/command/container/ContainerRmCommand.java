package io.jcompose.cli.command.container;

import io.jcompose.engine.spi.Backend;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jcompose container rm}: removes containers; a running one only with {@code -f}. */
@Command(name = "rm", aliases = "remove", sortOptions = false, description = "Remove one or more containers")
public final class ContainerRmCommand extends ContainerBase {

    @Parameters(paramLabel = "CONTAINER", arity = "1..*", description = "Containers (name, id or id prefix)")
    List<String> containers;

    @Option(names = {"-f", "--force"}, description = "Force the removal of a running container (uses SIGKILL)")
    boolean force;

    @Option(names = {"-v", "--volumes"}, description = "Remove anonymous volumes associated with the container")
    boolean volumes;

    @Override
    protected int run(Backend backend) {
        return each(backend, containers, (b, name) -> {
            // the SPI's remove takes a missing container for done; the docker CLI names it
            require(b, name);
            b.containers().remove(name, force, volumes);
        });
    }
}
