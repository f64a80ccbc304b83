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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jcompose create}: create the containers of services without starting them. */
@Command(name = "create", sortOptions = false, description = "Creates containers for a service")
public final class CreateCommand extends EngineCommand {

    @Parameters(paramLabel = "SERVICE", arity = "0..*", description = "Only these services (and dependencies)")
    List<String> services = new ArrayList<>();

    @Option(names = "--build", description = "Build images before starting containers")
    boolean build;

    @Option(names = "--no-build", description = "Don't build an image, even if it's policy")
    boolean noBuild;

    @Option(names = "--force-recreate", description = "Recreate containers even if their configuration hasn't changed")
    boolean forceRecreate;

    @Option(names = "--no-recreate", description = "If containers already exist, don't recreate them")
    boolean noRecreate;

    @Option(names = "--pull", paramLabel = "POLICY", description = "Pull image before running (always|missing|never)")
    String pull;

    @Option(names = "--remove-orphans", description = "Remove containers for services not defined in the Compose file")
    boolean removeOrphans;

    @Override
    public Integer call() {
        if (forceRecreate && noRecreate) {
            throw new UsageException("--force-recreate and --no-recreate are incompatible");
        }
        Project project = loadProject(services);
        UpOptions o = UpOptions.defaults().withServices(services).withRemoveOrphans(removeOrphans);
        if (forceRecreate || noRecreate) {
            o = o.withRecreate(forceRecreate ? Recreate.FORCE : Recreate.NEVER);
        }
        if (build || noBuild) {
            o = o.withBuild(build);
        }
        if (pull != null) {
            o = o.withPull(PullPolicy.of(Optional.of(pull)));
        }
        UpOptions options = o;
        try (Backend backend = openBackend(); ProgressView view = progress("Running")) {
            ComposeEngine engine = engine(backend, view);
            return report(interruptible(() -> engine.converge(project.name(), Optional.of(project),
                    observed -> Reconciler.create(project, observed, options), global().dryRun)));
        }
    }
}
