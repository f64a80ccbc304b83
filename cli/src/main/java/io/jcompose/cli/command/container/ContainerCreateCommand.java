package io.jcompose.cli.command.container;

import io.jcompose.engine.spi.Backend;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code jcompose container create}: a container from an image, made but not started; its id is printed. */
@Command(name = "create", sortOptions = false,
        description = "Create a new container")
public final class ContainerCreateCommand extends ContainerBase {

    @Parameters(index = "0", paramLabel = "IMAGE", description = "The image")
    String image;

    @Parameters(index = "1..*", paramLabel = "COMMAND", arity = "0..*", description = "Command and arguments")
    List<String> command = new ArrayList<>();

    @Mixin
    RunFlags flags;

    @Override
    protected int failureCode() {
        return 125;
    }

    @Override
    protected int run(Backend backend) {
        console.out().println(new ContainerCreation(backend, console)
                .create(flags, image, command, global().envFiles).id());
        return 0;
    }
}
