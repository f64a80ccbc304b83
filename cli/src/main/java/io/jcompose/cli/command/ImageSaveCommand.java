package io.jcompose.cli.command;

import io.jcompose.cli.UsageException;
import io.jcompose.engine.linux.LinuxBackend;
import io.jcompose.engine.linux.archive.ImageArchiveWriter;
import io.jcompose.engine.linux.image.ImageName;
import io.jcompose.engine.linux.image.StoredImage;
import io.jcompose.engine.spi.Backend;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jcompose image save}: images to a {@code docker save} archive that {@code image load} and
 * {@code docker load} take. An image named by id is saved without names; a name without a tag saves every tag of
 * that repository the image has.
 */
@Command(name = "save", sortOptions = false, description = "Save one or more images to a tar archive")
public final class ImageSaveCommand extends ImageStoreCommand {

    @Parameters(paramLabel = "IMAGE", arity = "1..*", description = "Names or ids of images")
    List<String> references;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to a file (required: the archive"
            + " is binary)")
    Path output;

    @Override
    public Integer call() {
        if (output == null) {
            throw new UsageException("cowardly refusing to save to a terminal. Use the -o flag");
        }
        Path target = console.cwd().resolve(output);
        try (Backend backend = openBackend()) {
            LinuxBackend linux = linux(backend);
            Map<String, ImageArchiveWriter.SavedImage> saved = new LinkedHashMap<>();
            for (String ref : references) {
                Optional<StoredImage> image = linux.imageStore().find(ref);
                if (image.isEmpty()) {
                    console.err().println("Error response from daemon: No such image: " + ref);
                    console.err().flush();
                    return 1;
                }
                List<ImageName> names = new ArrayList<>(Optional.ofNullable(saved.get(image.get().id()))
                        .map(ImageArchiveWriter.SavedImage::names).orElse(List.of()));
                for (ImageName name : names(ref, image.get())) {
                    if (!names.contains(name)) {
                        names.add(name);
                    }
                }
                saved.put(image.get().id(), new ImageArchiveWriter.SavedImage(image.get(), names));
            }
            Path parent = target.toAbsolutePath().getParent();
            Path tmp = Files.createTempFile(parent, ".jcompose-save-", ".tar");
            try {
                try (OutputStream out = Files.newOutputStream(tmp)) {
                    new ImageArchiveWriter().write(List.copyOf(saved.values()), linux.imageStore(), out);
                }
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (java.nio.file.NoSuchFileException e) {
            throw new UsageException("open " + e.getFile() + ": no such file or directory");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return 0;
    }

    /** The names {@code ref} stands for on {@code image}: none for an id, the tag given, or the repository's tags. */
    static List<ImageName> names(String ref, StoredImage image) {
        String hex = ref.startsWith("sha256:") ? ref.substring(7) : ref;
        if (image.id().substring(7).startsWith(hex) && hex.matches("[0-9a-f]{4,64}")) {
            return List.of();
        }
        ImageName asked = ImageName.parse(ref);
        boolean tagged = ref.lastIndexOf(':') > ref.lastIndexOf('/');
        if (tagged || asked.digest().isPresent()) {
            return asked.digest().isPresent() ? List.of() : List.of(asked);
        }
        return image.repoTags().stream().map(ImageName::parse)
                .filter(n -> n.repository().equals(asked.repository())).toList();
    }
}
