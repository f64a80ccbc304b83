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

    /** Docker's default network, where names of containers do not resolve. */
    static final String DEFAULT_BRIDGE = "bridge";

    private final ContainerStore store;
    private final String network;

    NetworkNames(ContainerStore store, String network) {
        this.store = store;
        this.network = network;
    }

    @Override
    public List<Inet4Address> lookup(String name) {
        List<Inet4Address> out = new ArrayList<>();
        if (network.equals(DEFAULT_BRIDGE)) {
            // as in Docker, containers on the default network do not find each other by name (only via links)
            return out;
        }
        for (ContainerRecord r : store.list()) {
            Optional<Endpoint> endpoint = endpoint(r);
            if (endpoint.isEmpty() || names(r).stream().noneMatch(n -> n.equalsIgnoreCase(name))
                    || !ContainerStatus.of(r, store).running()) {
                continue;
            }
            address(endpoint.get().ipv4()).ifPresent(out::add);
        }
        return out;
    }

    @Override
    public Optional<String> reverse(Inet4Address address) {
        for (ContainerRecord r : store.list()) {
            Optional<Endpoint> endpoint = endpoint(r);
            if (endpoint.isPresent() && endpoint.get().ipv4().equals(address.getHostAddress())
                    && ContainerStatus.of(r, store).running()) {
                return Optional.of(r.name());
            }
        }
        return Optional.empty();
    }

    private Optional<Endpoint> endpoint(ContainerRecord r) {
        if (r.spec().networkMode().isPresent() || !r.spec().networks().containsKey(network)) {
            return Optional.empty();
        }
        return r.endpoints().stream().filter(e -> e.network().equals(network)).findFirst();
    }

    private Set<String> names(ContainerRecord r) {
        Set<String> names = new LinkedHashSet<>();
        names.add(r.name());
        names.add(r.id().substring(0, 12));
        EndpointSpec spec = r.spec().networks().get(network);
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
