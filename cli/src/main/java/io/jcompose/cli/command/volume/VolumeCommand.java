package io.jcompose.cli.command.volume;

import io.jcompose.cli.command.EngineCommand;
import picocli.CommandLine.Command;

/** {@code jcompose volume}: the built-in runtime's volumes, as {@code docker volume} manages Docker's. */
@Command(name = "volume", sortOptions = false, description = "Manage volumes of the built-in runtime",
        subcommands = {VolumeCreateCommand.class, VolumeLsCommand.class, VolumeInspectCommand.class,
                VolumeRmCommand.class, VolumePruneCommand.class})
public final class VolumeCommand extends EngineCommand {

    @Override
    public Integer call() {
        spec.commandLine().usage(console.out());
        console.out().flush();
        return 0;
    }
}
