package io.jcompose.engine.linux.supervise;

import io.jcompose.engine.linux.container.ContainerRecord;
import io.jcompose.engine.linux.container.ContainerStatus;
import io.jcompose.engine.linux.container.ContainerStore;
import io.jcompose.engine.linux.dns.NameTable;
import io.jcompose.engine.linux.network.Endpoint;
import io.jcompose.engine.spi.EndpointSpec;
import io.jcompose.planner.labels.ComposeLabels;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The names on one network, read from the store at every query so that answers follow containers as they start,
 * stop, scale and get recreated: each running container on the network answers to its name, its short id,
 * {@code <service>-<n>}, and its aliases there (compose gives every container its service's name as an alias, so
 * the service name resolves to all its running replicas).
 */
final class NetworkNames implements NameTable {

    /** The network {@code container run} joins when none is named: Docker's default bridge. */
    static final String DEFAULT_BRIDGE = "bridge";

    private final ContainerStore store;
    private final String network;

    NetworkNames(ContainerStore store, String network) {
        this.store = store;
        this.network = network;
    }

    @Override
    public List<Inet4Address> lookup(String name) {
        return lookup(name, Set.of(network));
    }

    /**
     * Knowing the asking container (by its address on this network), its peers on every network it shares with them
     * resolve, each by its address on a shared network: what Docker does for a container joined to several networks
     * (its resolv.conf names only its first network's server).
     */
    @Override
    public List<Inet4Address> lookup(String name, java.net.InetAddress client) {
        if (DEFAULT_BRIDGE.equals(network) || client == null) {
            return lookup(name);
        }
        Set<String> shared = new LinkedHashSet<>(List.of(network));
        for (ContainerRecord r : store.list()) {
            if (endpoint(r, network).filter(e -> e.ipv4().equals(client.getHostAddress())).isPresent()) {
                r.endpoints().forEach(e -> shared.add(e.network()));
            }
        }
        shared.remove(DEFAULT_BRIDGE);
        return lookup(name, shared);
    }

    private List<Inet4Address> lookup(String name, Set<String> networks) {
        List<Inet4Address> out = new ArrayList<>();
        if (DEFAULT_BRIDGE.equals(network)) {
            // as on Docker's default bridge, containers there do not find each other by name
            return out;
        }
        for (ContainerRecord r : store.list()) {
            for (String net : networks) {
                Optional<Endpoint> endpoint = endpoint(r, net);
                if (endpoint.isPresent() && names(r, net).stream().anyMatch(n -> n.equalsIgnoreCase(name))
                        && ContainerStatus.of(r, store).running()) {
                    address(endpoint.get().ipv4()).filter(a -> !out.contains(a)).ifPresent(out::add);
                    break;
                }
            }
        }
        return out;
    }

    @Override
    public Optional<String> reverse(Inet4Address address) {
        for (ContainerRecord r : store.list()) {
            Optional<Endpoint> endpoint = endpoint(r, network);
            if (endpoint.isPresent() && endpoint.get().ipv4().equals(address.getHostAddress())
                    && ContainerStatus.of(r, store).running()) {
                return Optional.of(r.name());
            }
        }
        return Optional.empty();
    }

    private static Optional<Endpoint> endpoint(ContainerRecord r, String net) {
        if (r.spec().networkMode().isPresent() || !r.spec().networks().containsKey(net)) {
            return Optional.empty();
        }
        return r.endpoints().stream().filter(e -> e.network().equals(net)).findFirst();
    }

    private static Set<String> names(ContainerRecord r, String net) {
        Set<String> names = new LinkedHashSet<>();
        names.add(r.name());
        names.add(r.id().substring(0, 12));
        EndpointSpec spec = r.spec().networks().get(net);
        if (spec != null) {
            names.addAll(spec.aliases());
        }
        String service = r.spec().labels().get(ComposeLabels.SERVICE);
        String number = r.spec().labels().get(ComposeLabels.CONTAINER_NUMBER);
        if (service != null && number != null && !"True".equals(r.spec().labels().get(ComposeLabels.ONEOFF))) {
            names.add(service + "-" + number);
        }
        return names;
    }

    private static Optional<Inet4Address> address(String ip) {
        try {
            return InetAddress.getByName(ip) instanceof Inet4Address a ? Optional.of(a) : Optional.empty();
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
