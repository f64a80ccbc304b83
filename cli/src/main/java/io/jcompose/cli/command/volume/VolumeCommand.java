package io.jcompose.cli.command.volume;

import io.jcompose.cli.command.EngineCommand;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code jcompose volume}: the built-in runtime's volumes, as {@code docker volume} manages Docker's. */
@Command(name = "volume", sortOptions = false, description = "Manage volumes of the built-in runtime")
public final class VolumeCommand extends EngineCommand {

    /** Its subcommands, registered by {@code JcomposeCommand}: only the one a command line names, if it names one. */
    public static final List<Class<?>> SUBCOMMANDS = List.of(
            VolumeCreateCommand.class, VolumeLsCommand.class, VolumeInspectCommand.class, VolumeRmCommand.class,
            VolumePruneCommand.class);

    @Override
    public Integer call() {
        spec.commandLine().usage(console.out());
        console.out().flush();
        return 0;
    }
}
