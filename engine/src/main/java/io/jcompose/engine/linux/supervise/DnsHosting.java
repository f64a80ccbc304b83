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

    private final Path readyDir;

    /** {@code readyDir} gets a file per network served, which starting containers wait for. */
    DnsHosting(String project, LinuxNetworks networks, ContainerStore store, Path readyDir) {
        this.project = project;
        this.networks = networks;
        this.store = store;
        this.readyDir = readyDir;
    }

    /** The file that says a network's names are served, holding the serving process's pid. */
    static Path readyFile(Path readyDir, String network) {
        return readyDir.resolve(network.replaceAll("[^a-zA-Z0-9_.-]", "_") + ".ready");
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
            unmark(e.getKey());
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
            Files.createDirectories(readyDir);
            Files.writeString(readyFile(readyDir, network.name()), Long.toString(ProcessHandle.current().pid()));
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

    private void unmark(String network) {
        try {
            Files.deleteIfExists(readyFile(readyDir, network));
        } catch (IOException ignored) {
            // a stale marker names a dead pid, which waiters check
        }
    }

    @Override
    public void close() {
        servers.forEach((name, server) -> {
            server.close();
            unmark(name);
        });
        servers.clear();
    }

}
