package io.jcompose.cli;

import io.jcompose.cli.command.BuildCommand;
import io.jcompose.cli.command.ConfigCommand;
import io.jcompose.cli.command.CpCommand;
import io.jcompose.cli.command.CreateCommand;
import io.jcompose.cli.command.DownCommand;
import io.jcompose.cli.command.EventsCommand;
import io.jcompose.cli.command.ExecCommand;
import io.jcompose.cli.command.HelpCommand;
import io.jcompose.cli.command.ImageCommand;
import io.jcompose.cli.command.ImagesCommand;
import io.jcompose.cli.command.KillCommand;
import io.jcompose.cli.command.LoginCommand;
import io.jcompose.cli.command.LogoutCommand;
import io.jcompose.cli.command.LogsCommand;
import io.jcompose.cli.command.LsCommand;
import io.jcompose.cli.command.PauseCommand;
import io.jcompose.cli.command.PortCommand;
import io.jcompose.cli.command.PsCommand;
import io.jcompose.cli.command.PullCommand;
import io.jcompose.cli.command.PushCommand;
import io.jcompose.cli.command.RestartCommand;
import io.jcompose.cli.command.RmCommand;
import io.jcompose.cli.command.RmiCommand;
import io.jcompose.cli.command.RunCommand;
import io.jcompose.cli.command.StartCommand;
import io.jcompose.cli.command.StopCommand;
import io.jcompose.cli.command.TopCommand;
import io.jcompose.cli.command.UnpauseCommand;
import io.jcompose.cli.command.UpCommand;
import io.jcompose.cli.command.VersionCommand;
import io.jcompose.cli.command.WaitCommand;
import io.jcompose.cli.command.container.ContainerCommand;
import io.jcompose.cli.command.container.ContainerInspectCommand;
import io.jcompose.cli.command.container.ContainerRenameCommand;
import io.jcompose.cli.command.network.NetworkCommand;
import io.jcompose.cli.command.system.InfoCommand;
import io.jcompose.cli.command.system.SystemCommand;
import io.jcompose.cli.command.volume.VolumeCommand;
import io.jcompose.cli.option.GlobalOptions;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Spec;

/**
 * {@code jcompose}: the root command; with no subcommand it prints usage, like docker compose. Its subcommands are
 * registered in {@link #commandLine(Console, String...)}, not in the annotation: see {@link #SUBCOMMANDS}.
 */
@Command(name = "jcompose", mixinStandardHelpOptions = false, sortOptions = false,
        description = "Define and run multi-container applications, with or without Docker.",
        usageHelpAutoWidth = true)
public final class JcomposeCommand implements Callable<Integer> {

    /**
     * Every subcommand, in the order {@code jcompose --help} lists them. picocli builds a command's model by
     * reflection over all its options, which for all of these took about 150 ms of a 250 ms {@code version}; so a
     * command line that names one command gets only that one (see {@link #commandLine(Console, String...)}).
     */
    static final List<Class<?>> SUBCOMMANDS = List.of(BuildCommand.class, ConfigCommand.class,
            ContainerCommand.class, CpCommand.class, CreateCommand.class, DownCommand.class, EventsCommand.class,
            ExecCommand.class, ImageCommand.class, ImagesCommand.class, InfoCommand.class,
            ContainerInspectCommand.class, KillCommand.class, LoginCommand.class, LogoutCommand.class,
            LogsCommand.class, LsCommand.class, NetworkCommand.class, PauseCommand.class, PortCommand.class,
            PsCommand.class, PullCommand.class, PushCommand.class, ContainerRenameCommand.class,
            RestartCommand.class, RmCommand.class, RmiCommand.class, RunCommand.class, StartCommand.class,
            StopCommand.class, SystemCommand.class, TopCommand.class, UnpauseCommand.class, UpCommand.class,
            VersionCommand.class, VolumeCommand.class, WaitCommand.class, HelpCommand.class);

    /**
     * The members of a command that groups others, registered like the root's (see {@link #commandLine}); by name,
     * so that a command line touches the member list of the group it uses only.
     */
    static List<Class<?>> groupMembers(String command) {
        return switch (command) {
            case "container" -> ContainerCommand.SUBCOMMANDS;
            case "image" -> ImageCommand.SUBCOMMANDS;
            case "network" -> NetworkCommand.SUBCOMMANDS;
            case "system" -> SystemCommand.SUBCOMMANDS;
            case "volume" -> VolumeCommand.SUBCOMMANDS;
            default -> List.of();
        };
    }

    @Mixin
    public GlobalOptions global;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCodes.OK;
    }

    /** The configured command line with every subcommand, its output bound to the console. */
    public static CommandLine commandLine(Console console) {
        return commandLine(console, (String[]) null);
    }

    /**
     * The configured command line for {@code args}: with only the subcommand they name when that is certain, else
     * with all of them (no command, {@code help}, {@code --help} before the command, an unknown word or option), so
     * that usage lists and "did you mean" suggestions stay complete. A null {@code args} means all.
     */
    public static CommandLine commandLine(Console console, String... args) {
        GlobalState state = new GlobalState();
        CommandLine cmd = new CommandLine(new JcomposeCommand(), new ConsoleFactory(console));
        int at = args == null ? -1 : namedCommand(cmd.getCommandSpec(), args);
        Class<?> only = at < 0 ? null : commandClass(args[at], SUBCOMMANDS);
        // settings below reach only the subcommands registered by then: register first
        for (Class<?> sub : SUBCOMMANDS) {
            if (only == null || sub == only) {
                cmd.addSubcommand(sub);
                List<Class<?>> group = groupMembers(commandName(sub));
                if (!group.isEmpty()) {
                    // a group's own subcommand likewise: the word after the group's, when it is one of them
                    Class<?> member = only == null || at + 1 >= args.length ? null
                            : commandClass(args[at + 1], group);
                    CommandLine groupLine = cmd.getSubcommands().get(commandName(sub));
                    group.stream().filter(m -> member == null || m == member).forEach(groupLine::addSubcommand);
                }
            }
        }
        ErrorHandler errors = new ErrorHandler(console, state);
        cmd.setOut(console.out());
        cmd.setErr(console.err());
        cmd.setExecutionExceptionHandler(errors);
        cmd.setParameterExceptionHandler(errors);
        cmd.setExitCodeExceptionMapper(new ExitCodes());
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        // everything after the service of exec and run belongs to the command run in the container
        for (String name : List.of("exec", "run")) {
            CommandLine sub = cmd.getSubcommands().get(name);
            if (sub != null) {
                sub.setStopAtPositional(true);
            }
        }
        // and after the image of container run/create, the container of container exec
        CommandLine container = cmd.getSubcommands().get("container");
        for (String name : List.of("exec", "run", "create")) {
            CommandLine sub = container == null ? null : container.getSubcommands().get(name);
            if (sub != null) {
                sub.setStopAtPositional(true);
            }
        }
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

    /**
     * The command {@code args} name and the word after it (a group's subcommand, or the command's first
     * argument), or an empty list when that is not certain (see {@link #namedCommand}).
     */
    public static List<String> commandWords(String... args) {
        int at = namedCommand(new CommandLine(new JcomposeCommand()).getCommandSpec(), args);
        return at < 0 ? List.of() : List.of(args).subList(at, Math.min(at + 2, args.length));
    }

    /**
     * Where in {@code args} picocli would find the subcommand: the first word after the root's options, skipping
     * the values of options that take one. -1 when unsure, so the caller falls back to all commands.
     */
    static int namedCommand(CommandSpec root, String[] args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--")) {
                return -1;
            }
            if (!arg.startsWith("-") || arg.equals("-")) {
                return arg.equals("help") ? -1 : i;
            }
            boolean longForm = arg.startsWith("--");
            int eq = arg.indexOf('=');
            String name = longForm ? (eq < 0 ? arg : arg.substring(0, eq)) : arg.substring(0, 2);
            OptionSpec option = root.findOption(name);
            if (option == null || option.usageHelp() || option.versionHelp()
                    || option.arity().min() != option.arity().max()) {
                return -1;
            }
            boolean takesValue = option.arity().max() > 0;
            boolean attached = longForm ? eq >= 0 : arg.length() > 2;
            if (attached && !takesValue) {
                // --flag=value or clustered short flags (-ab): picocli's business
                return -1;
            }
            if (takesValue && !attached) {
                i++;
            }
        }
        return -1;
    }

    /** The command of {@code among} with this name or alias, from its annotation (cheap next to its model). */
    private static Class<?> commandClass(String word, List<Class<?>> among) {
        for (Class<?> sub : among) {
            Command command = sub.getAnnotation(Command.class);
            if (command != null && (command.name().equals(word) || List.of(command.aliases()).contains(word))) {
                return sub;
            }
        }
        return null;
    }

    private static String commandName(Class<?> command) {
        return command.getAnnotation(Command.class).name();
    }
}
