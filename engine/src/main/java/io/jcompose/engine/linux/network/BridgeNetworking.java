package io.jcompose.engine.linux.network;

import io.jcompose.engine.spi.ContainerSpec;
import io.jcompose.engine.spi.EndpointSpec;
import io.jcompose.engine.spi.NotFoundException;
import io.jcompose.engine.spi.RuntimeFailureException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A container's networking on the built-in runtime: a network namespace of its own with one interface per network
 * it joins ({@code eth0} on the first, in compose's order, which also carries the default route and the published
 * ports), the embedded DNS server of the first network as its name server.
 */
public final class BridgeNetworking {

    private final NetworkPlumbing plumbing;
    private final LinuxNetworks networks;

    public BridgeNetworking(NetworkPlumbing plumbing, LinuxNetworks networks) {
        this.plumbing = plumbing;
        this.networks = networks;
    }

    /** What a started container got: its namespace, addresses, ports, and the name server to put in resolv.conf. */
    public record Attached(Path netns, List<Endpoint> endpoints, List<PublishedPort> published,
                           Optional<String> nameserver) {
    }

    /** Fails unless every network the spec names exists (compose creates them first; a user may have not). */
    public void check(ContainerSpec spec) {
        for (String name : spec.networks().keySet()) {
            if (networks.bridge(name).isEmpty()) {
                throw new NotFoundException("network " + name + " not found");
            }
        }
    }

    /** Fails when a fixed host port of the spec is taken (see {@link NetworkPlumbing#checkPorts}). */
    public void checkPorts(java.util.Set<String> replaced, ContainerSpec spec) {
        plumbing.checkPorts(replaced, spec.ports());
    }

    /** Sets the container's networking up; on failure nothing of it is left. */
    public Attached attach(String containerId, ContainerSpec spec) {
        Path netns = plumbing.createNamespace(containerId);
        try {
            List<Endpoint> endpoints = new ArrayList<>();
            List<PublishedPort> published = List.of();
            Optional<String> nameserver = Optional.empty();
            int index = 0;
            for (Map.Entry<String, EndpointSpec> e : spec.networks().entrySet()) {
                BridgeNetwork network = bridge(e.getKey());
                plumbing.ensure(network);
                Endpoint endpoint = plumbing.attach(containerId, netns, network, "eth" + index,
                        e.getValue().ipv4Address(), e.getValue().macAddress(), index == 0);
                endpoints.add(endpoint);
                if (index == 0) {
                    nameserver = Optional.of(network.gateway());
                    if (!spec.ports().isEmpty()) {
                        published = plumbing.publish(containerId, network, endpoint.ipv4(), spec.ports());
                    }
                }
                index++;
            }
            return new Attached(netns, endpoints, published, nameserver);
        } catch (RuntimeException e) {
            detachAll(containerId);
            throw e;
        }
    }

    /** Undoes {@link #attach}: ports unpublished, namespace deleted (its interfaces go with it). */
    public void detachAll(String containerId) {
        plumbing.unpublish(containerId);
        plumbing.deleteNamespace(containerId);
    }

    /** Forgets the container's addresses (at removal). */
    public void forget(String containerId) {
        plumbing.release(containerId);
    }

    /** Joins a running container to one more network, live. */
    public Endpoint connect(String containerId, Path netns, String network, EndpointSpec endpoint, String ifname) {
        BridgeNetwork bridge = bridge(network);
        plumbing.ensure(bridge);
        return plumbing.attach(containerId, netns, bridge, ifname, endpoint.ipv4Address(), endpoint.macAddress(),
                false);
    }

    public void disconnect(String containerId, Path netns, String network) {
        plumbing.detach(containerId, netns, bridge(network));
    }

    /** The namespace path a container of this id has while it runs. */
    public Path namespace(String containerId) {
        return plumbing.createNamespace(containerId);
    }

    private BridgeNetwork bridge(String name) {
        return networks.bridge(name).orElseThrow(() -> new RuntimeFailureException("network " + name
                + " has no bridge (was it created by an older jcompose?): remove and create it again"));
    }
}
