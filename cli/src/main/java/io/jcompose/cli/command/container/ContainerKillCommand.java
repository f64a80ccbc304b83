package io.jcompose.cli.command.container;

import io.jcompose.engine.spi.Backend;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jcompose container kill}: a signal (SIGKILL unless told) to running containers. */
@Command(name = "kill", sortOptions = false, description = "Kill one or more running containers")
public final class ContainerKillCommand extends ContainerBase {

    @Parameters(paramLabel = "CONTAINER", arity = "1..*", description = "Containers (name, id or id prefix)")
    List<String> containers;

    @Option(names = {"-s", "--signal"}, paramLabel = "SIGNAL", description = "Signal to send to the container"
            + " (default KILL)")
    String signal = "KILL";

    @Override
    protected int run(Backend backend) {
        String sig = signal.toUpperCase().startsWith("SIG") || signal.matches("\\d+") ? signal.toUpperCase()
                : "SIG" + signal.toUpperCase();
        return each(backend, containers, (b, name) -> {
            require(b, name);
            b.containers().kill(name, sig);
        });
    }
}
