package io.jcompose.model;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A loaded, validated, normalised compose project. {@code document} is its canonical form, the exact tree that
 * {@code jcompose config} prints; the other fields are typed views of it.
 */
public record Project(String name, Path workingDir, List<Path> configFiles, List<Path> envFiles,
                      Map<String, Service> services, Map<String, Network> networks, Map<String, Volume> volumes,
                      Map<String, FileObject> secrets, Map<String, FileObject> configs,
                      Map<String, Service> disabledServices, Map<String, String> environment,
                      Attributes document) {

    public Project {
        configFiles = List.copyOf(configFiles);
        envFiles = List.copyOf(envFiles);
        services = frozen(services);
        networks = frozen(networks);
        volumes = frozen(volumes);
        secrets = frozen(secrets);
        configs = frozen(configs);
        disabledServices = frozen(disabledServices);
        environment = frozen(environment);
    }

    private static <V> Map<String, V> frozen(Map<String, V> map) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    public Optional<Service> service(String serviceName) {
        return Optional.ofNullable(services.get(serviceName));
    }

    public List<String> serviceNames() {
        return List.copyOf(services.keySet());
    }
}
