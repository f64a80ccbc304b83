package io.jcompose.cli.command.system;

import io.jcompose.cli.command.EngineCommand;
import picocli.CommandLine.Command;

/** {@code jcompose system}: disk usage, pruning and facts of the built-in runtime, as {@code docker system}. */
@Command(name = "system", sortOptions = false, description = "Manage the built-in runtime",
        subcommands = {SystemDfCommand.class, InfoCommand.class, SystemPruneCommand.class})
public final class SystemCommand extends EngineCommand {

    @Override
    public Integer call() {
        spec.commandLine().usage(console.out());
        console.out().flush();
        return 0;
    }
}
