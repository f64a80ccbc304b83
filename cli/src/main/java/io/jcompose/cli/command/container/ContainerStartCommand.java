package io.jcompose.cli.command.container;

import io.jcompose.cli.UsageException;
import io.jcompose.cli.render.WriterOutputStream;
import io.jcompose.engine.spi.Backend;
import io.jcompose.engine.spi.StdStreams;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jcompose container start}: starts stopped containers; with {@code -a}, one, attached, its code ours. */
@Command(name = "start", sortOptions = false, description = "Start one or more stopped containers")
public final class ContainerStartCommand extends ContainerBase {

    @Parameters(paramLabel = "CONTAINER", arity = "1..*", description = "Containers (name, id or id prefix)")
    List<String> containers;

    @Option(names = {"-a", "--attach"}, description = "Attach STDOUT/STDERR and forward signals")
    boolean attach;

    @Option(names = {"-i", "--interactive"}, description = "Attach container's STDIN")
    boolean interactive;

    @Override
    protected int run(Backend backend) {
        if (!attach && !interactive) {
            return each(backend, containers, (b, name) -> {
                require(b, name);
                b.containers().start(name);
            });
        }
        if (containers.size() > 1) {
            throw new UsageException("you cannot start and attach multiple containers at once");
        }
        String name = containers.getFirst();
        require(backend, name);
        StdStreams streams = new StdStreams(interactive ? Optional.of(console.in()) : Optional.empty(),
                new WriterOutputStream(console.out()), new WriterOutputStream(console.err()));
        return backend.containers().startAttached(name, streams);
    }
}
