package io.jcompose.cli.command;

import io.jcompose.cli.UsageException;
import io.jcompose.engine.spi.Backend;
import io.jcompose.engine.spi.ContainerInfo;
import io.jcompose.planner.observed.ObservedContainer;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jcompose port}: where a container port of a service is published on the host. */
@Command(name = "port", description = "Print the public port for a port binding")
public final class PortCommand extends EngineCommand {

    @Parameters(index = "0", paramLabel = "SERVICE", description = "The service")
    String service;

    @Parameters(index = "1", paramLabel = "PRIVATE_PORT", description = "The container port")
    int privatePort;

    @Option(names = "--protocol", paramLabel = "PROTO", description = "tcp or udp")
    String protocol = "tcp";

    @Option(names = "--index", paramLabel = "N", description = "Index of the container if service has multiple replicas")
    int index = 1;

    @Override
    public Integer call() {
        String name = projectName(projectIfAny(List.of(service)));
        try (Backend backend = openBackend()) {
            ObservedContainer c = ServiceContainers.one(backend, name, service, index);
            ContainerInfo info = backend.containers().inspect(c.name()).orElseThrow(() ->
                    new UsageException("container " + c.name() + " is gone"));
            for (ContainerInfo.PublishedPort p : info.ports()) {
                if (p.containerPort() == privatePort && p.protocol().equals(protocol) && p.hostPort().isPresent()) {
                    console.out().println((p.hostIp().isEmpty() ? "0.0.0.0" : p.hostIp()) + ":" + p.hostPort().get());
                    console.out().flush();
                    return 0;
                }
            }
            throw new UsageException("no port " + privatePort + "/" + protocol + " published for service " + service);
        }
    }
}
