package io.jcompose.cli.command;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcompose.cli.render.Table;
import io.jcompose.engine.linux.LinuxBackend;
import io.jcompose.engine.linux.image.Digests;
import io.jcompose.engine.linux.image.ImageGraph;
import io.jcompose.engine.linux.image.ImageName;
import io.jcompose.engine.linux.image.StoredImage;
import io.jcompose.engine.spi.Backend;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jcompose image ls}: the store's images as {@code docker images} lists them. */
@Command(name = "ls", aliases = "list", sortOptions = false, description = "List images")
public final class ImageLsCommand extends ImageStoreCommand {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameters(paramLabel = "REPOSITORY[:TAG]", arity = "0..1", description = "Only images of this name")
    String filter;

    @Option(names = {"-a", "--all"}, description = "Show all images (default hides intermediate images: the"
            + " untagged build steps other images were built from)")
    boolean all;

    @Option(names = {"-q", "--quiet"}, description = "Only show image IDs")
    boolean quiet;

    @Option(names = "--digests", description = "Show digests")
    boolean digests;

    @Option(names = "--format", paramLabel = "FORMAT", description = "table (default) or json")
    String format = "table";

    @Override
    public Integer call() {
        try (Backend backend = openBackend()) {
            LinuxBackend linux = linux(backend);
            List<StoredImage> images = linux.imageStore().list();
            Instant now = Instant.now();
            Table table = digests ? new Table("REPOSITORY", "TAG", "DIGEST", "IMAGE ID", "CREATED", "SIZE")
                    : new Table("REPOSITORY", "TAG", "IMAGE ID", "CREATED", "SIZE");
            java.util.Set<String> printedIds = new java.util.LinkedHashSet<>();
            ImageGraph graph = ImageGraph.of(images);
            for (StoredImage image : images) {
                if (!all && graph.intermediate(image)) {
                    continue;
                }
                List<Optional<ImageName>> names = image.repoTags().isEmpty() ? List.of(Optional.empty())
                        : image.repoTags().stream().map(t -> Optional.of(ImageName.parse(t))).toList();
                for (Optional<ImageName> name : names) {
                    if (filter != null && !matches(name, filter)) {
                        continue;
                    }
                    String id = Digests.shortId(image.id());
                    if (quiet) {
                        if (printedIds.add(id)) {
                            console.out().println(id);
                        }
                        continue;
                    }
                    String repo = name.map(ImageName::familiarRepository).orElse("<none>");
                    String tag = name.flatMap(ImageName::tag).orElse("<none>");
                    if (format.equals("json")) {
                        ObjectNode row = JSON.createObjectNode().put("Repository", repo).put("Tag", tag)
                                .put("ID", id).put("CreatedAt", image.created().toString())
                                .put("CreatedSince", Ages.ago(image.created(), now))
                                .put("Size", ImagesCommand.size(image.size()));
                        console.out().println(row);
                        continue;
                    }
                    String digest = image.repoDigests().stream().filter(d -> name.isEmpty()
                            || d.startsWith(name.get().repository() + "@")).map(d -> d.substring(d.indexOf('@') + 1))
                            .findFirst().orElse("<none>");
                    if (digests) {
                        table.row(repo, tag, digest, id, Ages.ago(image.created(), now),
                                ImagesCommand.size(image.size()));
                    } else {
                        table.row(repo, tag, id, Ages.ago(image.created(), now), ImagesCommand.size(image.size()));
                    }
                }
            }
            if (!quiet && !format.equals("json")) {
                console.out().print(table.render());
            }
        }
        console.out().flush();
        return 0;
    }

    private static boolean matches(Optional<ImageName> name, String filter) {
        if (name.isEmpty()) {
            return false;
        }
        boolean withTag = filter.lastIndexOf(':') > filter.lastIndexOf('/');
        ImageName wanted = ImageName.parse(filter);
        return name.get().repository().equals(wanted.repository())
                && (!withTag || name.get().tag().equals(wanted.tag()));
    }
}
