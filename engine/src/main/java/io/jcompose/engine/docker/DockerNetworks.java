package io.jcompose.engine.docker;

import com.github.dockerjava.api.command.CreateNetworkCmd;
import com.github.dockerjava.api.model.Network;
import io.jcompose.engine.spi.NetworkOps;
import io.jcompose.engine.spi.NotFoundException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Networks on the Docker daemon. */
final class DockerNetworks implements NetworkOps {

    private final DockerCalls calls;

    DockerNetworks(DockerCalls calls) {
        this.calls = calls;
    }

    @Override
    public String create(NetworkSpec spec) {
        return calls.call("create network " + spec.name(), c -> {
            // without CheckDuplicate the daemon happily makes a second network of the same name
            CreateNetworkCmd cmd = c.createNetworkCmd().withName(spec.name()).withCheckDuplicate(true)
                    .withLabels(spec.labels()).withOptions(spec.driverOpts()).withInternal(spec.internal())
                    .withAttachable(spec.attachable()).withEnableIpv6(spec.enableIpv6());
            spec.driver().ifPresent(cmd::withDriver);
            if (!spec.ipam().isEmpty()) {
                cmd.withIpam(new Network.Ipam().withConfig(spec.ipam().stream().map(DockerNetworks::pool).toList()));
            }
            return cmd.exec().getId();
        });
    }

    private static Network.Ipam.Config pool(IpamConfig config) {
        Network.Ipam.Config pool = new Network.Ipam.Config();
        config.subnet().ifPresent(pool::withSubnet);
        config.ipRange().ifPresent(pool::withIpRange);
        config.gateway().ifPresent(pool::withGateway);
        return pool;
    }

    @Override
    public void remove(String name) {
        try {
            calls.run("remove network " + name, c -> c.removeNetworkCmd(name).exec());
        } catch (NotFoundException gone) {
            // already gone is what was asked for
        }
    }

    /** By exact name or id: the daemon also answers to a prefix of an id, which is not what a name lookup means. */
    @Override
    public Optional<NetworkInfo> inspect(String name) {
        return calls.find("inspect network " + name, c -> c.inspectNetworkCmd().withNetworkId(name).exec())
                .filter(n -> n.getName().equals(name) || n.getId().equals(name))
                .map(DockerNetworks::info);
    }

    private static NetworkInfo info(Network n) {
        Map<String, String> labels = n.getLabels() == null ? Map.of() : n.getLabels();
        List<String> containers = n.getContainers() == null ? List.of()
                : n.getContainers().values().stream().map(Network.ContainerNetworkConfig::getName).sorted().toList();
        return new NetworkInfo(n.getId(), n.getName(), n.getDriver(), labels, containers);
    }
}
