package io.jcompose.cli.command;

import io.jcompose.cli.command.objects.KeyValues;
import io.jcompose.engine.spi.Backend;
import io.jcompose.engine.spi.ImageOps;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jcompose image build -t NAME CONTEXT}: one image from a Dockerfile, as {@code docker build}. */
@Command(name = "build", sortOptions = false, description = "Build an image from a Dockerfile")
public final class ImageBuildCommand extends ImageStoreCommand {

    @Parameters(paramLabel = "PATH", description = "The build context: a directory")
    Path context;

    @Option(names = {"-t", "--tag"}, paramLabel = "NAME[:TAG]", description = "Name and optionally a tag")
    List<String> tags = new ArrayList<>();

    @Option(names = {"-f", "--file"}, paramLabel = "FILE",
            description = "Name of the Dockerfile (default: PATH/Dockerfile)")
    String dockerfile;

    @Option(names = "--build-arg", paramLabel = "KEY=VAL", description = "Set build-time variables")
    List<String> buildArgs = new ArrayList<>();

    @Option(names = "--target", paramLabel = "STAGE", description = "Set the target build stage to build")
    String target;

    @Option(names = "--label", paramLabel = "KEY=VAL", description = "Set metadata for an image")
    List<String> labels = new ArrayList<>();

    @Option(names = "--no-cache", description = "Do not use cache when building the image")
    boolean noCache;

    @Option(names = "--pull", description = "Always attempt to pull a newer version of the image")
    boolean pull;

    @Option(names = "--network", paramLabel = "MODE", description = "Networking mode for the RUN instructions")
    String network;

    @Option(names = {"-q", "--quiet"}, description = "Suppress the build output and print image ID on success")
    boolean quiet;

    @Override
    public Integer call() {
        Path dir = console.cwd().resolve(context).normalize();
        if (!Files.exists(dir)) {
            throw new io.jcompose.cli.UsageException("unable to prepare context: path \"" + context
                    + "\" not found (the build context must be a directory)");
        }
        if (!Files.isDirectory(dir)) {
            // Docker's wording; a file would be a tarball context there, which the built-in builder does not take
            throw new io.jcompose.cli.UsageException("unable to prepare context: context must be a directory: " + dir);
        }
        // -f is relative to the working directory, as docker build takes it; the builder wants it in the context
        String file = dockerfile == null ? "Dockerfile"
                : dir.relativize(console.cwd().resolve(dockerfile).normalize()).toString();
        ImageOps.BuildSpec spec = new ImageOps.BuildSpec(dir, file, Optional.empty(), tags,
                KeyValues.withEnvironment(buildArgs, console.env()), Optional.ofNullable(target),
                KeyValues.parse(labels, "--label"), noCache, pull, Optional.ofNullable(network), List.of(), Optional.empty());
        try (Backend backend = openBackend()) {
            var linux = linux(backend);
            ImageOps images = linux.images();
            boolean silent = quiet || global().progress == io.jcompose.cli.option.GlobalOptions.Progress.QUIET;
            images.build(spec, line -> {
                if (!silent) {
                    console.err().println(line);
                    console.err().flush();
                }
            });
            if (quiet && !tags.isEmpty()) {
                linux.imageStore().find(tags.getFirst()).ifPresent(i -> console.out().println(i.id()));
            }
        }
        console.out().flush();
        return 0;
    }
}
