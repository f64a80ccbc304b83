package io.jcompose.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcompose.engine.linux.LinuxBackend;
import io.jcompose.engine.linux.image.ImageName;
import io.jcompose.engine.linux.image.StoredImage;
import io.jcompose.engine.spi.Backend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code jcompose image inspect}: images as JSON, in the shape of {@code docker image inspect}. */
@Command(name = "inspect", sortOptions = false, description = "Display detailed information on one or more images")
public final class ImageInspectCommand extends ImageStoreCommand {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameters(paramLabel = "IMAGE", arity = "1..*", description = "Names or ids")
    List<String> images;

    @Override
    public Integer call() {
        int code = 0;
        ArrayNode out = JSON.createArrayNode();
        try (Backend backend = openBackend()) {
            LinuxBackend linux = linux(backend);
            for (String ref : images) {
                var found = linux.imageStore().find(ref);
                if (found.isEmpty()) {
                    console.err().println("Error: No such image: " + ref);
                    code = 1;
                    continue;
                }
                out.add(json(found.get(), linux));
            }
        }
        console.out().println(out.toPrettyString());
        console.out().flush();
        console.err().flush();
        return code;
    }

    private static ObjectNode json(StoredImage image, LinuxBackend linux) {
        try {
            JsonNode config = JSON.readTree(linux.imageStore().readBlob(image.id()));
            ObjectNode n = JSON.createObjectNode();
            n.put("Id", image.id());
            ArrayNode tags = n.putArray("RepoTags");
            image.repoTags().forEach(t -> tags.add(ImageName.parse(t).familiar()));
            ArrayNode digests = n.putArray("RepoDigests");
            image.repoDigests().forEach(d -> digests.add(d.startsWith("docker.io/library/")
                    ? d.substring("docker.io/library/".length()) : d));
            n.put("Created", image.created().toString());
            n.put("Size", image.size());
            n.put("Architecture", config.path("architecture").asText());
            n.put("Os", config.path("os").asText());
            n.set("Config", config.path("config"));
            ObjectNode rootfs = n.putObject("RootFS");
            rootfs.put("Type", "layers");
            ArrayNode layers = rootfs.putArray("Layers");
            image.diffIds().forEach(layers::add);
            return n;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
