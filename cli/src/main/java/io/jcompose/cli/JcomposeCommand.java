package io.jcompose.cli;

import io.jcompose.cli.command.BuildCommand;
import io.jcompose.cli.command.ConfigCommand;
import io.jcompose.cli.command.CreateCommand;
import io.jcompose.cli.command.DownCommand;
import io.jcompose.cli.command.ExecCommand;
import io.jcompose.cli.command.HelpCommand;
import io.jcompose.cli.command.ImagesCommand;
import io.jcompose.cli.command.KillCommand;
import io.jcompose.cli.command.LogsCommand;
import io.jcompose.cli.command.LsCommand;
import io.jcompose.cli.command.PauseCommand;
import io.jcompose.cli.command.PortCommand;
import io.jcompose.cli.command.PsCommand;
import io.jcompose.cli.command.PullCommand;
import io.jcompose.cli.command.RestartCommand;
import io.jcompose.cli.command.RmCommand;
import io.jcompose.cli.command.RunCommand;
import io.jcompose.cli.command.StartCommand;
import io.jcompose.cli.command.StopCommand;
import io.jcompose.cli.command.TopCommand;
import io.jcompose.cli.command.UnpauseCommand;
import io.jcompose.cli.command.UpCommand;
import io.jcompose.cli.command.VersionCommand;
import io.jcompose.cli.command.WaitCommand;
import io.jcompose.cli.option.GlobalOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code jcompose}: the root command; with no subcommand it prints usage, like docker compose. */
@Command(name = "jcompose", mixinStandardHelpOptions = false, sortOptions = false,
        description = "Define and run multi-container applications, with or without Docker.",
        subcommands = {BuildCommand.class, ConfigCommand.class, CreateCommand.class, DownCommand.class,
            ExecCommand.class, ImagesCommand.class, KillCommand.class, LogsCommand.class, LsCommand.class,
            PauseCommand.class, PortCommand.class, PsCommand.class, PullCommand.class, RestartCommand.class,
            RmCommand.class, RunCommand.class, StartCommand.class, StopCommand.class, TopCommand.class,
            UnpauseCommand.class, UpCommand.class, VersionCommand.class, WaitCommand.class, HelpCommand.class},
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
        // everything after the service of exec and run belongs to the command run in the container
        cmd.getSubcommands().get("exec").setStopAtPositional(true);
        cmd.getSubcommands().get("run").setStopAtPositional(true);
        cmd.setExecutionStrategy(parseResult -> {
            JcomposeCommand root = (JcomposeCommand) parseResult.commandSpec().root().userObject();
            state.verbose(root.global.verbose);
            if (root.global.verbose) {
                ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                        .setLevel(ch.qos.logback.classic.Level.DEBUG);
            }
            return new CommandLine.RunLast().execute(parseResult);
        });
        return cmd;
    }
}
