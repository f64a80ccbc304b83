package io.jcompose.cli.standby;

import io.jcompose.cli.JcomposeCommand;
import java.util.List;
import java.util.Set;

/**
 * The commands after which a standby JVM may take another command instead of ending. They read and print, or build,
 * and are over when they return: no thread of theirs reads the input or writes the output of the next client, and
 * nothing they start outlives them in this JVM (the containers they start live in processes of their own). Commands
 * that follow logs until they are interrupted are not among them: a JVM runs one of those and ends, as a JVM started
 * for it would. Whatever the command, {@link Baseline} checks afterwards that it left no thread: {@code run} and
 * {@code exec} copy their input to the container on a platform thread, which is still there when the input has not
 * ended (a terminal), and the JVM then ends instead of taking a command whose input that thread would read.
 */
final class ReusableCommands {

    private static final Set<String> COMMANDS = Set.of("version", "config", "ps", "ls", "images", "build",
            // these change containers and return: nothing of theirs stays attached
            "down", "create", "start", "stop", "restart", "rm", "kill", "pause", "unpause",
            // these attach to a container until it ends, and put back the signal handlers they set
            "run", "exec");
    private static final Set<String> IMAGE_COMMANDS = Set.of("ls", "list", "inspect", "build");
    /** up returns only when detached: attached, it follows the logs until it is stopped. */
    private static final Set<String> DETACH = Set.of("-d", "--detach");

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
        if (words.get(0).equals("up")) {
            return args.stream().anyMatch(DETACH::contains) && !args.contains("--attach");
        }
        return COMMANDS.contains(words.get(0));
    }
}
