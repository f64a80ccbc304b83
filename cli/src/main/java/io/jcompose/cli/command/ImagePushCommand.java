package io.jcompose.cli.command;

import io.jcompose.engine.spi.Backend;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jcompose image push}: one image of the store to the registry its name points at. */
@Command(name = "push", sortOptions = false, description = "Upload an image to a registry")
public final class ImagePushCommand extends ImageStoreCommand {

    @Parameters(paramLabel = "NAME[:TAG]", description = "The image, named after the registry and repository")
    String reference;

    @Option(names = {"-q", "--quiet"}, description = "Suppress verbose output")
    boolean quiet;

    @Override
    public Integer call() {
        try (Backend backend = openBackend()) {
            linux(backend).images().push(reference, line -> {
                if (!quiet) {
                    console.out().println(line);
                    console.out().flush();
                }
            });
        }
        if (quiet) {
            console.out().println(reference);
        }
        console.out().flush();
        return 0;
    }
}
