package io.jcompose.cli.command;

import io.jcompose.cli.UsageException;
import io.jcompose.cli.render.ProgressView;
import io.jcompose.engine.ComposeEngine;
import io.jcompose.engine.spi.Backend;
import io.jcompose.model.Project;
import io.jcompose.planner.reconcile.PullPolicy;
import io.jcompose.planner.reconcile.Reconciler;
import io.jcompose.planner.reconcile.Recreate;
import io.jcompose.planner.reconcile.UpOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jcompose up}: create and start containers, attached (logs until Ctrl-C) or detached. */
@Command(name = "up", sortOptions = false, description = "Create and start containers")
public final class UpCommand extends EngineCommand {

    @Parameters(paramLabel = "SERVICE", arity = "0..*", description = "Services to start (and their dependencies)")
    List<String> services = new ArrayList<>();

    @Option(names = {"-d", "--detach"}, description = "Detached mode: run containers in the background")
    boolean detach;

    @Option(names = "--build", description = "Build images before starting containers")
    boolean build;

    @Option(names = "--no-build", description = "Don't build an image, even if it's policy")
    boolean noBuild;

    @Option(names = "--pull", paramLabel = "POLICY", description = "Pull image before running (always|missing|never)")
    String pull;

    @Option(names = "--force-recreate", description = "Recreate containers even if their configuration hasn't changed")
    boolean forceRecreate;

    @Option(names = "--no-recreate", description = "If containers already exist, don't recreate them")
    boolean noRecreate;

    @Option(names = "--always-recreate-deps", description = "Recreate dependent containers")
    boolean alwaysRecreateDeps;

    @Option(names = {"-V", "--renew-anon-volumes"}, description = "Recreate anonymous volumes instead of reusing them")
    boolean renewAnonVolumes;

    @Option(names = "--no-deps", description = "Don't start linked services")
    boolean noDeps;

    @Option(names = "--no-start", description = "Don't start the services after creating them")
    boolean noStart;

    @Option(names = "--scale", paramLabel = "SERVICE=NUM", description = "Scale SERVICE to NUM instances (repeatable)")
    List<String> scale = new ArrayList<>();

    @Option(names = "--remove-orphans", description = "Remove containers for services not defined in the Compose file")
    boolean removeOrphans;

    @Option(names = "--wait", description = "Wait for services to be running|healthy; implies detached mode")
    boolean waitReady;

    @Option(names = "--wait-timeout", paramLabel = "SECONDS", description = "Maximum duration to wait for the project")
    Integer waitTimeout;

    @Option(names = "--abort-on-container-exit", description = "Stops all containers if any container was stopped")
    boolean abortOnExit;

    @Option(names = "--exit-code-from", paramLabel = "SERVICE", description = "Return the exit code of the service")
    String exitCodeFrom;

    @Option(names = "--attach", paramLabel = "SERVICE", description = "Restrict attaching to these services")
    List<String> attach = new ArrayList<>();

    @Option(names = "--no-attach", paramLabel = "SERVICE", description = "Do not attach (stream logs) to these services")
    List<String> noAttach = new ArrayList<>();

    @Option(names = "--no-color", description = "Produce monochrome output")
    boolean noColor;

    @Option(names = "--no-log-prefix", description = "Don't print prefix in logs")
    boolean noLogPrefix;

    @Option(names = {"-t", "--timeout"}, paramLabel = "SECONDS", description = "Shutdown timeout in seconds")
    Integer timeout;

    @Option(names = "--quiet-pull", description = "Pull without printing progress information")
    boolean quietPull;

    @Override
    public Integer call() {
        if (forceRecreate && noRecreate) {
            throw new UsageException("--force-recreate and --no-recreate are incompatible");
        }
        if (build && noBuild) {
            throw new UsageException("--build and --no-build are incompatible");
        }
        if (detach && abortOnExit) {
            throw new UsageException("--abort-on-container-exit and --detach are incompatible");
        }
        Project project = loadProject(services);
        UpOptions planned = options(project);
        try (Backend backend = openBackend(); ProgressView view = progress("Running")) {
            ComposeEngine engine = engine(backend, view);
            // images first, then the plan: it must compare the containers with the images they would run now
            if (!global().dryRun && (build || "always".equals(pull))) {
                ImagePreparation images = new ImagePreparation(backend, console,
                        quietPull || global().progress == io.jcompose.cli.option.GlobalOptions.Progress.QUIET);
                List<String> selected = noDeps ? services : List.of();
                if (build) {
                    images.build(project, selected, java.util.Map.of(), false, false);
                    planned = planned.withBuild(false);
                }
                if ("always".equals(pull)) {
                    images.pull(project, selected);
                    planned = planned.withPull(PullPolicy.NEVER);
                }
            }
            UpOptions options = planned;
            ComposeEngine.Outcome outcome = interruptible(() -> engine.converge(project.name(), Optional.of(project),
                    observed -> Reconciler.up(project, observed, options), global().dryRun));
            int code = report(outcome);
            if (code != 0 || global().dryRun || noStart) {
                return code;
            }
            if (waitReady) {
                return new ReadinessWait(backend, project, services, console).await(
                        waitTimeout == null ? Optional.empty() : Optional.of(Duration.ofSeconds(waitTimeout)));
            }
            if (detach) {
                return 0;
            }
            return new AttachedSession(engine, project, console, attachTo(project), !noColor && console.terminal(),
                    !noLogPrefix, abortOnExit || exitCodeFrom != null, Optional.ofNullable(exitCodeFrom),
                    stopTimeout()).run();
        }
    }

    private List<String> attachTo(Project project) {
        List<String> names = attach.isEmpty() ? (services.isEmpty() ? project.serviceNames() : services) : attach;
        return names.stream().filter(n -> !noAttach.contains(n)).toList();
    }

    private Optional<Duration> stopTimeout() {
        return timeout == null ? Optional.empty() : Optional.of(Duration.ofSeconds(timeout));
    }

    private UpOptions options(Project project) {
        UpOptions o = UpOptions.defaults().withServices(services).withNoDeps(noDeps)
                .withRenewAnonVolumes(renewAnonVolumes).withNoStart(noStart).withRemoveOrphans(removeOrphans);
        if (forceRecreate) {
            o = o.withRecreate(Recreate.FORCE);
        } else if (noRecreate) {
            o = o.withRecreate(Recreate.NEVER);
        }
        if (alwaysRecreateDeps) {
            o = o.withAlwaysRecreateDeps();
        }
        if (build || noBuild) {
            o = o.withBuild(build);
        }
        if (pull != null) {
            o = o.withPull(PullPolicy.of(Optional.of(pull)));
        }
        for (String s : scale) {
            String[] parts = s.split("=", 2);
            if (parts.length != 2 || !parts[1].matches("\\d+")) {
                throw new UsageException("invalid --scale \"" + s + "\" (expected SERVICE=NUM)");
            }
            if (!project.services().containsKey(parts[0])) {
                throw new UsageException("no such service: " + parts[0]);
            }
            o = o.withScale(parts[0], Integer.parseInt(parts[1]));
        }
        if (timeout != null) {
            o = o.withTimeout(Duration.ofSeconds(timeout));
        }
        return o;
    }
}
