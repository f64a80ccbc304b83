package io.jcompose.cli.standby;

import io.jcompose.cli.JcomposeCommand;
import java.util.List;
import java.util.Set;

/**
 * The commands after which a standby JVM may take another command instead of ending. They read and print, or build,
 * and are over when they return: no thread of theirs reads the input or writes the output of the next client, and
 * nothing they start outlives them in this JVM. Commands that follow logs, attach to containers, forward signals or
 * start containers are not among them: a JVM runs one of those and ends, as a JVM started for it would.
 */
final class ReusableCommands {

    private static final Set<String> COMMANDS = Set.of("version", "config", "ps", "ls", "images", "build");
    private static final Set<String> IMAGE_COMMANDS = Set.of("ls", "list", "inspect", "build");

    private ReusableCommands() {
    }

    /** True when the command line names one of these commands for certain. */
    static boolean mayReuseAfter(List<String> args) {
        List<String> words = JcomposeCommand.commandWords(args.toArray(String[]::new));
        if (words.isEmpty()) {
            return false;
        }
        if (words.get(0).equals("image")) {
            return words.size() > 1 && IMAGE_COMMANDS.contains(words.get(1));
        }
        return COMMANDS.contains(words.get(0));
    }
}
