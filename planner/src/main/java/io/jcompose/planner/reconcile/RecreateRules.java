package io.jcompose.planner.reconcile;

import io.jcompose.model.Network;
import io.jcompose.model.Volume;
import io.jcompose.model.hash.ConfigHash;
import io.jcompose.planner.observed.ObservedContainer;
import io.jcompose.planner.observed.ObservedNetwork;
import io.jcompose.planner.plan.Cause;
import java.util.Optional;

/**
 * Whether an existing container must be replaced, and why, in docker compose's order: the recreate strategy, a
 * recreated service whose container it shares (network, ipc, pid, volumes_from), the config-hash, the image, a
 * network it should be on, a volume it should mount.
 */
final class RecreateRules {

    private final UpContext ctx;

    RecreateRules(UpContext ctx) {
        this.ctx = ctx;
    }

    /**
     * Computed once per service: the parts of the verdict that do not depend on the container. The config-hash is
     * empty when no container needs comparing: it is the costliest part of a plan.
     */
    record ServiceFacts(Recreate strategy, boolean parentRecreated, String configHash, Optional<String> digest,
                        boolean imageComing) {
    }

    ServiceFacts facts(String name, boolean compare) {
        boolean parentRecreated = ctx.graph.dependenciesOf(name).entrySet().stream()
                .anyMatch(e -> e.getValue().sharesContainer() && ctx.recreatedServices.contains(e.getKey()));
        Recreate strategy = ctx.strategy(name);
        String hash = compare && strategy == Recreate.DIVERGED ? ConfigHash.of(ctx.service(name)) : "";
        return new ServiceFacts(strategy, parentRecreated, hash, ctx.imageDigests.getOrDefault(name,
                Optional.empty()), ctx.imageNodes.containsKey(name));
    }

    Optional<Cause> mustRecreate(String name, ServiceFacts facts, ObservedContainer c) {
        switch (facts.strategy()) {
            case NEVER -> {
                return Optional.empty();
            }
            case FORCE -> {
                return Optional.of(Cause.FORCED);
            }
            case DIVERGED -> {
                // decided below
            }
        }
        if (facts.parentRecreated()) {
            return Optional.of(Cause.DEPENDENCY_RECREATED);
        }
        if (!c.configHash().orElse("").equals(facts.configHash())) {
            return Optional.of(Cause.CONFIG_HASH_CHANGED);
        }
        if (imageChanged(facts, c)) {
            return Optional.of(Cause.IMAGE_CHANGED);
        }
        ServiceView service = ctx.view(name);
        if (networkChanged(service, c)) {
            return Optional.of(Cause.NETWORK_CHANGED);
        }
        return volumeChanged(service, c) ? Optional.of(Cause.VOLUME_CHANGED) : Optional.empty();
    }

    /**
     * A known digest must match the container's; with no local image to compare, a pull or build for a missing
     * image means the container's image is gone, so the container goes too.
     */
    private static boolean imageChanged(ServiceFacts facts, ObservedContainer c) {
        if (facts.digest().isPresent()) {
            return !facts.digest().get().equals(c.imageDigest());
        }
        return facts.imageComing();
    }

    private boolean networkChanged(ServiceView service, ObservedContainer c) {
        for (String key : service.networks().keySet()) {
            Network network = ctx.project.networks().get(key);
            if (network == null || network.external() || ctx.recreatedNetworks.contains(key)) {
                continue;
            }
            if (ctx.missingNetworks.contains(key)) {
                return true;
            }
            // only a running container reliably reports its endpoints, so docker compose checks only those
            ObservedNetwork seen = ctx.networks.get(key);
            if (c.isUp() && seen != null && !c.networks().containsValue(seen.id())) {
                return true;
            }
        }
        return false;
    }

    private boolean volumeChanged(ServiceView service, ObservedContainer c) {
        for (String key : service.namedVolumes()) {
            Volume volume = ctx.project.volumes().get(key);
            if (volume == null || volume.external()) {
                continue;
            }
            if (ctx.missingVolumes.contains(key) || !c.volumes().contains(ctx.volumeNames.get(key))) {
                return true;
            }
        }
        return false;
    }
}
