package io.jcompose.cli.command.network;

import io.jcompose.cli.command.EngineCommand;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code jcompose network}: the built-in runtime's networks, as {@code docker network} manages Docker's. */
@Command(name = "network", sortOptions = false, description = "Manage networks of the built-in runtime")
public final class NetworkCommand extends EngineCommand {

    /** Its subcommands, registered by {@code JcomposeCommand}: only the one a command line names, if it names one. */
    public static final List<Class<?>> SUBCOMMANDS = List.of(
            NetworkConnectCommand.class, NetworkCreateCommand.class, NetworkDisconnectCommand.class,
            NetworkInspectCommand.class, NetworkLsCommand.class, NetworkPruneCommand.class, NetworkRmCommand.class);

    /** Docker's default network: containers on it do not resolve each other's names, and it is never removed. */
    public static final String DEFAULT = "bridge";

    @Override
    public Integer call() {
        spec.commandLine().usage(console.out());
        console.out().flush();
        return 0;
    }
}
