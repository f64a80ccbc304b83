package io.jcompose.engine.linux.network;

import io.jcompose.engine.linux.store.StoreLayout;
import io.jcompose.engine.spi.ConflictException;
import io.jcompose.engine.spi.ContainerSpec;
import io.jcompose.engine.spi.NetworkOps;
import io.jcompose.engine.spi.RuntimeFailureException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The kernel side of compose networks: a bridge per network with its subnet, NAT egress and isolation rules, a
 * network namespace per container with one veth per network, and ports published by DNAT. Everything it sets up is
 * recorded (networks and addresses under {@code networks/bridges}, ports under the run root) so that another
 * process can undo it, and all changes of a store take turns on one lock file.
 */
public final class NetworkPlumbing {

    public static final String BRIDGE_NAME_OPTION = "com.docker.network.bridge.name";
    public static final String MTU_OPTION = "com.docker.network.driver.mtu";
    public static final int DEFAULT_MTU = 1500;

    private final StoreLayout layout;
    private final NetLock lock;
    private final Commands commands = new Commands();
    private final Firewall firewall = new Firewall(commands);
    private final Bridges bridges = new Bridges(commands);
    private final Namespaces namespaces = new Namespaces(commands);
    private final Veths veths = new Veths(commands);
    private final AddressAllocations allocations;
    private final PortPublisher ports;
    private final SubnetPool pool;

    public NetworkPlumbing(StoreLayout layout) {
        this(layout, SubnetPool.standard());
    }

    public NetworkPlumbing(StoreLayout layout, SubnetPool pool) {
        this.layout = layout;
        this.pool = pool;
        this.lock = new NetLock(layout.locks());
        this.allocations = new AddressAllocations(layout.networks().resolve("bridges"));
        this.ports = new PortPublisher(layout.runRoot().resolve("network").resolve("ports"), firewall);
    }

    /**
     * Creates the bridge (named from the network, or by {@code com.docker.network.bridge.name}), with the IPAM
     * subnet/ip_range/gateway when given, else a free /24 of the pool that overlaps no host route, no subnet Docker
     * masquerades and none of our networks; MTU from {@code com.docker.network.driver.mtu}; firewall rules.
     * Idempotent: a network set up already under that name is kept (with its subnet) when it still fits the spec.
     */
    public BridgeNetwork create(NetworkOps.NetworkSpec spec, String id) {
        return lock.locked(() -> {
            String bridge = Optional.ofNullable(spec.driverOpts().get(BRIDGE_NAME_OPTION)).map(String::trim)
                    .filter(s -> !s.isEmpty()).map(NetworkPlumbing::bridgeName)
                    .orElseGet(() -> BridgeNames.bridge(layout.root().toString(), spec.name()));
            int mtu = mtu(spec);
            Optional<NetworkOps.IpamConfig> ipam = spec.ipam().stream()
                    .filter(c -> c.subnet().map(s -> !s.contains(":")).orElse(true)
                            && c.gateway().map(s -> !s.contains(":")).orElse(true))
                    .findFirst();
            Optional<Subnet> requested = ipam.flatMap(NetworkOps.IpamConfig::subnet).map(s -> subnet(s, spec));
            Optional<AddressAllocations.NetworkState> existing = allocations.read(spec.name());
            if (existing.isPresent()) {
                BridgeNetwork e = existing.get().network();
                boolean fits = e.bridge().equals(bridge) && e.internal() == spec.internal() && e.mtu() == mtu
                        && requested.map(r -> r.equals(Subnet.parse(e.subnet()))).orElse(true)
                        && ipam.flatMap(NetworkOps.IpamConfig::gateway).map(g -> g.equals(e.gateway())).orElse(true);
                if (fits) {
                    BridgeNetwork n = new BridgeNetwork(e.name(), id, e.bridge(), e.subnet(), e.gateway(),
                            e.internal(), e.mtu());
                    allocations.write(new AddressAllocations.NetworkState(n, existing.get().ipRange(),
                            existing.get().addresses()));
                    ensure(n);
                    return n;
                }
                tearDown(e);
            }
            List<BridgeNetwork> others = allocations.all().stream().map(AddressAllocations.NetworkState::network)
                    .filter(n -> !n.name().equals(spec.name())).toList();
            for (BridgeNetwork o : others) {
                if (o.bridge().equals(bridge)) {
                    throw new ConflictException("network " + spec.name() + ": bridge " + bridge
                            + " is used by network " + o.name());
                }
            }
            Subnet subnet;
            if (requested.isPresent()) {
                subnet = requested.get();
                for (BridgeNetwork o : others) {
                    if (Subnet.parse(o.subnet()).overlaps(subnet)) {
                        throw new ConflictException("network " + spec.name() + ": Pool overlaps with other one on"
                                + " this address space (" + subnet + " and " + o.subnet() + " of network "
                                + o.name() + ")");
                    }
                }
            } else {
                List<Subnet> taken = new ArrayList<>(HostRoutes.read(commands));
                taken.addAll(firewall.masqueradedSources());
                others.forEach(o -> taken.add(Subnet.parse(o.subnet())));
                subnet = pool.pick(taken).orElseThrow(() -> new RuntimeFailureException("network " + spec.name()
                        + ": no free subnet left in the address pools; give one with ipam.config.subnet"));
            }
            if (subnet.prefix() > 30) {
                throw new RuntimeFailureException("network " + spec.name() + ": subnet " + subnet
                        + " is too small (at most /30)");
            }
            int gateway = ipam.flatMap(NetworkOps.IpamConfig::gateway).map(g -> address(g, spec))
                    .orElse(subnet.base() + 1);
            if (!subnet.isHost(gateway)) {
                throw new RuntimeFailureException("network " + spec.name() + ": gateway " + Subnet.format(gateway)
                        + " is not in subnet " + subnet);
            }
            String ipRange = null;
            Optional<String> range = ipam.flatMap(NetworkOps.IpamConfig::ipRange);
            if (range.isPresent()) {
                Subnet r = subnet(range.get(), spec);
                if (!subnet.contains(r)) {
                    throw new RuntimeFailureException("network " + spec.name() + ": ip_range " + r
                            + " is not in subnet " + subnet);
                }
                ipRange = r.toString();
            }
            BridgeNetwork n = new BridgeNetwork(spec.name(), id, bridge, subnet.toString(), Subnet.format(gateway),
                    spec.internal(), mtu);
            allocations.write(new AddressAllocations.NetworkState(n, ipRange, Map.of()));
            try {
                ensure(n);
            } catch (RuntimeException e) {
                try {
                    tearDown(n);
                    allocations.delete(n.name());
                } catch (RuntimeException cleanup) {
                    e.addSuppressed(cleanup);
                }
                throw e;
            }
            return n;
        });
    }

    /** Re-creates the bridge and its rules when missing (after a reboot, or when someone deleted them). */
    public void ensure(BridgeNetwork network) {
        lock.run(() -> {
            bridges.ensure(network);
            firewall.ensure(network.bridge(), NetworkRules.of(network));
        });
    }

    /** Removes bridge, rules and address allocations; gone already is fine. */
    public void remove(BridgeNetwork network) {
        lock.run(() -> {
            tearDown(network);
            allocations.delete(network.name());
        });
    }

    /** A network namespace for a container ({@code /run/netns/jc-<first 12 of id>}) with lo up; existing: reused. */
    public Path createNamespace(String containerId) {
        return namespaces.create(containerId);
    }

    /** Deletes the container's namespace; its veths go with it. Gone already is fine. */
    public void deleteNamespace(String containerId) {
        namespaces.delete(containerId);
    }

    /**
     * Joins the container to the network: an address (the fixed one when given; else the one it had, stable across
     * restarts), a veth pair (host end on the bridge with hairpin on, container end {@code ifname}), the MAC (given
     * or {@code 02:42:<address>}) and, when {@code defaultRoute} and the network is not internal, the default route
     * via the gateway.
     */
    public Endpoint attach(String containerId, Path netns, BridgeNetwork network, String ifname,
                           Optional<String> ipv4, Optional<String> mac, boolean defaultRoute) {
        String name;
        try {
            name = BridgeNames.checked(ifname);
        } catch (IllegalArgumentException e) {
            throw new RuntimeFailureException("invalid interface name \"" + ifname + "\"");
        }
        return lock.locked(() -> {
            if (!Bridges.exists(network.bridge())) {
                ensure(network);
            }
            String address = allocations.allocate(network, containerId, ipv4.map(String::trim));
            String macAddress;
            try {
                macAddress = mac.map(String::trim).filter(s -> !s.isEmpty()).map(MacAddresses::checked)
                        .orElseGet(() -> MacAddresses.forAddress(Subnet.address(address)));
            } catch (IllegalArgumentException e) {
                throw new RuntimeFailureException(e.getMessage());
            }
            String hostVeth = BridgeNames.hostVeth(network.bridge(), containerId);
            // like Docker, an internal network gives no default route: nothing to route to
            veths.create(netns, network, hostVeth, name, address, macAddress, defaultRoute && !network.internal());
            return new Endpoint(network.name(), address, macAddress, hostVeth);
        });
    }

    /** Removes the container's veth on that network (a live disconnect); its address stays allocated. */
    public void detach(String containerId, Path netns, BridgeNetwork network) {
        veths.delete(BridgeNames.hostVeth(network.bridge(), containerId));
    }

    /** Forgets the container's address on every network (at container removal). */
    public void release(String containerId) {
        lock.run(() -> allocations.release(containerId));
    }

    /**
     * Publishes ports to the container's address: host_ip 0.0.0.0 (default), 127.0.0.1 or a host address; tcp or
     * udp; a host port, a range to take a free one from, or any free port. A port taken (by a process, or by a
     * published port of ours) is a {@link ConflictException} naming it, raised before anything is set up; internal
     * networks refuse publishing. Publishing again replaces the container's former ports.
     */
    public List<PublishedPort> publish(String containerId, BridgeNetwork network, String containerIp,
                                       List<ContainerSpec.PortSpec> portSpecs) {
        return lock.locked(() -> ports.publish(containerId, network, containerIp, portSpecs));
    }

    /** Fails when a fixed host port is taken, except by the containers of {@code replaced}. */
    public void checkPorts(java.util.Set<String> replaced, List<ContainerSpec.PortSpec> portSpecs) {
        lock.locked(() -> {
            ports.check(replaced, portSpecs);
            return null;
        });
    }

    /** Removes the container's published ports; none is fine. */
    public void unpublish(String containerId) {
        lock.run(() -> ports.unpublish(containerId));
    }

    /** The networks set up by this store (for leak checks and {@code ls}). */
    public List<BridgeNetwork> networks() {
        return lock.locked(() -> allocations.all().stream().map(AddressAllocations.NetworkState::network).toList());
    }

    /** The network set up under that name, if any. */
    public Optional<BridgeNetwork> network(String name) {
        return lock.locked(() -> allocations.read(name).map(AddressAllocations.NetworkState::network));
    }

    /** Allocated addresses of a network, by container id. */
    public Map<String, String> addresses(String network) {
        return lock.locked(() -> allocations.read(network).map(s -> Map.copyOf(s.addresses())).orElse(Map.of()));
    }

    /** Published ports still set up, by container id. */
    public Map<String, List<PublishedPort>> publishedPorts() {
        return lock.locked(ports::all);
    }

    /** Every iptables rule of ours tagged {@code jcompose:<tag>} (a bridge or a container id's first 12). */
    public List<String> firewallRules(String tag) {
        return lock.locked(() -> firewall.tagged(tag));
    }

    /** The namespace path a container gets. */
    public static Path namespacePath(String containerId) {
        return Namespaces.path(containerId);
    }

    private void tearDown(BridgeNetwork n) {
        bridges.delete(n.bridge());
        firewall.remove(n.bridge());
    }

    private static String bridgeName(String name) {
        try {
            return BridgeNames.checked(name);
        } catch (IllegalArgumentException e) {
            throw new RuntimeFailureException(e.getMessage());
        }
    }

    private static int mtu(NetworkOps.NetworkSpec spec) {
        String value = spec.driverOpts().get(MTU_OPTION);
        if (value == null || value.isBlank()) {
            return DEFAULT_MTU;
        }
        try {
            int mtu = Integer.parseInt(value.trim());
            if (mtu >= 68 && mtu <= 65535) {
                return mtu;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new RuntimeFailureException("network " + spec.name() + ": invalid " + MTU_OPTION + " " + value);
    }

    private static Subnet subnet(String text, NetworkOps.NetworkSpec spec) {
        try {
            return Subnet.parse(text.trim());
        } catch (IllegalArgumentException e) {
            throw new RuntimeFailureException("network " + spec.name() + ": invalid subnet " + text);
        }
    }

    private static int address(String text, NetworkOps.NetworkSpec spec) {
        try {
            return Subnet.address(text.trim());
        } catch (IllegalArgumentException e) {
            throw new RuntimeFailureException("network " + spec.name() + ": invalid gateway " + text);
        }
    }
}
