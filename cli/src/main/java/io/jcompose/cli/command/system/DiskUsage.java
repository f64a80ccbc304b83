package io.jcompose.cli.command.system;

import io.jcompose.cli.command.ImagesCommand;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The arithmetic of {@code system df}: per kind of object how many there are, how many are in use, their size and
 * how much of it removing the unused ones would free. Images share layers, so their size counts each layer once,
 * and what is reclaimable is what no image in use needs.
 */
public final class DiskUsage {

    /** An image: its layers (diff id to bytes) and whether a container (running or not) was created from it. */
    public record Image(Map<String, Long> layers, boolean used) {
    }

    /** A container's writable layer and whether it runs. */
    public record Container(long size, boolean running) {
    }

    /** A volume's content and whether a container mounts it. */
    public record Volume(long size, boolean used) {
    }

    /** One line of the report. */
    public record Row(String type, int total, int active, long size, long reclaimable, boolean percent) {

        /** {@code 1.2MB (40%)} as docker writes it, or only the size when there is nothing to divide by. */
        public String reclaimableText() {
            String text = ImagesCommand.size(reclaimable);
            return percent && size > 0 ? text + " (" + reclaimable * 100 / size + "%)" : text;
        }
    }

    private DiskUsage() {
    }

    public static Row images(List<Image> images) {
        Map<String, Long> all = new HashMap<>();
        Set<String> needed = new HashSet<>();
        int active = 0;
        for (Image i : images) {
            all.putAll(i.layers());
            if (i.used()) {
                active++;
                needed.addAll(i.layers().keySet());
            }
        }
        long size = all.values().stream().mapToLong(Long::longValue).sum();
        long kept = needed.stream().mapToLong(all::get).sum();
        return new Row("Images", images.size(), active, size, size - kept, true);
    }

    public static Row containers(List<Container> containers) {
        long size = 0;
        long reclaimable = 0;
        int active = 0;
        for (Container c : containers) {
            size += c.size();
            if (c.running()) {
                active++;
            } else {
                reclaimable += c.size();
            }
        }
        return new Row("Containers", containers.size(), active, size, reclaimable, true);
    }

    public static Row volumes(List<Volume> volumes) {
        long size = 0;
        long reclaimable = 0;
        int active = 0;
        for (Volume v : volumes) {
            size += v.size();
            if (v.used()) {
                active++;
            } else {
                reclaimable += v.size();
            }
        }
        return new Row("Local Volumes", volumes.size(), active, size, reclaimable, true);
    }

    /** The built-in runtime keeps no build cache: builds go through the docker backend's BuildKit. */
    public static Row buildCache() {
        return new Row("Build Cache", 0, 0, 0, 0, false);
    }

    /** The four rows in docker's order. */
    public static List<Row> report(List<Image> images, List<Container> containers, List<Volume> volumes) {
        List<Row> rows = new ArrayList<>();
        rows.add(images(images));
        rows.add(containers(containers));
        rows.add(volumes(volumes));
        rows.add(buildCache());
        return rows;
    }
}
