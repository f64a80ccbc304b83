package io.jcompose.engine.execute;

import io.jcompose.engine.event.EngineEvent;
import io.jcompose.engine.event.EngineListener;
import io.jcompose.engine.spi.Backend;
import io.jcompose.engine.spi.ContainerInfo;
import io.jcompose.engine.spi.ContainerSpec;
import io.jcompose.engine.spi.EndpointSpec;
import io.jcompose.engine.spi.ImageOps;
import io.jcompose.engine.spi.NetworkOps;
import io.jcompose.engine.spi.RuntimeFailureException;
import io.jcompose.engine.spi.VolumeOps;
import io.jcompose.model.Build;
import io.jcompose.planner.observed.ContainerState;
import io.jcompose.planner.observed.Health;
import io.jcompose.planner.plan.Operation;
import io.jcompose.planner.plan.PlanNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/** Carries out one plan node on a backend: one operation, one backend call (or a wait). */
public final class BackendNodeRunner implements PlanExecutor.NodeRunner {

    private static final Duration POLL = Duration.ofMillis(200);

    private final Backend backend;
    private final Function<Operation.CreateContainer, ContainerSpec> specs;
    private final Function<Operation.CreateNetwork, NetworkOps.NetworkSpec> networkSpecs;
    private final Function<Operation.CreateVolume, VolumeOps.VolumeSpec> volumeSpecs;
    private final EngineListener listener;

    public BackendNodeRunner(Backend backend, Function<Operation.CreateContainer, ContainerSpec> specs,
                             Function<Operation.CreateNetwork, NetworkOps.NetworkSpec> networkSpecs,
                             Function<Operation.CreateVolume, VolumeOps.VolumeSpec> volumeSpecs,
                             EngineListener listener) {
        this.backend = backend;
        this.specs = specs;
        this.networkSpecs = networkSpecs;
        this.volumeSpecs = volumeSpecs;
        this.listener = listener;
    }

    @Override
    public void run(PlanNode node) throws InterruptedException {
        switch (node.op()) {
            case Operation.CreateNetwork op -> backend.networks().create(networkSpecs.apply(op));
            case Operation.RemoveNetwork op -> backend.networks().remove(op.name());
            case Operation.ConnectNetwork op -> backend.containers().connect(op.container(), op.network(),
                    new EndpointSpec(op.settings().aliases(), op.settings().ipv4Address(),
                            op.settings().ipv6Address(), op.settings().macAddress()));
            case Operation.DisconnectNetwork op -> backend.containers().disconnect(op.container(), op.network());
            case Operation.CreateVolume op -> backend.volumes().create(volumeSpecs.apply(op));
            case Operation.RemoveVolume op -> backend.volumes().remove(op.name());
            case Operation.PullImage op -> backend.images().pull(op.image(),
                    line -> listener.on(new EngineEvent.Progress(node, line)));
            case Operation.BuildImage op -> backend.images().build(buildSpec(op),
                    line -> listener.on(new EngineEvent.Progress(node, line)));
            case Operation.RemoveImage op -> backend.images().remove(op.image(), false);
            case Operation.CreateContainer op -> backend.containers().create(specs.apply(op));
            case Operation.StartContainer op -> backend.containers().start(op.name());
            case Operation.StopContainer op -> backend.containers().stop(op.name(),
                    op.timeout().orElse(Duration.ofSeconds(10)));
            case Operation.KillContainer op -> backend.containers().kill(op.name(), op.signal());
            case Operation.RemoveContainer op -> backend.containers().remove(op.name(), true, op.removeVolumes());
            case Operation.RenameContainer op -> backend.containers().rename(op.from(), op.to());
            case Operation.WaitForCondition op -> waitFor(op);
        }
    }

    private static ImageOps.BuildSpec buildSpec(Operation.BuildImage op) {
        Build b = op.build();
        return new ImageOps.BuildSpec(Path.of(b.context()), b.dockerfile(), b.dockerfileInline(),
                java.util.List.of(op.image()), b.args(), b.target(), b.labels(), b.noCache(), b.pull(),
                Optional.empty(), java.util.List.of(), Optional.empty());
    }

    private void waitFor(Operation.WaitForCondition op) throws InterruptedException {
        for (String container : op.containers()) {
            try {
                waitFor(op, container);
            } catch (RuntimeFailureException e) {
                if (op.required()) {
                    throw e;
                }
                listener.on(new EngineEvent.Warning(e.getMessage() + " (not required: going on)"));
            }
        }
    }

    private void waitFor(Operation.WaitForCondition op, String container) throws InterruptedException {
        while (true) {
            ContainerInfo info = backend.containers().inspect(container).orElseThrow(() ->
                    new RuntimeFailureException("container " + container + " of service " + op.service()
                            + " is gone"));
            boolean exited = info.state() == ContainerState.EXITED || info.state() == ContainerState.DEAD;
            switch (op.condition()) {
                case SERVICE_STARTED -> {
                    return;
                }
                case SERVICE_HEALTHY -> {
                    if (info.health() == Health.HEALTHY) {
                        return;
                    }
                    if (info.health() == Health.NONE) {
                        throw new RuntimeFailureException("service " + op.service() + " has no healthcheck, so it"
                                + " cannot become healthy (add one, or depend on service_started)");
                    }
                    if (info.health() == Health.UNHEALTHY) {
                        throw new RuntimeFailureException("container " + container + " is unhealthy");
                    }
                    if (exited) {
                        throw new RuntimeFailureException("container " + container + " exited (" + info.exitCode()
                                + ") before it became healthy");
                    }
                }
                case SERVICE_COMPLETED_SUCCESSFULLY -> {
                    if (exited) {
                        if (info.exitCode() == 0) {
                            return;
                        }
                        throw new RuntimeFailureException("service \"" + op.service()
                                + "\" didn't complete successfully: exit " + info.exitCode());
                    }
                }
            }
            Thread.sleep(POLL);
        }
    }
}
