package io.jcompose.cli.command;

import io.jcompose.engine.linux.archive.RootfsImporter;
import io.jcompose.engine.linux.image.ImageName;
import io.jcompose.engine.linux.image.StoredImage;
import io.jcompose.engine.spi.Backend;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jcompose image import}: an image of one layer from a root filesystem tarball, as {@code docker import}. */
@Command(name = "import", sortOptions = false,
        description = "Import the contents from a tarball to create a filesystem image")
public final class ImageImportCommand extends ImageStoreCommand {

    @Parameters(index = "0", paramLabel = "FILE|-", description = "The tarball (gzip and zstd too), - for STDIN")
    String file;

    @Parameters(index = "1", arity = "0..1", paramLabel = "REPOSITORY[:TAG]", description = "The image's name")
    String name;

    @Option(names = {"-c", "--change"}, paramLabel = "INSTRUCTION",
            description = "Apply a Dockerfile instruction to the image (CMD, ENTRYPOINT, ENV, EXPOSE, LABEL,"
                    + " STOPSIGNAL, USER, VOLUME, WORKDIR)")
    List<String> changes = new ArrayList<>();

    @Option(names = {"-m", "--message"}, paramLabel = "MESSAGE", description = "Set commit message for imported image")
    String message;

    @Override
    public Integer call() {
        Optional<ImageName> imageName;
        try {
            imageName = Optional.ofNullable(name).map(ImageName::parse);
        } catch (IllegalArgumentException e) {
            throw new io.jcompose.cli.UsageException(e.getMessage());
        }
        try (Backend backend = openBackend()) {
            var store = linux(backend).imageStore();
            try (InputStream in = file.equals("-") ? console.in()
                    : Files.newInputStream(console.cwd().resolve(file))) {
                StoredImage image = new RootfsImporter().importRootfs(in, changes, imageName, store,
                        Optional.ofNullable(message));
                console.out().println(image.id());
            } catch (IllegalArgumentException e) {
                throw new io.jcompose.cli.UsageException(e.getMessage());
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
