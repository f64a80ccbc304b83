package io.jcompose.cli.command.container;

import io.jcompose.engine.spi.Backend;
import io.jcompose.engine.spi.ContainerInfo;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code jcompose container port}: where a container's ports are published on the host. */
@Command(name = "port", sortOptions = false, description = "List port mappings or a specific mapping for the"
        + " container")
public final class ContainerPortCommand extends ContainerBase {

    @Parameters(index = "0", paramLabel = "CONTAINER", description = "The container (name, id or id prefix)")
    String container;

    @Parameters(index = "1", arity = "0..1", paramLabel = "PRIVATE_PORT[/PROTO]", description = "Only this port")
    String port;

    @Override
    protected int run(Backend backend) {
        ContainerInfo info = require(backend, container);
        String wantedPort = port == null ? null : port.contains("/") ? port.substring(0, port.indexOf('/')) : port;
        String wantedProto = port == null || !port.contains("/") ? "tcp" : port.substring(port.indexOf('/') + 1);
        List<String> lines = new ArrayList<>();
        for (ContainerInfo.PublishedPort p : info.ports()) {
            if (p.hostPort().isEmpty()) {
                continue;
            }
            String host = (p.hostIp().isEmpty() ? "0.0.0.0" : p.hostIp()) + ":" + p.hostPort().get();
            if (wantedPort == null) {
                lines.add(p.containerPort() + "/" + p.protocol() + " -> " + host);
            } else if (Integer.toString(p.containerPort()).equals(wantedPort) && p.protocol().equals(wantedProto)) {
                lines.add(host);
            }
        }
        if (port != null && lines.isEmpty()) {
            console.err().println("Error: No public port '" + wantedPort + "/" + wantedProto + "' published for "
                    + container);
            return 1;
        }
        lines.forEach(console.out()::println);
        return 0;
    }
}
