package io.jcompose.engine.docker;

import com.github.dockerjava.api.command.LogContainerCmd;
import com.github.dockerjava.api.command.TopContainerResponse;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.model.ContainerNetwork;
import io.jcompose.engine.spi.ContainerInfo;
import io.jcompose.engine.spi.ContainerOps;
import io.jcompose.engine.spi.ContainerSpec;
import io.jcompose.engine.spi.EndpointSpec;
import io.jcompose.engine.spi.EngineException;
import io.jcompose.engine.spi.ExecSpec;
import io.jcompose.engine.spi.NotFoundException;
import io.jcompose.engine.spi.RuntimeFailureException;
import io.jcompose.engine.spi.StdStreams;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Containers on the Docker daemon: lifecycle, inspection, logs, exec, attach and copies. */
final class DockerContainers implements ContainerOps {

    private final DockerCalls calls;
    private final Optional<HijackedStdin> hijack;
    private final DockerArchives archives;

    DockerContainers(DockerCalls calls, Optional<HijackedStdin> hijack, DockerArchives archives) {
        this.calls = calls;
        this.hijack = hijack;
        this.archives = archives;
    }

    /**
     * Creates it on its first network, then connects the others one by one, as docker compose does on Engine API
     * versions before 1.44; if a connection fails, the half-made container is removed again.
     */
    @Override
    public String create(ContainerSpec spec) {
        String id;
        try {
            id = calls.call("create container " + spec.name(),
                    c -> ContainerConfigs.apply(c.createContainerCmd(spec.image()), spec).exec().getId());
        } catch (NotFoundException e) {
            if (e.getMessage().contains("No such image")) {
                throw new NotFoundException("image " + spec.image() + " not found for container " + spec.name()
                        + ": pull it or build it first", e);
            }
            throw e;
        }
        List<Map.Entry<String, EndpointSpec>> others = spec.networks().entrySet().stream().skip(1).toList();
        try {
            others.forEach(n -> connect(id, n.getKey(), n.getValue()));
        } catch (EngineException e) {
            remove(id, true, true);
            throw e;
        }
        return id;
    }

    @Override
    public void start(String nameOrId) {
        calls.run("start container " + nameOrId, c -> c.startContainerCmd(nameOrId).exec());
    }

    /** Not running, or already gone, is a success: either way it is stopped. */
    @Override
    public void stop(String nameOrId, Duration timeout) {
        try {
            calls.run("stop container " + nameOrId,
                    c -> c.stopContainerCmd(nameOrId).withTimeout((int) Math.max(0, timeout.toSeconds())).exec());
        } catch (NotFoundException gone) {
            // nothing left to stop
        }
    }

    @Override
    public void kill(String nameOrId, String signal) {
        calls.run("kill container " + nameOrId, c -> c.killContainerCmd(nameOrId).withSignal(signal).exec());
    }

    @Override
    public void remove(String nameOrId, boolean force, boolean volumes) {
        try {
            calls.run("remove container " + nameOrId,
                    c -> c.removeContainerCmd(nameOrId).withForce(force).withRemoveVolumes(volumes).exec());
        } catch (NotFoundException gone) {
            // already gone is what was asked for
        }
    }

    @Override
    public void rename(String nameOrId, String newName) {
        calls.run("rename container " + nameOrId + " to " + newName,
                c -> c.renameContainerCmd(nameOrId).withName(newName).exec());
    }

    @Override
    public void pause(String nameOrId) {
        calls.run("pause container " + nameOrId, c -> c.pauseContainerCmd(nameOrId).exec());
    }

    @Override
    public void unpause(String nameOrId) {
        calls.run("unpause container " + nameOrId, c -> c.unpauseContainerCmd(nameOrId).exec());
    }

    @Override
    public Optional<ContainerInfo> inspect(String nameOrId) {
        return calls.find("inspect container " + nameOrId, c -> c.inspectContainerCmd(nameOrId).exec())
                .map(ContainerInfos::of);
    }

    @Override
    public int waitForExit(String nameOrId) {
        return calls.stream("wait for container " + nameOrId, c -> c.waitContainerCmd(nameOrId)
                .exec(new WaitContainerResultCallback()).awaitStatusCode());
    }

    /** Streams whole lines; an interrupt ends a follow quietly (that is how a follow is stopped). */
    @Override
    public void logs(String nameOrId, LogOptions options, LogSink sink) {
        calls.stream("logs of container " + nameOrId, c -> {
            LogContainerCmd cmd = c.logContainerCmd(nameOrId).withStdOut(true).withStdErr(true)
                    .withFollowStream(options.follow()).withTimestamps(options.timestamps());
            options.tail().ifPresentOrElse(cmd::withTail, cmd::withTailAll);
            options.since().ifPresent(t -> cmd.withSince((int) t.getEpochSecond()));
            options.until().ifPresent(t -> cmd.withUntil((int) t.getEpochSecond()));
            FrameLines lines = cmd.exec(new FrameLines(sink));
            try {
                lines.awaitCompletion(); // closes the stream however it ends
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        });
    }

    @Override
    public int exec(String nameOrId, ExecSpec spec, StdStreams streams) {
        String what = "exec in container " + nameOrId;
        boolean attach = !spec.detach();
        String execId = calls.call(what, c -> {
            var cmd = c.execCreateCmd(nameOrId).withCmd(spec.command().toArray(String[]::new))
                    .withEnv(spec.environment().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                            .toList())
                    .withTty(spec.tty()).withPrivileged(spec.privileged())
                    .withAttachStdout(attach).withAttachStderr(attach)
                    .withAttachStdin(attach && streams.in().isPresent());
            spec.workingDir().ifPresent(cmd::withWorkingDir);
            spec.user().ifPresent(cmd::withUser);
            return cmd.exec().getId();
        });
        if (attach && streams.in().isPresent() && hijack.isPresent()) {
            withInput(what, "/exec/" + execId + "/start", "{\"Detach\":false,\"Tty\":" + spec.tty() + "}",
                    spec.tty(), streams, () -> { });
        } else {
            calls.stream(what, c -> {
                var start = c.execStartCmd(execId).withDetach(spec.detach()).withTty(spec.tty());
                if (attach) {
                    streams.in().ifPresent(start::withStdIn);
                }
                start.exec(new FrameCopier(streams)).awaitCompletion();
                return null;
            });
        }
        if (spec.detach()) {
            return 0;
        }
        Long code = calls.call(what, c -> c.inspectExecCmd(execId).exec().getExitCodeLong());
        return code == null ? 0 : code.intValue();
    }

    /** Includes the output since creation, so attaching just after starting loses nothing. */
    @Override
    public int attach(String nameOrId, StdStreams streams) {
        return attach(nameOrId, streams, () -> { });
    }

    @Override
    public int startAttached(String nameOrId, StdStreams streams) {
        return attach(nameOrId, streams, () -> start(nameOrId));
    }

    /** Attaches, runs {@code attached} once the daemon streams, then copies until the container exits. */
    private int attach(String nameOrId, StdStreams streams, Runnable attached) {
        if (streams.in().isPresent() && hijack.isPresent()) {
            boolean tty = calls.call("inspect container " + nameOrId, c -> c.inspectContainerCmd(nameOrId).exec()
                    .getConfig().getTty());
            withInput("attach to container " + nameOrId, "/containers/" + URLEncoder.encode(nameOrId,
                    StandardCharsets.UTF_8) + "/attach?stream=1&stdin=1&stdout=1&stderr=1&logs=1",
                    "", tty, streams, attached);
            return waitForExit(nameOrId);
        }
        calls.stream("attach to container " + nameOrId, c -> {
            var cmd = c.attachContainerCmd(nameOrId).withStdOut(true).withStdErr(true).withFollowStream(true)
                    .withLogs(true);
            streams.in().ifPresent(cmd::withStdIn);
            try (FrameCopier copier = cmd.exec(new FrameCopier(streams))) {
                copier.awaitStarted();
                attached.run();
                copier.awaitCompletion();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return null;
        });
        return waitForExit(nameOrId);
    }

    @Override
    public Optional<PathStat> stat(String nameOrId, String path) {
        return archives.stat(nameOrId, path);
    }

    @Override
    public InputStream copyFrom(String nameOrId, String path) {
        return archives.copyFrom(nameOrId, path);
    }

    @Override
    public void copyTo(String nameOrId, String directory, InputStream tar, boolean keepOwners) {
        archives.copyTo(nameOrId, directory, tar, keepOwners);
    }

    /** Runs an exec or attach whose input must reach the process, end of file included. */
    private void withInput(String what, String path, String body, boolean tty, StdStreams streams,
                           Runnable attached) {
        calls.stream(what, c -> {
            try {
                hijack.orElseThrow().run(path, body, tty, streams, attached);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return null;
        });
    }

    /** Already attached to that network is a success. */
    @Override
    public void connect(String nameOrId, String network, EndpointSpec endpoint) {
        ContainerNetwork settings = new ContainerNetwork().withAliases(endpoint.aliases());
        if (endpoint.ipv4Address().isPresent() || endpoint.ipv6Address().isPresent()) {
            settings.withIpamConfig(new ContainerNetwork.Ipam().withIpv4Address(endpoint.ipv4Address().orElse(null))
                    .withIpv6Address(endpoint.ipv6Address().orElse(null)));
        }
        endpoint.macAddress().ifPresent(settings::withMacAddress);
        try {
            calls.run("connect container " + nameOrId + " to network " + network, c -> c.connectToNetworkCmd()
                    .withContainerId(nameOrId).withNetworkId(network).withContainerNetwork(settings).exec());
        } catch (EngineException e) {
            if (!e.getMessage().contains("already exists in network")) {
                throw e;
            }
        }
    }

    /** Not attached to that network is a success. */
    @Override
    public void disconnect(String nameOrId, String network) {
        try {
            calls.run("disconnect container " + nameOrId + " from network " + network, c -> c
                    .disconnectFromNetworkCmd().withContainerId(nameOrId).withNetworkId(network).exec());
        } catch (EngineException e) {
            if (!e.getMessage().contains("is not connected to")) {
                throw e;
            }
        }
    }

    @Override
    public List<List<String>> top(String nameOrId) {
        TopContainerResponse top = calls.call("top of container " + nameOrId,
                c -> c.topContainerCmd(nameOrId).exec());
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of(top.getTitles() == null ? new String[0] : top.getTitles()));
        if (top.getProcesses() != null) {
            Arrays.stream(top.getProcesses()).map(List::of).forEach(rows::add);
        }
        return List.copyOf(rows);
    }
}
