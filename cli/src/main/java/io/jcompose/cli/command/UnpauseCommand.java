package io.jcompose.cli.command;

import picocli.CommandLine.Command;

/** {@code jcompose unpause}: thaw the processes of paused service containers. */
@Command(name = "unpause", description = "Unpause services")
public final class UnpauseCommand extends FreezeCommand {

    public UnpauseCommand() {
        super(false);
    }
}
