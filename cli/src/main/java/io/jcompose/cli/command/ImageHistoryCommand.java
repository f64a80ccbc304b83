package io.jcompose.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jcompose.cli.UsageException;
import io.jcompose.cli.render.Table;
import io.jcompose.engine.linux.LinuxBackend;
import io.jcompose.engine.linux.image.Digests;
import io.jcompose.engine.linux.image.StoredImage;
import io.jcompose.engine.spi.Backend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jcompose image history}: the steps that made an image, newest first, from its config's history; each step
 * that made a layer shows that layer's size.
 */
@Command(name = "history", sortOptions = false, description = "Show the history of an image")
public final class ImageHistoryCommand extends ImageStoreCommand {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CREATED_BY_WIDTH = 45;

    @Parameters(paramLabel = "IMAGE", description = "Name or id of the image")
    String reference;

    @Option(names = {"-H", "--human"}, arity = "0..1", paramLabel = "BOOL", defaultValue = "true",
            fallbackValue = "true", description = "Print sizes and dates in human readable format (default true)")
    boolean human;

    @Option(names = "--no-trunc", description = "Don't truncate output")
    boolean noTrunc;

    @Option(names = {"-q", "--quiet"}, description = "Only show image IDs")
    boolean quiet;

    @Option(names = "--format", paramLabel = "FORMAT", description = "table (default) or json")
    String format = "table";

    /** One row: the step's image id ({@code <missing>} below the top), when, what, how many bytes, and a comment. */
    record Step(String id, Optional<Instant> created, String createdBy, long size, String comment) {
    }

    @Override
    public Integer call() {
        if (!format.equals("table") && !format.equals("json")) {
            throw new UsageException("unsupported format \"" + format + "\": jcompose takes table or json");
        }
        try (Backend backend = openBackend()) {
            LinuxBackend linux = linux(backend);
            Optional<StoredImage> image = linux.imageStore().find(reference);
            if (image.isEmpty()) {
                console.err().println("Error response from daemon: No such image: " + reference);
                console.err().flush();
                return 1;
            }
            List<Step> steps = steps(image.get(), linux.imageStore().readBlob(image.get().id()));
            print(steps);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        console.out().flush();
        return 0;
    }

    private void print(List<Step> steps) {
        Instant now = Instant.now();
        Table table = new Table("IMAGE", "CREATED", "CREATED BY", "SIZE", "COMMENT");
        for (Step s : steps) {
            String id = s.id().equals("<missing>") || noTrunc ? s.id() : Digests.shortId(s.id());
            if (quiet) {
                console.out().println(id);
                continue;
            }
            String created = s.created().map(t -> human ? Ages.ago(t, now) : t.toString()).orElse("N/A");
            String size = human ? ImagesCommand.size(s.size()) : Long.toString(s.size());
            String by = noTrunc ? s.createdBy() : truncate(s.createdBy());
            if (format.equals("json")) {
                console.out().println(JSON.createObjectNode().put("Comment", s.comment())
                        .put("CreatedAt", s.created().map(Instant::toString).orElse("")).put("CreatedBy", by)
                        .put("CreatedSince", created).put("ID", id).put("Size", size));
            } else {
                table.row(id, created, by, size, s.comment());
            }
        }
        if (!quiet && format.equals("table")) {
            console.out().print(table.render());
        }
    }

    /**
     * The steps of an image, newest first. A history entry that is not an {@code empty_layer} made the next layer;
     * an image without history (some importers write none) gets a step per layer.
     */
    static List<Step> steps(StoredImage image, byte[] configJson) throws IOException {
        JsonNode history = JSON.readTree(configJson).path("history");
        List<Step> steps = new ArrayList<>();
        int layer = 0;
        if (history.isArray() && !history.isEmpty()) {
            for (JsonNode h : history) {
                long size = 0;
                if (!h.path("empty_layer").asBoolean(false) && layer < image.layers().size()) {
                    size = image.layers().get(layer++).size();
                }
                steps.add(new Step("<missing>", parse(h.path("created").asText("")), h.path("created_by").asText(""),
                        size, h.path("comment").asText("")));
            }
        } else {
            for (StoredImage.Layer l : image.layers()) {
                steps.add(new Step("<missing>", Optional.of(image.created()), "", l.size(), ""));
            }
        }
        List<Step> newestFirst = new ArrayList<>(steps.reversed());
        if (!newestFirst.isEmpty()) {
            Step top = newestFirst.getFirst();
            newestFirst.set(0, new Step(image.id(), top.created(), top.createdBy(), top.size(), top.comment()));
        }
        return newestFirst;
    }

    /** Docker cuts {@code CREATED BY} to 45 characters, the last an ellipsis. */
    static String truncate(String text) {
        String oneLine = text.replace('\n', ' ').replace('\t', ' ');
        return oneLine.length() <= CREATED_BY_WIDTH ? oneLine : oneLine.substring(0, CREATED_BY_WIDTH - 1) + "…";
    }

    private static Optional<Instant> parse(String text) {
        try {
            return text.isEmpty() ? Optional.empty() : Optional.of(Instant.parse(text));
        } catch (java.time.format.DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
