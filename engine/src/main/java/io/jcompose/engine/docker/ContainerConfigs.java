package io.jcompose.engine.docker;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Device;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HealthCheck;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.InternetProtocol;
import com.github.dockerjava.api.model.Link;
import com.github.dockerjava.api.model.LogConfig;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.RestartPolicy;
import com.github.dockerjava.api.model.Ulimit;
import com.github.dockerjava.api.model.VolumesFrom;
import io.jcompose.engine.spi.ContainerSpec;
import io.jcompose.engine.spi.EndpointSpec;
import io.jcompose.engine.spi.RuntimeFailureException;
import io.jcompose.planner.labels.ComposeLabels;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Translates a {@link ContainerSpec} into docker-java's create command the way docker compose fills the Engine
 * API's container config and host config. It decides nothing the spec has not decided.
 */
final class ContainerConfigs {

    private ContainerConfigs() {
    }

    /** The create command for {@code spec}, attached at creation to the first of its networks only. */
    static CreateContainerCmd apply(CreateContainerCmd cmd, ContainerSpec spec) {
        cmd.withName(spec.name()).withImage(spec.image()).withLabels(spec.labels())
                .withEnv(spec.environment().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList())
                .withTty(spec.tty()).withStdinOpen(spec.stdinOpen())
                // as docker compose run: a one-off reading input gets end of file when the caller's input ends
                .withAttachStdin(spec.stdinOpen() && oneOff(spec)).withStdInOnce(spec.stdinOpen() && oneOff(spec))
                .withAttachStdout(true).withAttachStderr(true)
                .withExposedPorts(List.copyOf(exposedPorts(spec)));
        spec.entrypoint().ifPresent(cmd::withEntrypoint);
        spec.command().ifPresent(cmd::withCmd);
        spec.hostname().ifPresent(cmd::withHostName);
        spec.domainname().ifPresent(cmd::withDomainName);
        spec.user().ifPresent(cmd::withUser);
        spec.workingDir().ifPresent(cmd::withWorkingDir);
        spec.stopSignal().ifPresent(cmd::withStopSignal);
        spec.stopTimeout().ifPresent(t -> cmd.withStopTimeout((int) t.toSeconds()));
        spec.healthcheck().ifPresent(h -> cmd.withHealthcheck(healthcheck(h)));
        spec.platform().ifPresent(cmd::withPlatform);
        firstNetwork(spec).ifPresent(first -> {
            EndpointSpec endpoint = first.getValue();
            cmd.withAliases(endpoint.aliases());
            endpoint.ipv4Address().ifPresent(cmd::withIpv4Address);
            endpoint.ipv6Address().ifPresent(cmd::withIpv6Address);
            endpoint.macAddress().ifPresent(cmd::withMacAddress);
        });
        return cmd.withHostConfig(hostConfig(spec));
    }

    private static boolean oneOff(ContainerSpec spec) {
        return ComposeLabels.TRUE.equals(spec.labels().get(ComposeLabels.ONEOFF));
    }

    static Optional<Map.Entry<String, EndpointSpec>> firstNetwork(ContainerSpec spec) {
        return spec.networks().entrySet().stream().findFirst();
    }

    private static HostConfig hostConfig(ContainerSpec spec) {
        HostConfig host = HostConfig.newHostConfig()
                .withNetworkMode(spec.networkMode().or(() -> firstNetwork(spec).map(Map.Entry::getKey))
                        .orElse("none"))
                .withPrivileged(spec.privileged()).withInit(spec.init() ? Boolean.TRUE : null)
                .withReadonlyRootfs(spec.readOnly())
                .withRestartPolicy(restartPolicy(spec.restart()))
                .withPortBindings(portBindings(spec.ports()))
                .withBinds(Volumes.binds(spec.mounts())).withMounts(Volumes.mounts(spec.mounts()))
                .withCapAdd(capabilities(spec.capAdd())).withCapDrop(capabilities(spec.capDrop()))
                .withExtraHosts(spec.extraHosts().toArray(String[]::new))
                .withDns(spec.dns()).withDnsSearch(spec.dnsSearch()).withDnsOptions(spec.dnsOptions())
                .withVolumesFrom(spec.volumesFrom().stream().map(VolumesFrom::parse).toList())
                .withLinks(spec.links().stream().map(Link::parse).toList())
                .withSysctls(spec.sysctls()).withSecurityOpts(spec.securityOpt()).withTmpFs(spec.tmpfs())
                .withGroupAdd(spec.groupAdd())
                .withDevices(spec.devices().stream().map(Device::parse).toList())
                .withUlimits(spec.ulimits().entrySet().stream()
                        .map(e -> new Ulimit(e.getKey(), e.getValue().soft(), e.getValue().hard())).toList());
        spec.ipc().ifPresent(host::withIpcMode);
        spec.pid().ifPresent(host::withPidMode);
        spec.logging().ifPresent(l -> host.withLogConfig(new LogConfig(loggingType(l.driver()), l.options())));
        resources(host, spec.resources());
        return host;
    }

    private static void resources(HostConfig host, ContainerSpec.Resources r) {
        r.memory().ifPresent(host::withMemory);
        r.memoryReservation().ifPresent(host::withMemoryReservation);
        r.cpus().ifPresent(c -> host.withNanoCPUs(Math.round(c * 1e9)));
        r.cpuShares().ifPresent(s -> host.withCpuShares(s.intValue()));
        r.cpuset().ifPresent(host::withCpusetCpus);
        r.pidsLimit().ifPresent(host::withPidsLimit);
        r.shmSize().ifPresent(host::withShmSize);
    }

    /** Published ports are exposed too, as {@code docker run -p} does; expose ranges expand to each port. */
    private static Set<ExposedPort> exposedPorts(ContainerSpec spec) {
        Set<ExposedPort> out = new LinkedHashSet<>();
        spec.ports().forEach(p -> out.add(new ExposedPort(p.containerPort(), protocol(p.protocol()))));
        for (String e : spec.expose()) {
            String[] portAndProto = e.split("/", 2);
            String[] range = portAndProto[0].split("-", 2);
            int from = Integer.parseInt(range[0].strip());
            int to = range.length > 1 ? Integer.parseInt(range[1].strip()) : from;
            for (int port = from; port <= to; port++) {
                out.add(new ExposedPort(port, protocol(portAndProto.length > 1 ? portAndProto[1] : "tcp")));
            }
        }
        return out;
    }

    private static Ports portBindings(List<ContainerSpec.PortSpec> ports) {
        Ports out = new Ports();
        for (ContainerSpec.PortSpec p : ports) {
            // an empty host port asks the daemon for any free one, which is what an unpublished port means
            out.bind(new ExposedPort(p.containerPort(), protocol(p.protocol())),
                    new Ports.Binding(p.hostIp().orElse(""), p.hostPort().orElse("")));
        }
        return out;
    }

    private static InternetProtocol protocol(String text) {
        return InternetProtocol.parse(text.toLowerCase(Locale.ROOT));
    }

    private static RestartPolicy restartPolicy(ContainerSpec.RestartPolicy policy) {
        return switch (policy.name()) {
            case "always" -> RestartPolicy.alwaysRestart();
            case "unless-stopped" -> RestartPolicy.unlessStoppedRestart();
            case "on-failure" -> RestartPolicy.onFailureRestart(policy.maxRetries());
            case "no", "" -> RestartPolicy.noRestart();
            default -> throw new RuntimeFailureException("unknown restart policy \"" + policy.name()
                    + "\" (expected no, always, on-failure[:N] or unless-stopped)");
        };
    }

    private static HealthCheck healthcheck(ContainerSpec.HealthcheckSpec h) {
        HealthCheck out = new HealthCheck();
        if (!h.test().isEmpty()) {
            out.withTest(h.test());
        }
        h.interval().map(Duration::toNanos).ifPresent(out::withInterval);
        h.timeout().map(Duration::toNanos).ifPresent(out::withTimeout);
        h.startPeriod().map(Duration::toNanos).ifPresent(out::withStartPeriod);
        h.startInterval().map(Duration::toNanos).ifPresent(out::withStartInterval);
        h.retries().ifPresent(out::withRetries);
        return out;
    }

    /** docker-java knows capabilities as an enum; the Engine API accepts them with or without {@code CAP_}. */
    private static Capability[] capabilities(List<String> names) {
        List<Capability> out = new ArrayList<>();
        for (String name : names) {
            String bare = name.toUpperCase(Locale.ROOT).replaceFirst("^CAP_", "");
            try {
                out.add(Capability.valueOf(bare));
            } catch (IllegalArgumentException e) {
                throw new RuntimeFailureException("unknown capability \"" + name + "\" (expected a Linux"
                        + " capability such as NET_ADMIN or ALL)", e);
            }
        }
        return out.toArray(Capability[]::new);
    }

    private static LogConfig.LoggingType loggingType(String driver) {
        if (driver.isEmpty()) {
            return null; // options for the daemon's default driver, as docker compose sends them
        }
        for (LogConfig.LoggingType type : LogConfig.LoggingType.values()) {
            if (type.getType().equals(driver)) {
                return type;
            }
        }
        throw new RuntimeFailureException("unsupported logging driver \"" + driver + "\" (expected one of "
                + Arrays.stream(LogConfig.LoggingType.values()).map(LogConfig.LoggingType::getType)
                .toList() + ")");
    }
}
