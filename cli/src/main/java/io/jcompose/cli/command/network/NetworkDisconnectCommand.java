package io.jcompose.cli.command.network;

import io.jcompose.cli.command.objects.ObjectCommand;
import io.jcompose.engine.linux.LinuxBackend;
import io.jcompose.engine.linux.container.ContainerRecord;
import io.jcompose.engine.spi.NetworkOps.NetworkInfo;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jcompose network disconnect}: takes a container off a network, at once when it runs. */
@Command(name = "disconnect", sortOptions = false, description = "Disconnect a container from a network")
public final class NetworkDisconnectCommand extends ObjectCommand {

    @Parameters(index = "0", paramLabel = "NETWORK", description = "Name or id of the network")
    String network;

    @Parameters(index = "1", paramLabel = "CONTAINER", description = "Name or id of the container")
    String container;

    @Option(names = {"-f", "--force"}, description = "Force the container to disconnect from a network")
    boolean force;

    @Override
    protected int run(LinuxBackend linux) {
        Optional<NetworkInfo> n = linux.networks().inspect(network);
        if (n.isEmpty()) {
            return force ? 0 : daemonError("network " + network + " not found");
        }
        Optional<ContainerRecord> c = linux.linuxContainers().store().find(container);
        if (c.isEmpty()) {
            return daemonError("No such container: " + container);
        }
        if (!c.get().spec().networks().containsKey(n.get().name())) {
            return force ? 0 : daemonError("container " + c.get().id() + " is not connected to network "
                    + n.get().name());
        }
        linux.containers().disconnect(c.get().id(), n.get().name());
        return 0;
    }
}
