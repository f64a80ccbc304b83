package io.jcompose.cli.command.network;

import io.jcompose.cli.command.objects.ObjectCommand;
import io.jcompose.engine.linux.LinuxBackend;
import io.jcompose.engine.linux.container.ContainerRecord;
import io.jcompose.engine.spi.EndpointSpec;
import io.jcompose.engine.spi.NetworkOps.NetworkInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jcompose network connect}: joins a container to a network, at once when it runs. */
@Command(name = "connect", sortOptions = false, description = "Connect a container to a network")
public final class NetworkConnectCommand extends ObjectCommand {

    @Parameters(index = "0", paramLabel = "NETWORK", description = "Name or id of the network")
    String network;

    @Parameters(index = "1", paramLabel = "CONTAINER", description = "Name or id of the container")
    String container;

    @Option(names = "--ip", paramLabel = "IP", description = "IPv4 address")
    String ip;

    @Option(names = "--alias", paramLabel = "NAME", description = "Add network-scoped alias for the container")
    List<String> aliases = new ArrayList<>();

    @Override
    protected int run(LinuxBackend linux) {
        Optional<NetworkInfo> n = linux.networks().inspect(network);
        if (n.isEmpty()) {
            return daemonError("network " + network + " not found");
        }
        Optional<ContainerRecord> c = linux.linuxContainers().store().find(container);
        if (c.isEmpty()) {
            return daemonError("No such container: " + container);
        }
        if (c.get().spec().networks().containsKey(n.get().name())) {
            return daemonError("endpoint with name " + c.get().name() + " already exists in network "
                    + n.get().name());
        }
        linux.containers().connect(c.get().id(), n.get().name(), new EndpointSpec(aliases, Optional.ofNullable(ip),
                Optional.empty(), Optional.empty()));
        return 0;
    }
}
