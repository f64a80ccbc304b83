package io.jcompose.cli;

import io.jcompose.cli.command.ConfigCommand;
import io.jcompose.cli.command.HelpCommand;
import io.jcompose.cli.command.VersionCommand;
import io.jcompose.cli.option.GlobalOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code jcompose}: the root command; with no subcommand it prints usage, like docker compose. */
@Command(name = "jcompose", mixinStandardHelpOptions = false, sortOptions = false,
        description = "Define and run multi-container applications, with or without Docker.",
        subcommands = {ConfigCommand.class, VersionCommand.class, HelpCommand.class},
        usageHelpAutoWidth = true)
public final class JcomposeCommand implements Callable<Integer> {

    @Mixin
    public GlobalOptions global;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCodes.OK;
    }

    /** The configured command line, its output bound to the console and its errors mapped to exit codes. */
    public static CommandLine commandLine(Console console) {
        GlobalState state = new GlobalState();
        CommandLine cmd = new CommandLine(new JcomposeCommand(), new ConsoleFactory(console));
        ErrorHandler errors = new ErrorHandler(console, state);
        cmd.setOut(console.out());
        cmd.setErr(console.err());
        cmd.setExecutionExceptionHandler(errors);
        cmd.setParameterExceptionHandler(errors);
        cmd.setExitCodeExceptionMapper(new ExitCodes());
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        cmd.setExecutionStrategy(parseResult -> {
            JcomposeCommand root = (JcomposeCommand) parseResult.commandSpec().root().userObject();
            state.verbose(root.global.verbose);
            return new CommandLine.RunLast().execute(parseResult);
        });
        return cmd;
    }
}
