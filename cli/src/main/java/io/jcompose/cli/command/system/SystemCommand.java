package io.jcompose.cli.command.system;

import io.jcompose.cli.command.EngineCommand;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code jcompose system}: disk usage, pruning and facts of the built-in runtime, as {@code docker system}. */
@Command(name = "system", sortOptions = false, description = "Manage the built-in runtime")
public final class SystemCommand extends EngineCommand {

    /** Its subcommands, registered by {@code JcomposeCommand}: only the one a command line names, if it names one. */
    public static final List<Class<?>> SUBCOMMANDS = List.of(
            SystemDfCommand.class, InfoCommand.class, SystemPruneCommand.class);

    @Override
    public Integer call() {
        spec.commandLine().usage(console.out());
        console.out().flush();
        return 0;
    }
}
