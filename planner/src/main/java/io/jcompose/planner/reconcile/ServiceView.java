package io.jcompose.planner.reconcile;

import io.jcompose.model.Service;
import io.jcompose.model.ServiceNetwork;
import io.jcompose.model.ServiceVolume;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The attributes of a service that planning reads over and over, parsed once per plan: the model's accessors build
 * fresh collections on every call, which a 1,000-service plan cannot afford per container.
 *
 * @param namedVolumes  the compose keys of the named volumes it mounts
 * @param volumesFrom   the services it takes volumes from
 */
record ServiceView(Service service, SortedMap<String, ServiceNetwork> networks, List<String> namedVolumes,
                   List<String> volumesFrom, Optional<Duration> stopGracePeriod) {

    static ServiceView of(Service service) {
        List<String> named = new ArrayList<>();
        for (ServiceVolume v : service.volumes()) {
            if (v.type().equals("volume") && v.source().isPresent()) {
                named.add(v.source().get());
            }
        }
        List<String> from = service.volumesFrom().stream().filter(f -> !f.startsWith("container:"))
                .map(f -> f.split(":", 2)[0]).toList();
        return new ServiceView(service, Collections.unmodifiableSortedMap(new TreeMap<>(service.networks())),
                List.copyOf(named), from, service.stopGracePeriod());
    }
}
