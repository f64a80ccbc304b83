package io.jcompose.cli.command.container;

import io.jcompose.engine.spi.Backend;
import io.jcompose.engine.spi.EngineException;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code jcompose container wait}: blocks until each container stops, then prints its exit code. */
@Command(name = "wait", sortOptions = false, description = "Block until one or more containers stop, then print"
        + " their exit codes")
public final class ContainerWaitCommand extends ContainerBase {

    @Parameters(paramLabel = "CONTAINER", arity = "1..*", description = "Containers (name, id or id prefix)")
    List<String> containers;

    @Override
    protected int run(Backend backend) {
        int code = 0;
        for (String name : containers) {
            try {
                require(backend, name);
                console.out().println(backend.containers().waitForExit(name));
            } catch (EngineException e) {
                console.err().println(daemonLine(e));
                code = 1;
            }
            console.out().flush();
            console.err().flush();
        }
        return code;
    }
}
