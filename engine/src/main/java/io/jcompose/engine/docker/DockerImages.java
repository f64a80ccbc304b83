package io.jcompose.engine.docker;

import com.github.dockerjava.api.command.BuildImageCmd;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.model.PullResponseItem;
import com.github.dockerjava.api.model.PushResponseItem;
import io.jcompose.engine.spi.BackendUnavailableException;
import io.jcompose.engine.spi.BuildFailedException;
import io.jcompose.engine.spi.EngineException;
import io.jcompose.engine.spi.ImageOps;
import io.jcompose.engine.spi.NotFoundException;
import io.jcompose.engine.spi.RuntimeFailureException;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** Images on the Docker daemon: inspect, pull, build (through the daemon's build API), remove, push. */
final class DockerImages implements ImageOps {

    /** How registries say an image is not there (or not there for us, which comes to the same). */
    private static final List<String> MISSING = List.of("not found", "manifest unknown", "does not exist",
            "pull access denied", "no such image");

    private final DockerCalls calls;

    DockerImages(DockerCalls calls) {
        this.calls = calls;
    }

    @Override
    public Optional<ImageInfo> inspect(String reference) {
        return calls.find("inspect image " + reference, c -> c.inspectImageCmd(reference).exec())
                .map(DockerImages::info);
    }

    private static ImageInfo info(InspectImageResponse i) {
        Map<String, String> labels = i.getConfig() == null || i.getConfig().getLabels() == null ? Map.of()
                : i.getConfig().getLabels();
        return new ImageInfo(i.getId(), i.getRepoTags() == null ? List.of() : i.getRepoTags(),
                i.getSize() == null ? 0 : i.getSize(), labels);
    }

    @Override
    public void pull(String reference, Consumer<String> progress) {
        ImageRef ref = ImageRef.parse(reference);
        ProgressLines<PullResponseItem> out = new ProgressLines<>(progress);
        try {
            calls.stream("pull image " + reference, c -> c.pullImageCmd(ref.repository()).withTag(ref.tag())
                    .exec(out).awaitCompletion());
        } catch (EngineException e) {
            throw missingOrFailed(reference, e.getMessage().replaceFirst("^pull image \\S+: ", ""), e);
        }
        out.error().ifPresent(error -> {
            throw missingOrFailed(reference, error, null);
        });
    }

    private static EngineException missingOrFailed(String reference, String message, Throwable cause) {
        if (cause instanceof BackendUnavailableException unreachable) {
            return unreachable; // the daemon is away: say that, not "pull failed"
        }
        String lower = message.toLowerCase(Locale.ROOT);
        if (cause instanceof NotFoundException || MISSING.stream().anyMatch(lower::contains)) {
            return new NotFoundException("image " + reference + " not found: " + message, cause);
        }
        return new RuntimeFailureException("pull of image " + reference + " failed: " + message, cause);
    }

    @Override
    public void build(BuildSpec spec, Consumer<String> progress) {
        String image = spec.tags().isEmpty() ? spec.context().toString() : spec.tags().getFirst();
        BuildOutput output = new BuildOutput(image, progress);
        try (BuildContext context = BuildContext.of(spec.context(), spec.dockerfile(), spec.dockerfileInline());
             InputStream tar = context.open()) {
            calls.stream("build image " + image, c -> command(c.buildImageCmd(tar), spec, context.dockerfile())
                    .exec(output).awaitCompletion());
        } catch (IOException e) {
            throw new BuildFailedException("build of " + image + " failed: " + e.getMessage(), e);
        } catch (BackendUnavailableException | BuildFailedException e) {
            throw e;
        } catch (EngineException e) {
            // the daemon refused the build before running a step (a bad Dockerfile, a missing base image)
            throw output.failure().orElseGet(() -> new BuildFailedException(e.getMessage(), e));
        }
        output.failure().ifPresent(failure -> {
            throw failure;
        });
    }

    private static BuildImageCmd command(BuildImageCmd cmd, BuildSpec spec, String dockerfile) {
        cmd.withDockerfilePath(dockerfile).withTags(new LinkedHashSet<>(spec.tags())).withNoCache(spec.noCache())
                // forcerm: a failed step leaves its container behind otherwise, one leaked container per failure
                .withPull(spec.pull()).withRemove(true).withForcerm(true).withLabels(spec.labels());
        spec.args().forEach(cmd::withBuildArg);
        spec.target().ifPresent(cmd::withTarget);
        spec.network().ifPresent(cmd::withNetworkMode);
        spec.shmSize().ifPresent(cmd::withShmsize);
        if (!spec.extraHosts().isEmpty()) {
            cmd.withExtraHosts(new LinkedHashSet<>(spec.extraHosts()));
        }
        return cmd;
    }

    /** Not there is a success; in use (by a container) is a conflict unless {@code force}. */
    @Override
    public void remove(String reference, boolean force) {
        try {
            calls.run("remove image " + reference, c -> c.removeImageCmd(reference).withForce(force).exec());
        } catch (NotFoundException gone) {
            // already gone is what was asked for
        }
    }

    @Override
    public void push(String reference, Consumer<String> progress) {
        ImageRef ref = ImageRef.parse(reference);
        ProgressLines<PushResponseItem> out = new ProgressLines<>(progress);
        calls.stream("push image " + reference, c -> c.pushImageCmd(ref.repository()).withTag(ref.tag())
                .exec(out).awaitCompletion());
        out.error().ifPresent(error -> {
            throw new RuntimeFailureException("push of image " + reference + " failed: " + error);
        });
    }
}
