package io.jcompose.cli.command.container;

import io.jcompose.engine.spi.Backend;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jcompose container restart}: a stop (grace period, then SIGKILL) and a start of each container. */
@Command(name = "restart", sortOptions = false, description = "Restart one or more containers")
public final class ContainerRestartCommand extends ContainerBase {

    @Parameters(paramLabel = "CONTAINER", arity = "1..*", description = "Containers (name, id or id prefix)")
    List<String> containers;

    @Option(names = {"-t", "--timeout", "--time"}, paramLabel = "SECONDS", description = "Seconds to wait before"
            + " killing the container (default 10)")
    int timeout = 10;

    @Override
    protected int run(Backend backend) {
        return each(backend, containers, (b, name) -> {
            require(b, name);
            b.containers().stop(name, Duration.ofSeconds(Math.max(0, timeout)));
            b.containers().start(name);
        });
    }
}
