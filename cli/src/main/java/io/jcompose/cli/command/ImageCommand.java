package io.jcompose.cli.command;

import java.util.List;
import picocli.CommandLine.Command;

/** {@code jcompose image}: the images of the built-in runtime's store, as {@code docker image} manages Docker's. */
@Command(name = "image", sortOptions = false, description = "Manage images of the built-in runtime")
public final class ImageCommand extends EngineCommand {

    /** Its subcommands, registered by {@code JcomposeCommand}: only the one a command line names, if it names one. */
    public static final List<Class<?>> SUBCOMMANDS = List.of(
            ImageBuildCommand.class, ImageLsCommand.class, ImagePullCommand.class, ImagePushCommand.class,
            ImageLoadCommand.class, ImageImportCommand.class, ImageInspectCommand.class, ImageRmCommand.class,
            ImageTagCommand.class, ImagePruneCommand.class, ImageHistoryCommand.class, ImageSaveCommand.class);

    @Override
    public Integer call() {
        spec.commandLine().usage(console.out());
        console.out().flush();
        return 0;
    }
}
