package io.jcompose.planner.reconcile;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The switches of {@code up} (and {@code create}, which is {@code up --no-start}).
 *
 * @param services             services named on the command line; none means all
 * @param recreate             for the named services (all when none is named)
 * @param recreateDependencies for the services pulled in as dependencies of the named ones
 * @param scale                {@code --scale svc=n}, over {@code scale} and {@code deploy.replicas}
 * @param pull                 {@code --pull}, over each service's {@code pull_policy}
 * @param recreateDivergedVolumes the answer to "volume changed: recreate it, losing its data?"
 */
public record UpOptions(List<String> services, boolean noDeps, Recreate recreate, Recreate recreateDependencies,
                        boolean renewAnonVolumes, boolean noStart, Map<String, Integer> scale,
                        boolean removeOrphans, Optional<PullPolicy> pull, boolean build, boolean noBuild,
                        boolean recreateDivergedVolumes, Optional<Duration> timeout) {

    public UpOptions {
        services = List.copyOf(services);
        scale = Collections.unmodifiableMap(new TreeMap<>(scale));
    }

    public static UpOptions defaults() {
        return new UpOptions(List.of(), false, Recreate.DIVERGED, Recreate.DIVERGED, false, false, Map.of(), false,
                Optional.empty(), false, false, false, Optional.empty());
    }

    public UpOptions withServices(List<String> names) {
        return new UpOptions(names, noDeps, recreate, recreateDependencies, renewAnonVolumes, noStart, scale,
                removeOrphans, pull, build, noBuild, recreateDivergedVolumes, timeout);
    }

    public UpOptions withNoDeps(boolean value) {
        return new UpOptions(services, value, recreate, recreateDependencies, renewAnonVolumes, noStart, scale,
                removeOrphans, pull, build, noBuild, recreateDivergedVolumes, timeout);
    }

    /** {@code --force-recreate} (for the named services), {@code --no-recreate} (for all) or the default. */
    public UpOptions withRecreate(Recreate value) {
        Recreate deps = value == Recreate.NEVER ? Recreate.NEVER : recreateDependencies;
        return new UpOptions(services, noDeps, value, deps, renewAnonVolumes, noStart, scale, removeOrphans, pull,
                build, noBuild, recreateDivergedVolumes, timeout);
    }

    /** {@code --always-recreate-deps}. */
    public UpOptions withAlwaysRecreateDeps() {
        return new UpOptions(services, noDeps, recreate, Recreate.FORCE, renewAnonVolumes, noStart, scale,
                removeOrphans, pull, build, noBuild, recreateDivergedVolumes, timeout);
    }

    public UpOptions withRenewAnonVolumes(boolean value) {
        return new UpOptions(services, noDeps, recreate, recreateDependencies, value, noStart, scale, removeOrphans,
                pull, build, noBuild, recreateDivergedVolumes, timeout);
    }

    public UpOptions withNoStart(boolean value) {
        return new UpOptions(services, noDeps, recreate, recreateDependencies, renewAnonVolumes, value, scale,
                removeOrphans, pull, build, noBuild, recreateDivergedVolumes, timeout);
    }

    public UpOptions withScale(String service, int replicas) {
        Map<String, Integer> next = new TreeMap<>(scale);
        next.put(service, replicas);
        return new UpOptions(services, noDeps, recreate, recreateDependencies, renewAnonVolumes, noStart, next,
                removeOrphans, pull, build, noBuild, recreateDivergedVolumes, timeout);
    }

    public UpOptions withRemoveOrphans(boolean value) {
        return new UpOptions(services, noDeps, recreate, recreateDependencies, renewAnonVolumes, noStart, scale,
                value, pull, build, noBuild, recreateDivergedVolumes, timeout);
    }

    public UpOptions withPull(PullPolicy value) {
        return new UpOptions(services, noDeps, recreate, recreateDependencies, renewAnonVolumes, noStart, scale,
                removeOrphans, Optional.of(value), build, noBuild, recreateDivergedVolumes, timeout);
    }

    /** {@code --build} ({@code true}) or {@code --no-build} ({@code false}). */
    public UpOptions withBuild(boolean value) {
        return new UpOptions(services, noDeps, recreate, recreateDependencies, renewAnonVolumes, noStart, scale,
                removeOrphans, pull, value, !value, recreateDivergedVolumes, timeout);
    }

    public UpOptions withRecreateDivergedVolumes(boolean value) {
        return new UpOptions(services, noDeps, recreate, recreateDependencies, renewAnonVolumes, noStart, scale,
                removeOrphans, pull, build, noBuild, value, timeout);
    }

    public UpOptions withTimeout(Duration value) {
        return new UpOptions(services, noDeps, recreate, recreateDependencies, renewAnonVolumes, noStart, scale,
                removeOrphans, pull, build, noBuild, recreateDivergedVolumes, Optional.of(value));
    }
}
