package io.jcompose.cli.command;

import picocli.CommandLine.Command;

/** {@code jcompose rmi}: the short form of {@code jcompose image rm}, as {@code docker rmi}. */
@Command(name = "rmi", sortOptions = false, description = "Remove one or more images")
public final class RmiCommand extends ImageRmCommand {
}
