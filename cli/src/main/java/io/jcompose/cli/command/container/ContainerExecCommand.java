package io.jcompose.cli.command.container;

import io.jcompose.cli.render.WriterOutputStream;
import io.jcompose.engine.spi.Backend;
import io.jcompose.engine.spi.ExecSpec;
import io.jcompose.engine.spi.StdStreams;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jcompose container exec}: a command in a running container; its exit code is ours. {@code --env-file} is
 * jcompose's global option, which here means docker's.
 */
@Command(name = "exec", sortOptions = false,
        description = "Execute a command in a running container")
public final class ContainerExecCommand extends ContainerBase {

    @Parameters(index = "0", paramLabel = "CONTAINER", description = "The container (name, id or id prefix)")
    String container;

    @Parameters(index = "1..*", paramLabel = "COMMAND", arity = "1..*", description = "The command and its arguments")
    List<String> command = new ArrayList<>();

    @Option(names = {"-d", "--detach"}, description = "Detached mode: run command in the background")
    boolean detach;

    @Option(names = {"-i", "--interactive"}, description = "Keep STDIN open even if not attached")
    boolean interactive;

    @Option(names = {"-t", "--tty"}, description = "Allocate a pseudo-TTY")
    boolean tty;

    @Option(names = {"-e", "--env"}, paramLabel = "KEY=VAL", description = "Set environment variables")
    List<String> env = new ArrayList<>();

    @Option(names = {"-w", "--workdir"}, paramLabel = "DIR", description = "Working directory inside the container")
    String workdir;

    @Option(names = {"-u", "--user"}, paramLabel = "USER", description = "Username or UID (format:"
            + " \"<name|uid>[:<group|gid>]\")")
    String user;

    @Option(names = "--privileged", description = "Give extended privileges to the command")
    boolean privileged;

    @Override
    protected int run(Backend backend) {
        require(backend, container);
        ExecSpec spec = new ExecSpec(command, EnvFlags.of(global().envFiles, env, console.env(), console.cwd()),
                Optional.ofNullable(workdir), Optional.ofNullable(user), tty, privileged, detach);
        StdStreams streams = new StdStreams(interactive && !detach ? Optional.of(console.in()) : Optional.empty(),
                new WriterOutputStream(console.out()), new WriterOutputStream(console.err()));
        return backend.containers().exec(container, spec, streams);
    }
}
