package io.jcompose.cli.command;

import io.jcompose.cli.ExitCodes;
import io.jcompose.cli.UsageException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code jcompose help [COMMAND]}: the usage of jcompose or of one command. */
@Command(name = "help", description = "Show help for jcompose or one of its commands")
public final class HelpCommand implements Callable<Integer> {

    @Parameters(paramLabel = "COMMAND", arity = "0..1", description = "The command to explain")
    String command;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        CommandLine root = spec.root().commandLine();
        CommandLine target = root;
        if (command != null) {
            target = root.getSubcommands().get(command);
            if (target == null) {
                throw new UsageException("unknown command \"" + command + "\" (see 'jcompose --help')");
            }
        }
        target.usage(root.getOut());
        return ExitCodes.OK;
    }
}
