package io.jcompose.cli.command;

import picocli.CommandLine.Command;

/** {@code jcompose pause}: freeze the processes of running service containers. */
@Command(name = "pause", description = "Pause services")
public final class PauseCommand extends FreezeCommand {

    public PauseCommand() {
        super(true);
    }
}
