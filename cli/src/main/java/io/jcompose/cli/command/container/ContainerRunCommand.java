package io.jcompose.cli.command.container;

import io.jcompose.cli.UsageException;
import io.jcompose.cli.render.WriterOutputStream;
import io.jcompose.engine.spi.Backend;
import io.jcompose.engine.spi.EngineException;
import io.jcompose.engine.spi.StdStreams;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jcompose container run}: a container from an image, as {@code docker run} makes one: detached (its id
 * printed) or attached (its output streamed, its exit code ours).
 */
@Command(name = "run", sortOptions = false,
        description = "Create and run a new container from an image")
public final class ContainerRunCommand extends ContainerBase {

    @Parameters(index = "0", paramLabel = "IMAGE", description = "The image")
    String image;

    @Parameters(index = "1..*", paramLabel = "COMMAND", arity = "0..*", description = "Command and arguments")
    List<String> command = new ArrayList<>();

    @Option(names = {"-d", "--detach"}, description = "Run container in background and print container ID")
    boolean detach;

    @Option(names = "--rm", description = "Automatically remove the container when it exits")
    boolean rm;

    @Mixin
    RunFlags flags;

    @Override
    protected int failureCode() {
        return 125;
    }

    @Override
    protected int run(Backend backend) {
        if (rm && !flags.restartPolicy().name().equals("no")) {
            throw new UsageException("Conflicting options: --restart and --rm");
        }
        if (rm && detach) {
            if (!(backend instanceof io.jcompose.engine.linux.LinuxBackend)) {
                throw new UsageException("--rm with --detach works on the built-in runtime only: run attached, or"
                        + " remove the container with jcompose container rm once done");
            }
            // this command ends before the container: the project's supervisor removes it when it exits
            flags.labels.add(io.jcompose.engine.linux.supervise.SupervisorLauncher.AUTO_REMOVE + "=true");
        }
        ContainerCreation.Created created = new ContainerCreation(backend, console)
                .create(flags, image, command, global().envFiles);
        String id = created.id();
        if (detach) {
            try {
                backend.containers().start(id);
            } catch (EngineException e) {
                // as docker: the container stays, created, for the user to inspect or remove
                console.err().println(daemonLine(e));
                return 125;
            }
            console.out().println(id);
            return 0;
        }
        StdStreams streams = new StdStreams(flags.interactive ? Optional.of(console.in()) : Optional.empty(),
                new WriterOutputStream(console.out()), new WriterOutputStream(console.err()));
        try {
            return backend.containers().startAttached(id, streams);
        } catch (EngineException e) {
            console.err().println(daemonLine(e));
            return 125;
        } finally {
            console.out().flush();
            console.err().flush();
            if (rm) {
                backend.containers().remove(id, true, true);
            }
        }
    }
}
