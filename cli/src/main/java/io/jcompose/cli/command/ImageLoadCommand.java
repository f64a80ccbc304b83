package io.jcompose.cli.command;

import io.jcompose.engine.linux.archive.ImageArchiveLoader;
import io.jcompose.engine.spi.Backend;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jcompose image load}: images from a {@code docker save} or OCI layout archive, as {@code docker load}. */
@Command(name = "load", sortOptions = false, description = "Load an image from a tar archive or STDIN")
public final class ImageLoadCommand extends ImageStoreCommand {

    @Option(names = {"-i", "--input"}, paramLabel = "FILE", description = "Read from tar archive file, instead of STDIN")
    Path input;

    @Option(names = {"-q", "--quiet"}, description = "Suppress the load output")
    boolean quiet;

    @Override
    public Integer call() {
        try (Backend backend = openBackend()) {
            var store = linux(backend).imageStore();
            Path file = input == null ? null : console.cwd().resolve(input);
            try (InputStream in = file == null ? console.in() : Files.newInputStream(file)) {
                new ImageArchiveLoader().load(in, store, line -> {
                    if (!quiet || line.startsWith("Loaded image")) {
                        console.out().println(line);
                        console.out().flush();
                    }
                });
            }
        } catch (java.nio.file.NoSuchFileException e) {
            throw new io.jcompose.cli.UsageException("open " + e.getFile() + ": no such file or directory");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        console.out().flush();
        return 0;
    }
}
