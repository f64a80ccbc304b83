package io.jcompose.engine.linux.supervise;

import io.jcompose.engine.linux.container.ContainerStore;
import io.jcompose.engine.linux.dns.DnsServer;
import io.jcompose.engine.linux.dns.Upstreams;
import io.jcompose.engine.linux.network.BridgeNetwork;
import io.jcompose.engine.linux.network.LinuxNetworks;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The embedded DNS servers a supervisor runs: one on the gateway address (port 53) of each network its project
 * owns. A query that arrives on a network's gateway comes from a container on that network, so each server only
 * answers with peers on its own network: isolation between networks holds for names too.
 */
final class DnsHosting implements AutoCloseable {

    private final String project;
    private final LinuxNetworks networks;
    private final ContainerStore store;
    private final Map<String, DnsServer> servers = new HashMap<>();
    private final Set<String> reported = new HashSet<>();

    DnsHosting(String project, LinuxNetworks networks, ContainerStore store) {
        this.project = project;
        this.networks = networks;
        this.store = store;
    }

    /** Starts servers for new networks of the project, stops those of removed ones. */
    void reconcile() {
        Set<String> wanted = new HashSet<>();
        for (var info : networks.list()) {
            if (!LinuxNetworks.owner(info.labels()).equals(project)) {
                continue;
            }
            wanted.add(info.name());
            if (servers.containsKey(info.name())) {
                continue;
            }
            networks.bridge(info.name()).ifPresent(this::serve);
        }
        servers.entrySet().removeIf(e -> {
            if (wanted.contains(e.getKey())) {
                return false;
            }
            e.getValue().close();
            return true;
        });
    }

    /** The networks whose names this supervisor serves. */
    Set<String> served() {
        return servers.keySet();
    }

    private void serve(BridgeNetwork network) {
        try {
            DnsServer server = DnsServer.start(InetAddress.getByName(network.gateway()), 53,
                    new NetworkNames(store, network.name()), Upstreams.parse(hostResolvConf()));
            servers.put(network.name(), server);
            System.err.println(Instant.now() + " serving names of network " + network.name() + " on "
                    + network.gateway() + ":53");
        } catch (IOException | RuntimeException e) {
            // the bridge may not be up yet (its first container starts it): the next pass tries again
            if (reported.add(network.name())) {
                System.err.println(Instant.now() + " cannot serve names of " + network.name() + " yet: "
                        + e.getMessage());
            }
        }
    }

    private static String hostResolvConf() {
        try {
            return Files.readString(Path.of("/etc/resolv.conf"));
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() {
        servers.values().forEach(DnsServer::close);
        servers.clear();
    }

}
