package io.jcompose.cli.command.network;

import io.jcompose.cli.command.objects.ObjectCommand;
import io.jcompose.engine.linux.LinuxBackend;
import io.jcompose.engine.spi.ConflictException;
import io.jcompose.engine.spi.NetworkOps.NetworkInfo;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jcompose network rm}: removes networks, refusing one that containers are on, and the default one. */
@Command(name = "rm", aliases = "remove", sortOptions = false, description = "Remove one or more networks")
public final class NetworkRmCommand extends ObjectCommand {

    @Parameters(paramLabel = "NETWORK", arity = "1..*", description = "Names or ids of networks")
    List<String> names;

    @Option(names = {"-f", "--force"}, description = "Do not complain about a network that does not exist")
    boolean force;

    @Override
    protected int run(LinuxBackend linux) {
        int code = 0;
        for (String name : names) {
            Optional<NetworkInfo> n = linux.networks().inspect(name);
            if (n.isEmpty()) {
                if (!force) {
                    code = daemonError("network " + name + " not found");
                }
                continue;
            }
            if (n.get().name().equals(NetworkCommand.DEFAULT)) {
                code = daemonError(NetworkCommand.DEFAULT + " is a pre-defined network and cannot be removed");
                continue;
            }
            try {
                linux.networks().remove(n.get().name());
                console.out().println(name);
            } catch (ConflictException e) {
                code = daemonError(e.getMessage());
            }
        }
        return code;
    }
}
