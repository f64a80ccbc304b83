package io.jcompose.cli.command;

import io.jcompose.cli.command.objects.KeyValues;
import io.jcompose.cli.render.WriterOutputStream;
import io.jcompose.engine.spi.Backend;
import io.jcompose.engine.spi.ExecSpec;
import io.jcompose.engine.spi.StdStreams;
import io.jcompose.model.Project;
import io.jcompose.planner.observed.ObservedContainer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jcompose exec}: run a command in a running service container; its exit code is ours. */
@Command(name = "exec", sortOptions = false, description = "Execute a command in a running container")
public final class ExecCommand extends EngineCommand {

    @Parameters(index = "0", paramLabel = "SERVICE", description = "The service")
    String service;

    @Parameters(index = "1..*", paramLabel = "COMMAND", arity = "1..*", description = "The command and its arguments")
    List<String> command = new ArrayList<>();

    @Option(names = {"-d", "--detach"}, description = "Detached mode: Run command in the background")
    boolean detach;

    @Option(names = {"-e", "--env"}, paramLabel = "KEY=VAL", description = "Set environment variables")
    List<String> env = new ArrayList<>();

    @Option(names = {"-w", "--workdir"}, paramLabel = "DIR", description = "Path to workdir directory for this command")
    String workdir;

    @Option(names = {"-u", "--user"}, paramLabel = "USER", description = "Run the command as this user")
    String user;

    @Option(names = {"-T", "--no-TTY"}, description = "Disable pseudo-TTY allocation (default: auto-detected)")
    boolean noTty;

    @Option(names = "--index", paramLabel = "N", description = "Index of the container if service has multiple replicas")
    int index = 1;

    @Option(names = "--privileged", description = "Give extended privileges to the process")
    boolean privileged;

    @Override
    public Integer call() {
        Optional<Project> project = projectIfAny(List.of(service));
        String name = projectName(project);
        boolean tty = !noTty && console.terminal();
        try (Backend backend = openBackend()) {
            ObservedContainer container = ServiceContainers.one(backend, name, service, index);
            ExecSpec spec = new ExecSpec(command, KeyValues.withEnvironment(env, console.env()), Optional.ofNullable(workdir),
                    Optional.ofNullable(user), tty, privileged, detach);
            StdStreams streams = new StdStreams(detach ? Optional.empty() : Optional.of(console.in()),
                    new WriterOutputStream(console.out()), new WriterOutputStream(console.err()));
            int code = backend.containers().exec(container.name(), spec, streams);
            console.out().flush();
            console.err().flush();
            return code;
        }
    }
}
