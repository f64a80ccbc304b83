package io.jcompose.engine.spec;

import io.jcompose.engine.spi.ContainerSpec;
import io.jcompose.model.Attributes;
import io.jcompose.model.Project;
import io.jcompose.model.Service;
import io.jcompose.planner.labels.ComposeLabels;
import io.jcompose.planner.labels.ComposeNames;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * Builds the {@link ContainerSpec} of one container of a service exactly as docker compose creates it: its labels,
 * command, mounts, networks, limits. Pure: references to other services' containers go through
 * {@link ServiceContainers}, so the engine can answer them from what it observed.
 */
public final class ContainerSpecs {

    /** Written in {@code com.docker.compose.version} when the caller names no version of its own. */
    public static final String DEFAULT_VERSION = "0.1.0";

    private final Project project;
    private final String version;
    private final ServiceContainers containers;

    public ContainerSpecs(Project project, String version, ServiceContainers containers) {
        this.project = project;
        this.version = version;
        this.containers = containers;
    }

    /** Specs for {@code project}, with the other services' containers named as the model says they will be. */
    public static ContainerSpecs of(Project project, String version) {
        return new ContainerSpecs(project, version, ServiceContainers.fromModel(project));
    }

    /**
     * The spec of container {@code name} of {@code service}: replica {@code number}, or a one-off when empty.
     * {@code extraLabels} come last and win (the image digest, {@code replace}, a one-off's slug, a version).
     */
    public static ContainerSpec of(Project project, Service service, String name, OptionalInt number,
                                   Map<String, String> extraLabels) {
        return of(project, DEFAULT_VERSION).spec(service, name, number, extraLabels);
    }

    /** See {@link #of(Project, Service, String, OptionalInt, Map)}. */
    public ContainerSpec spec(Service service, String name, OptionalInt number, Map<String, String> extraLabels) {
        Attributes a = service.attributes();
        Networking networking = new Networking(project, containers);
        return new ContainerSpec(name, image(service), service.entrypoint(), service.command(),
                service.environment(), labels(service, number, extraLabels), a.string("hostname"),
                a.string("domainname"), a.string("user"), a.string("working_dir"), a.bool("tty"),
                a.bool("stdin_open"), a.bool("privileged"), a.bool("init"), a.bool("read_only"),
                a.strings("cap_add"), a.strings("cap_drop"), service.stopSignal(), service.stopGracePeriod(),
                Limits.restart(a), Limits.healthcheck(service), ports(service), a.strings("expose"),
                new Mounts(project).of(service), networking.mode(service),
                networking.endpoints(service, name, number.isPresent()), extraHosts(a), a.strings("dns"),
                a.strings("dns_search"), a.strings("dns_opt"), networking.namespace(a.string("ipc")),
                networking.namespace(a.string("pid")), networking.volumesFrom(service),
                networking.links(service, number), Limits.resources(a), a.stringMap("sysctls"),
                a.strings("security_opt"), tmpfs(a), a.strings("group_add"), a.string("platform"),
                Limits.logging(a), Limits.devices(a), Limits.ulimits(a));
    }

    /** The image a service runs: its {@code image}, else the one it builds, {@code <project>-<service>}. */
    public String image(Service service) {
        return service.image().orElseGet(() -> ComposeNames.builtImage(project.name(), service.name()));
    }

    private Map<String, String> labels(Service service, OptionalInt number, Map<String, String> extraLabels) {
        Map<String, String> labels = new TreeMap<>(ComposeLabels.container(project, service, number,
                Optional.empty(), Optional.empty(), version));
        labels.putAll(extraLabels);
        return Collections.unmodifiableMap(labels);
    }

    private static List<ContainerSpec.PortSpec> ports(Service service) {
        return service.ports().stream().map(p -> new ContainerSpec.PortSpec(p.target(), p.protocol(), p.hostIp(),
                p.published().filter(s -> !s.isEmpty()))).toList();
    }

    /** The canonical form holds {@code host=ip}; the daemon wants {@code host:ip}, as docker compose sends it. */
    private static List<String> extraHosts(Attributes a) {
        return a.strings("extra_hosts").stream().map(h -> h.replaceFirst("=", ":")).toList();
    }

    /** {@code /run:size=64m} to {@code /run -> size=64m}; a bare path has no options. */
    private static Map<String, String> tmpfs(Attributes a) {
        Map<String, String> out = new TreeMap<>();
        for (String entry : a.strings("tmpfs")) {
            int colon = entry.indexOf(':');
            out.put(colon < 0 ? entry : entry.substring(0, colon), colon < 0 ? "" : entry.substring(colon + 1));
        }
        return Collections.unmodifiableMap(out);
    }
}
