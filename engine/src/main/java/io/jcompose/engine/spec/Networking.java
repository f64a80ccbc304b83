package io.jcompose.engine.spec;

import io.jcompose.engine.spi.EndpointSpec;
import io.jcompose.model.Network;
import io.jcompose.model.Project;
import io.jcompose.model.Service;
import io.jcompose.model.ServiceNetwork;
import io.jcompose.planner.labels.ComposeNames;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/** A container's networking as docker compose sets it up: mode, endpoints and aliases, links, shared namespaces. */
final class Networking {

    private static final String SERVICE_PREFIX = "service:";
    private static final String CONTAINER_PREFIX = "container:";

    private final Project project;
    private final ServiceContainers containers;

    Networking(Project project, ServiceContainers containers) {
        this.project = project;
        this.containers = containers;
    }

    /**
     * {@code network_mode} with {@code service:x} resolved to x's first container; {@code none} for a service that
     * joins no network (docker compose's choice when there is nothing to attach to); empty when it joins networks.
     */
    Optional<String> mode(Service service) {
        Optional<String> mode = service.networkMode();
        if (mode.isPresent()) {
            return namespace(mode);
        }
        return service.networks().isEmpty() ? Optional.of("none") : Optional.empty();
    }

    /** {@code service:x} to {@code container:<x's first container>}; any other mode unchanged. */
    Optional<String> namespace(Optional<String> mode) {
        return mode.map(m -> m.startsWith(SERVICE_PREFIX)
                ? CONTAINER_PREFIX + first(m.substring(SERVICE_PREFIX.length())) : m);
    }

    /**
     * The networks to join, by backend name, in docker compose's order: highest {@code priority} first, then by key.
     * Aliases are the container's name, then (for a service's own containers, not one-offs) the service's name and
     * its aliases there. The service-wide {@code mac_address} goes to the first network when that sets none.
     */
    Map<String, EndpointSpec> endpoints(Service service, String containerName, boolean useServiceAliases) {
        if (service.networkMode().isPresent()) {
            return Map.of();
        }
        Map<String, EndpointSpec> out = new LinkedHashMap<>();
        Optional<String> mac = service.attributes().string("mac_address");
        for (Map.Entry<String, ServiceNetwork> e : byPriority(service.networks())) {
            ServiceNetwork net = e.getValue();
            Set<String> aliases = new LinkedHashSet<>();
            aliases.add(containerName);
            if (useServiceAliases) {
                aliases.add(service.name());
                aliases.addAll(net.aliases());
            }
            Optional<String> endpointMac = out.isEmpty() ? net.macAddress().or(() -> mac) : net.macAddress();
            out.put(networkName(e.getKey()), new EndpointSpec(List.copyOf(aliases), net.ipv4Address(),
                    net.ipv6Address(), endpointMac));
        }
        return Collections.unmodifiableMap(out);
    }

    static List<Map.Entry<String, ServiceNetwork>> byPriority(Map<String, ServiceNetwork> networks) {
        return networks.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<String, ServiceNetwork> e) -> -e.getValue().priority())
                        .thenComparing(Map.Entry::getKey))
                .toList();
    }

    private String networkName(String key) {
        return Optional.ofNullable(project.networks().get(key)).map(Network::name)
                .orElseGet(() -> ComposeNames.resource(project.name(), key));
    }

    /** {@code x[:ro]} to x's first container, {@code container:name[:ro]} to {@code name[:ro]}. */
    List<String> volumesFrom(Service service) {
        List<String> out = new ArrayList<>();
        for (String entry : service.volumesFrom()) {
            if (entry.startsWith(CONTAINER_PREFIX)) {
                out.add(entry.substring(CONTAINER_PREFIX.length()));
                continue;
            }
            int colon = entry.indexOf(':');
            String source = colon < 0 ? entry : entry.substring(0, colon);
            out.add(first(source) + (colon < 0 ? "" : entry.substring(colon)));
        }
        return List.copyOf(out);
    }

    /**
     * {@code container:alias} entries as docker compose (after compose v1) writes them: for each container of a
     * linked service its link name, {@code <service>-<n>} and {@code <project>-<service>-<n>}; then
     * {@code external_links} as given. Unlike docker compose, a one-off does not also link to its own service's
     * containers: those may not exist (a {@code run} does not start its own service), and on a project network
     * the service's name resolves anyway.
     */
    List<String> links(Service service, OptionalInt number) {
        List<String> out = new ArrayList<>();
        String n = Integer.toString(number.orElse(0));
        for (String link : service.links()) {
            int colon = link.indexOf(':');
            String target = colon < 0 ? link : link.substring(0, colon);
            String alias = colon < 0 ? link : link.substring(colon + 1);
            for (String container : containers.of(target)) {
                out.add(container + ":" + alias);
                out.add(container + ":" + target + ComposeNames.SEPARATOR + n);
                out.add(container + ":" + ComposeNames.container(project.name(), target, number.orElse(0)));
            }
        }
        for (String link : service.attributes().strings("external_links")) {
            out.add(link.indexOf(':') < 0 ? link + ":" + link : link);
        }
        return List.copyOf(out);
    }

    private String first(String service) {
        List<String> names = containers.of(service);
        return names.isEmpty() ? ComposeNames.container(project.name(), service, 1) : names.getFirst();
    }
}
