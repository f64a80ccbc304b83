package io.jcompose.engine.linux.build;

import io.jcompose.engine.build.Dockerignore;
import io.jcompose.engine.linux.build.dockerfile.Dockerfile;
import io.jcompose.engine.linux.build.dockerfile.DockerfileException;
import io.jcompose.engine.linux.build.dockerfile.Instruction;
import io.jcompose.engine.linux.build.dockerfile.Stage;
import io.jcompose.engine.linux.build.dockerfile.WordExpander;
import io.jcompose.engine.linux.build.dockerfile.WordExpansionException;
import io.jcompose.engine.linux.container.LinuxContainers;
import io.jcompose.engine.linux.image.ImageName;
import io.jcompose.engine.linux.image.ImageStore;
import io.jcompose.engine.linux.image.LinuxImages;
import io.jcompose.engine.linux.image.StoredImage;
import io.jcompose.engine.spi.BuildFailedException;
import io.jcompose.engine.spi.EngineException;
import io.jcompose.engine.spi.ImageOps.BuildSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * The built-in image builder: reads the Dockerfile, builds the stages the target needs (independent ones in
 * parallel, on virtual threads) into the image store with Docker's cache rules, and names the result.
 */
public final class BuildExecutor {

    private final ImageStore store;
    private final LinuxContainers containers;
    private final LinuxImages.Puller puller;

    public BuildExecutor(ImageStore store, LinuxContainers containers, LinuxImages.Puller puller) {
        this.store = store;
        this.containers = containers;
        this.puller = puller;
    }

    /** What every stage of one build shares. */
    record Build(BuildSpec spec, Dockerfile dockerfile, Path context, SourceTree contextTree,
                 Map<String, String> globalArgs, ImageStore store, BuildCache cache, RunInstruction runs,
                 LinuxImages.Puller puller, BuildProgress progress, Map<Integer, CompletableFuture<StepImage>> stages) {

        /** Expands {@code word} with {@code vars}, as the Dockerfile's escape character says. */
        String expand(String word, Map<String, String> vars) {
            return WordExpander.expand(word, dockerfile.escape(), name -> Optional.ofNullable(vars.get(name)));
        }

        /** The result of stage {@code index}, waiting for it (it runs on its own thread). */
        StepImage stage(int index) {
            try {
                return stages.get(index).get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BuildFailedException("interrupted");
            } catch (ExecutionException e) {
                throw new DependencyFailed(e.getCause());
            }
        }
    }

    /** A stage this one needs failed: that failure is the build's, reported once. */
    static final class DependencyFailed extends RuntimeException {
        DependencyFailed(Throwable cause) {
            super(cause);
        }
    }

    /** Builds {@code spec}, returning the image its tags now name. */
    public StoredImage build(BuildSpec spec, Consumer<String> output) {
        Path context = spec.context().toAbsolutePath().normalize();
        if (!Files.isDirectory(context)) {
            throw new BuildFailedException("build context " + context + " is not a directory");
        }
        BuildProgress progress = new BuildProgress(output);
        String fileName = spec.dockerfileInline().isPresent() ? "Dockerfile" : spec.dockerfile();
        Dockerfile dockerfile;
        List<ImageName> names;
        Map<String, String> globals;
        Stage target;
        List<Stage> order;
        SourceTree contextTree;
        int loading = progress.number();
        BuildProgress.Step load = progress.start(loading, "[internal] load build definition from " + fileName);
        try {
            dockerfile = Dockerfile.parse(dockerfileText(context, spec), fileName);
            names = spec.tags().stream().map(ImageName::parse).toList();
            globals = globalArgs(dockerfile, spec);
            target = dockerfile.target(spec.target().filter(t -> !t.isBlank()));
            Map<String, String> g = globals;
            order = dockerfile.stagesFor(target, word -> expand(dockerfile, word, g));
            // <Dockerfile>.dockerignore next to the Dockerfile wins over the context's .dockerignore, as in Docker
            Dockerignore ignore = spec.dockerfileInline().isPresent() ? Dockerignore.of(context)
                    : Dockerignore.of(context, context.resolve(spec.dockerfile()));
            contextTree = SourceTree.context(context, ignore::excludes);
        } catch (DockerfileException | WordExpansionException e) {
            load.error(e.getMessage());
            throw new BuildFailedException(e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            load.error(e.getMessage());
            throw new BuildFailedException("invalid tag: " + e.getMessage(), e);
        } catch (IOException e) {
            load.error(e.getMessage());
            throw new BuildFailedException("cannot read the build context " + context + ": " + e.getMessage(), e);
        }
        load.done();

        Map<Integer, CompletableFuture<StepImage>> results = new ConcurrentHashMap<>();
        Build build = new Build(spec, dockerfile, context, contextTree, globals, store, new BuildCache(store),
                new RunInstruction(containers, store), puller, progress, results);
        List<StageBuilder> builders = new ArrayList<>();
        for (Stage stage : order) {
            results.put(stage.index(), new CompletableFuture<>());
            builders.add(new StageBuilder(build, stage, stage == target));
        }
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (StageBuilder builder : builders) {
                threads.submit(() -> {
                    try {
                        results.get(builder.index()).complete(builder.build());
                    } catch (Throwable t) {
                        results.get(builder.index()).completeExceptionally(t);
                    }
                });
            }
        }
        StepImage result;
        try {
            result = results.get(target.index()).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BuildFailedException("interrupted");
        } catch (ExecutionException e) {
            throw failure(e.getCause());
        }
        try {
            result = labelled(build, target, result);
            int naming = progress.number();
            BuildProgress.Step step = progress.start(naming, "exporting to image");
            result = result.tag(store, names);
            step.line("writing image " + result.id() + " done");
            for (ImageName name : names) {
                step.line("naming to " + name.withTag(name.tag().orElse("latest")).canonical() + " done");
            }
            step.done();
            return store.find(result.id()).orElseThrow();
        } catch (IOException e) {
            throw new BuildFailedException("cannot store the image: " + e.getMessage(), e);
        }
    }

    /** The first real failure: a stage that failed because another did reports that other's error. */
    private static RuntimeException failure(Throwable t) {
        Throwable cause = t;
        while (cause instanceof DependencyFailed d && d.getCause() != null) {
            cause = d.getCause();
        }
        return switch (cause) {
            case EngineException e -> e;
            case DockerfileException e -> new BuildFailedException(e.getMessage(), e);
            case WordExpansionException e -> new BuildFailedException(e.getMessage(), e);
            case UncheckedIOException e -> new BuildFailedException(e.getMessage(), e);
            case RuntimeException e -> new BuildFailedException(String.valueOf(e.getMessage()), e);
            default -> new BuildFailedException(String.valueOf(cause.getMessage()), cause);
        };
    }

    /** The {@code labels} of the build (compose's {@code build.labels}) added to the final config, cached too. */
    private StepImage labelled(Build build, Stage target, StepImage image) throws IOException {
        if (build.spec().labels().isEmpty()) {
            return image;
        }
        StringBuilder text = new StringBuilder("LABEL");
        new java.util.TreeMap<>(build.spec().labels()).forEach((k, v) -> text.append(' ').append(k).append('=')
                .append(v));
        String key = BuildCache.key(image.id(), text.toString(), Map.of(), Optional.empty());
        if (!build.spec().noCache()) {
            Optional<StoredImage> hit = build.cache().find(key);
            if (hit.isPresent()) {
                return StepImage.of(store, hit.get());
            }
        }
        StepImage next = image.commit(store, config -> {
            com.fasterxml.jackson.databind.node.ObjectNode labels = config.path("Labels").isObject()
                    ? (com.fasterxml.jackson.databind.node.ObjectNode) config.get("Labels") : config.putObject("Labels");
            build.spec().labels().forEach(labels::put);
        }, Optional.empty(), text.toString(), List.of());
        build.cache().remember(key, next.id());
        return next;
    }

    private static String expand(Dockerfile dockerfile, String word, Map<String, String> vars) {
        return WordExpander.expand(word, dockerfile.escape(), name -> Optional.ofNullable(vars.get(name)));
    }

    /** The ARGs before the first FROM: their defaults, or the values the build gives them. */
    private static Map<String, String> globalArgs(Dockerfile dockerfile, BuildSpec spec) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Instruction.Arg arg : dockerfile.globalArgs()) {
            for (Instruction.ArgDefinition def : arg.definitions()) {
                if (spec.args().containsKey(def.name())) {
                    values.put(def.name(), spec.args().get(def.name()));
                } else {
                    def.defaultValue().ifPresent(v -> values.put(def.name(), expand(dockerfile, v, values)));
                }
            }
        }
        return values;
    }

    /** The Dockerfile's text: inline, or the file relative to the context (or absolute). */
    private static String dockerfileText(Path context, BuildSpec spec) throws IOException {
        if (spec.dockerfileInline().isPresent()) {
            return spec.dockerfileInline().get();
        }
        Path file = context.resolve(spec.dockerfile().isBlank() ? "Dockerfile" : spec.dockerfile()).normalize();
        if (!Files.isRegularFile(file)) {
            throw new BuildFailedException("failed to read dockerfile: open " + file + ": no such file or directory");
        }
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
