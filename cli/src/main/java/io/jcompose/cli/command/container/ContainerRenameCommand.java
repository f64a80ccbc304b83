package io.jcompose.cli.command.container;

import io.jcompose.engine.spi.Backend;
import io.jcompose.engine.spi.RuntimeFailureException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code jcompose container rename}: a new name for a container, free or refused as Docker refuses it. */
@Command(name = "rename", sortOptions = false, description = "Rename a container")
public final class ContainerRenameCommand extends ContainerBase {

    @Parameters(index = "0", paramLabel = "CONTAINER", description = "The container (name, id or id prefix)")
    String container;

    @Parameters(index = "1", paramLabel = "NEW_NAME", description = "Its new name")
    String newName;

    @Override
    protected int run(Backend backend) {
        String name = newName.startsWith("/") ? newName.substring(1) : newName;
        if (!name.matches("[a-zA-Z0-9][a-zA-Z0-9_.-]*")) {
            throw new RuntimeFailureException("Invalid container name (" + name + "), only"
                    + " [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
        }
        require(backend, container);
        backend.containers().rename(container, name);
        return 0;
    }
}
