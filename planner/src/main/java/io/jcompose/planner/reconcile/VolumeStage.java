package io.jcompose.planner.reconcile;

import io.jcompose.model.Volume;
import io.jcompose.planner.labels.ResourceHash;
import io.jcompose.planner.observed.ObservedContainer;
import io.jcompose.planner.observed.ObservedVolume;
import io.jcompose.planner.plan.Cause;
import io.jcompose.planner.plan.Operation.CreateVolume;
import io.jcompose.planner.plan.Operation.RemoveContainer;
import io.jcompose.planner.plan.Operation.RemoveVolume;
import io.jcompose.planner.plan.PlanNode;
import io.jcompose.planner.plan.ResourceId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Volumes of an {@code up}: create the missing ones. A volume whose config-hash diverged holds data, so it is only
 * recreated when the caller confirmed it (docker compose prompts); then the containers mounting it are removed first
 * and the container stage creates them afresh. Otherwise the plan warns and leaves it alone.
 */
final class VolumeStage {

    private final UpContext ctx;

    VolumeStage(UpContext ctx) {
        this.ctx = ctx;
    }

    void run() {
        List<String> diverged = new ArrayList<>();
        for (String key : used()) {
            Volume desired = ctx.project.volumes().get(key);
            if (desired != null && desired.external() && ctx.observed.volume(key, desired.name()).isEmpty()) {
                // a backend would make a missing named volume on the fly: an external one must exist already
                throw new io.jcompose.planner.PlanException("external volume \"" + desired.name() + "\" not found"
                        + " (create it first, e.g. jcompose volume create " + desired.name() + ")");
            }
            if (desired == null || desired.external()) {
                continue;
            }
            Optional<ObservedVolume> seen = ctx.observed.volume(key, desired.name());
            if (seen.isEmpty() || !seen.get().name().equals(desired.name())) {
                // a renamed volume is a new volume: the old one and its data stay where they are
                Cause cause = seen.isEmpty() ? Cause.MISSING : Cause.CONFIG_HASH_CHANGED;
                ctx.volumeNodes.put(key, ctx.plan.add(ResourceId.volume(key), new CreateVolume(desired), cause));
                ctx.missingVolumes.add(key);
                ctx.volumeNames.put(key, desired.name());
                continue;
            }
            ObservedVolume volume = seen.get();
            ctx.volumeNames.put(key, volume.name());
            if (!volume.belongsTo(ctx.project.name())) {
                ctx.plan.warn("volume \"" + volume.name() + "\" exists but was not created for project \""
                        + ctx.project.name() + "\"; it is used as it is (declare it external: true to say so)");
            } else if (volume.configHash().filter(h -> !h.equals(ResourceHash.of(desired))).isPresent()) {
                SortedSet<String> users = mounting(key);
                users.removeAll(ctx.selected);
                if (ctx.options.recreateDivergedVolumes() && users.isEmpty()) {
                    diverged.add(key);
                } else if (ctx.options.recreateDivergedVolumes()) {
                    // their containers would have to go, and this up would not bring them back
                    ctx.plan.warn("volume \"" + volume.name() + "\" does not match the compose file; it is kept"
                            + " because services outside this up use it: " + String.join(", ", users));
                } else {
                    ctx.plan.warn("volume \"" + volume.name() + "\" does not match the compose file; it is kept"
                            + " as it is (recreating it would lose its data)");
                }
            }
        }
        if (!diverged.isEmpty()) {
            recreate(diverged);
        }
    }

    private SortedSet<String> used() {
        SortedSet<String> keys = new TreeSet<>();
        for (String name : ctx.infra) {
            keys.addAll(ctx.view(name).namedVolumes());
        }
        return keys;
    }

    private void recreate(List<String> keys) {
        SortedSet<String> services = new TreeSet<>();
        keys.forEach(k -> services.addAll(mounting(k)));
        List<PlanNode> removals = new ArrayList<>();
        for (String service : services) {
            for (ObservedContainer c : ctx.containers(service)) {
                List<PlanNode> stop = ctx.stopOnce(c, Cause.VOLUME_CHANGED, List.of()).stream().toList();
                List<PlanNode> deps = new ArrayList<>(stop);
                deps.addAll(ctx.connectNodes.getOrDefault(c.id(), List.of()));
                PlanNode remove = ctx.plan.add(ProjectObjects.resource(c), new RemoveContainer(c.id(), c.name(),
                        false), Cause.VOLUME_CHANGED, deps);
                removals.add(remove);
                ctx.serviceBarriers.computeIfAbsent(service, s -> new ArrayList<>()).add(remove);
            }
        }
        for (String service : services) {
            ctx.containers(service).forEach(c -> ctx.removedContainers.add(c.id()));
            ctx.volumeRecreatedServices.add(service);
            ctx.recreatedServices.add(service);
        }
        for (String key : keys) {
            Volume desired = ctx.project.volumes().get(key);
            PlanNode remove = ctx.plan.add(ResourceId.volume(key), new RemoveVolume(ctx.volumeNames.get(key)),
                    Cause.CONFIG_HASH_CHANGED, removals);
            ctx.volumeNodes.put(key, ctx.plan.add(ResourceId.volume(key), new CreateVolume(desired),
                    Cause.CONFIG_HASH_CHANGED, remove));
            ctx.missingVolumes.add(key);
        }
    }

    /** Services that mount the volume, directly or through volumes_from, transitively. */
    private SortedSet<String> mounting(String key) {
        SortedSet<String> in = new TreeSet<>();
        for (String name : new TreeSet<>(ctx.project.services().keySet())) {
            if (ctx.view(name).namedVolumes().contains(key)) {
                in.add(name);
            }
        }
        boolean grew = true;
        while (grew) {
            grew = false;
            for (String name : new TreeSet<>(ctx.project.services().keySet())) {
                if (!in.contains(name) && ctx.view(name).volumesFrom().stream().anyMatch(in::contains)) {
                    in.add(name);
                    grew = true;
                }
            }
        }
        return in;
    }
}
