package io.jcompose.cli.command.network;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcompose.cli.command.objects.DockerJson;
import io.jcompose.cli.command.objects.ObjectCommand;
import io.jcompose.engine.linux.LinuxBackend;
import io.jcompose.engine.linux.container.ContainerRecord;
import io.jcompose.engine.linux.container.ContainerStatus;
import io.jcompose.engine.linux.network.BridgeNetwork;
import io.jcompose.engine.linux.network.Endpoint;
import io.jcompose.engine.linux.network.LinuxNetworks;
import io.jcompose.engine.spi.NetworkOps;
import io.jcompose.engine.spi.NetworkOps.NetworkInfo;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jcompose network inspect}: networks as a JSON list in the shape of {@code docker network inspect}, with the
 * running containers on each and their addresses there.
 */
@Command(name = "inspect", sortOptions = false, description = "Display detailed information on one or more networks")
public final class NetworkInspectCommand extends ObjectCommand {

    @Parameters(paramLabel = "NETWORK", arity = "1..*", description = "Names or ids of networks")
    List<String> names;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", description = "json (the default)")
    String format = "json";

    @Option(names = "-v", description = "Accepted for compatibility")
    boolean verbose;

    @Override
    protected int run(LinuxBackend linux) {
        if (!format.equals("json")) {
            json(format);
        }
        ArrayNode out = DockerJson.array();
        int code = 0;
        for (String name : names) {
            Optional<NetworkInfo> n = linux.networks().inspect(name);
            if (n.isEmpty()) {
                code = daemonError("network " + name + " not found");
                continue;
            }
            out.add(describe(linux, n.get()));
        }
        console.out().println(DockerJson.pretty(out));
        return code;
    }

    private static ObjectNode describe(LinuxBackend linux, NetworkInfo n) {
        LinuxNetworks networks = linux.linuxNetworks();
        Optional<LinuxNetworks.Details> details = networks.details(n.name());
        Optional<BridgeNetwork> bridge = networks.bridge(n.name());
        ObjectNode json = DockerJson.object();
        json.put("Name", n.name());
        json.put("Id", n.id());
        json.put("Created", details.flatMap(LinuxNetworks.Details::created).map(Object::toString).orElse(""));
        json.put("Scope", "local");
        json.put("Driver", n.driver());
        json.put("EnableIPv6", false);
        ObjectNode ipam = json.putObject("IPAM");
        ipam.put("Driver", "default");
        ipam.putObject("Options");
        ArrayNode config = ipam.putArray("Config");
        if (bridge.isPresent()) {
            ObjectNode c = config.addObject();
            c.put("Subnet", bridge.get().subnet());
            details.flatMap(d -> d.ipam().stream().flatMap(i -> i.ipRange().stream()).findFirst())
                    .ifPresent(r -> c.put("IPRange", r));
            c.put("Gateway", bridge.get().gateway());
        } else {
            for (NetworkOps.IpamConfig i : details.map(LinuxNetworks.Details::ipam).orElse(List.of())) {
                ObjectNode c = config.addObject();
                i.subnet().ifPresent(s -> c.put("Subnet", s));
                i.ipRange().ifPresent(s -> c.put("IPRange", s));
                i.gateway().ifPresent(s -> c.put("Gateway", s));
            }
        }
        json.put("Internal", details.map(LinuxNetworks.Details::internal).orElse(false));
        json.put("Attachable", true);
        json.put("Ingress", false);
        json.putObject("ConfigFrom").put("Network", "");
        json.put("ConfigOnly", false);
        ObjectNode containers = json.putObject("Containers");
        String prefix = bridge.map(b -> b.subnet().substring(b.subnet().indexOf('/'))).orElse("");
        var store = linux.linuxContainers().store();
        for (ContainerRecord r : store.list()) {
            Optional<Endpoint> e = r.endpoints().stream().filter(x -> x.network().equals(n.name())).findFirst();
            if (e.isEmpty() || !r.spec().networks().containsKey(n.name())
                    || !ContainerStatus.of(r, store).running()) {
                continue;
            }
            ObjectNode c = containers.putObject(r.id());
            c.put("Name", r.name());
            c.put("EndpointID", e.get().hostVeth());
            c.put("MacAddress", e.get().mac());
            c.put("IPv4Address", e.get().ipv4() + prefix);
            c.put("IPv6Address", "");
        }
        json.set("Options", DockerJson.map(details.map(LinuxNetworks.Details::options).orElse(java.util.Map.of())));
        json.set("Labels", DockerJson.map(n.labels()));
        return json;
    }
}
