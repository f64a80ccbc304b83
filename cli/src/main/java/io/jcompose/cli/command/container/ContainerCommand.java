package io.jcompose.cli.command.container;

import io.jcompose.cli.command.EngineCommand;
import java.util.List;
import picocli.CommandLine.Command;

/**
 * {@code jcompose container}: the docker CLI's container commands, on any container of the open backend (compose
 * projects' included), for users of the built-in runtime who have no docker CLI.
 */
@Command(name = "container", sortOptions = false, description = "Manage containers")
public final class ContainerCommand extends EngineCommand {

    /** Its subcommands, registered by {@code JcomposeCommand}: only the one a command line names, if it names one. */
    public static final List<Class<?>> SUBCOMMANDS = List.of(
            ContainerRunCommand.class, ContainerCreateCommand.class, ContainerLsCommand.class,
            ContainerLogsCommand.class, ContainerExecCommand.class, ContainerStartCommand.class,
            ContainerStopCommand.class, ContainerRestartCommand.class, ContainerKillCommand.class,
            ContainerRmCommand.class, ContainerPruneCommand.class, ContainerInspectCommand.class,
            ContainerTopCommand.class, ContainerPortCommand.class, ContainerCpCommand.class,
            ContainerRenameCommand.class, ContainerWaitCommand.class, ContainerStatsCommand.class);

    @Override
    public Integer call() {
        spec.commandLine().usage(console.out());
        console.out().flush();
        return 0;
    }
}
