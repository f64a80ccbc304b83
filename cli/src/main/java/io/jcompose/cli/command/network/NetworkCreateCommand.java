package io.jcompose.cli.command.network;

import io.jcompose.cli.UsageException;
import io.jcompose.cli.command.objects.KeyValues;
import io.jcompose.cli.command.objects.ObjectCommand;
import io.jcompose.engine.linux.LinuxBackend;
import io.jcompose.engine.spi.NetworkOps;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jcompose network create}: a bridge network; prints its id. */
@Command(name = "create", sortOptions = false, description = "Create a network")
public final class NetworkCreateCommand extends ObjectCommand {

    @Parameters(paramLabel = "NETWORK", description = "Name of the network")
    String name;

    @Option(names = {"-d", "--driver"}, paramLabel = "DRIVER", description = "Driver to manage the network (bridge)")
    String driver = "bridge";

    @Option(names = "--subnet", paramLabel = "CIDR", description = "Subnet in CIDR format")
    List<String> subnets = new ArrayList<>();

    @Option(names = "--gateway", paramLabel = "IP", description = "IPv4 gateway for the subnet")
    List<String> gateways = new ArrayList<>();

    @Option(names = "--ip-range", paramLabel = "CIDR", description = "Allocate container addresses from a sub-range")
    List<String> ipRanges = new ArrayList<>();

    @Option(names = "--internal", description = "Restrict external access to the network")
    boolean internal;

    @Option(names = "--attachable", description = "Accepted for compatibility (every network is attachable)")
    boolean attachable;

    @Option(names = "--label", paramLabel = "KEY=VALUE", description = "Set metadata on a network")
    List<String> labels = new ArrayList<>();

    @Option(names = {"-o", "--opt"}, paramLabel = "KEY=VALUE",
            description = "Driver options (com.docker.network.bridge.name, com.docker.network.driver.mtu)")
    List<String> options = new ArrayList<>();

    @Override
    protected int run(LinuxBackend linux) {
        if (gateways.size() > subnets.size() || ipRanges.size() > subnets.size()) {
            throw new UsageException("every --gateway and --ip-range needs a --subnet to belong to");
        }
        List<NetworkOps.IpamConfig> ipam = new ArrayList<>();
        for (int i = 0; i < subnets.size(); i++) {
            ipam.add(new NetworkOps.IpamConfig(Optional.of(subnets.get(i)), at(ipRanges, i), at(gateways, i)));
        }
        String id = linux.networks().create(new NetworkOps.NetworkSpec(name, Optional.of(driver),
                KeyValues.parse(options, "--opt"), KeyValues.parse(labels, "--label"), internal, true, false, ipam));
        console.out().println(id);
        return 0;
    }

    private static Optional<String> at(List<String> values, int i) {
        return i < values.size() ? Optional.of(values.get(i)) : Optional.empty();
    }
}
