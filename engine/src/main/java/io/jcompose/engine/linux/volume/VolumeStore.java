package io.jcompose.engine.linux.volume;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcompose.engine.linux.image.ImageStore;
import io.jcompose.engine.linux.store.StoreLayout;
import io.jcompose.engine.spi.RuntimeFailureException;
import io.jcompose.engine.spi.VolumeOps;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Local volumes of the built-in runtime: a directory {@code volumes/<name>/_data} that containers bind-mount, and
 * {@code volume.json} with the driver, options and labels (so {@code ls}, {@code down} and compose find them).
 */
public final class VolumeStore {

    /** The label Docker puts on volumes it makes for a container's unnamed {@code VOLUME}s and mounts. */
    public static final String ANONYMOUS = "com.docker.volume.anonymous";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]*");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final StoreLayout layout;

    public VolumeStore(StoreLayout layout) {
        this.layout = layout;
    }

    public Path dataDir(String name) {
        return layout.volumes().resolve(name).resolve("_data");
    }

    /** Creates it unless it exists; returns the volume as stored. */
    public VolumeOps.VolumeInfo create(VolumeOps.VolumeSpec spec) {
        String name = spec.name();
        if (!NAME.matcher(name).matches() || name.length() > 255) {
            throw new IllegalArgumentException("invalid volume name \"" + name + "\": only [a-zA-Z0-9][a-zA-Z0-9_.-]"
                    + " are allowed");
        }
        String driver = spec.driver().filter(d -> !d.isBlank()).orElse("local");
        if (!driver.equals("local")) {
            throw new IllegalArgumentException("volume " + name + ": driver \"" + driver + "\" is not available on"
                    + " the built-in runtime (only local)");
        }
        if (!spec.driverOpts().isEmpty()) {
            throw new IllegalArgumentException("volume " + name + ": driver_opts are not supported by the built-in"
                    + " runtime yet (" + String.join(", ", spec.driverOpts().keySet()) + ")");
        }
        Optional<VolumeOps.VolumeInfo> existing = inspect(name);
        if (existing.isPresent()) {
            return existing.get();
        }
        try {
            Path dir = layout.volumes().resolve(name);
            Files.createDirectories(dir.resolve("_data"));
            ObjectNode json = JSON.createObjectNode();
            json.put("name", name);
            json.put("driver", driver);
            json.put("createdAt", Instant.now().toString());
            ObjectNode labels = json.putObject("labels");
            spec.labels().forEach(labels::put);
            Path tmp = dir.resolve("volume.json.tmp");
            Files.write(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(json));
            Files.move(tmp, dir.resolve("volume.json"), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
            return inspect(name).orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create volume " + name, e);
        }
    }

    /** A new anonymous volume (a random 64-hex name, as Docker names them). */
    public String createAnonymous() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String name = HexFormat.of().formatHex(bytes);
        create(new VolumeOps.VolumeSpec(name, Optional.empty(), Map.of(), Map.of(ANONYMOUS, "")));
        return name;
    }

    public Optional<VolumeOps.VolumeInfo> inspect(String name) {
        if (!NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        Path file = layout.volumes().resolve(name).resolve("volume.json");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonNode json = JSON.readTree(file.toFile());
            Map<String, String> labels = new LinkedHashMap<>();
            json.path("labels").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
            return Optional.of(new VolumeOps.VolumeInfo(name, json.path("driver").asText("local"),
                    dataDir(name).toString(), labels));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public Optional<Instant> createdAt(String name) {
        try {
            JsonNode json = JSON.readTree(layout.volumes().resolve(name).resolve("volume.json").toFile());
            return Optional.of(Instant.parse(json.path("createdAt").asText()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    public List<VolumeOps.VolumeInfo> list() {
        List<VolumeOps.VolumeInfo> out = new ArrayList<>();
        if (!Files.isDirectory(layout.volumes())) {
            return out;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(layout.volumes())) {
            for (Path d : dirs) {
                inspect(d.getFileName().toString()).ifPresent(out::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Deletes it with its content; gone already is a success. Whether it is in use is the caller's check. */
    public void delete(String name) {
        if (!NAME.matcher(name).matches()) {
            return;
        }
        try {
            ImageStore.deleteTree(layout.volumes().resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove volume " + name, e);
        }
    }

    /**
     * Copies what the image has at the mount point into the volume when the volume is still empty, owners and modes
     * included, as Docker does for a new volume, so that e.g. a database image's initial files are not hidden.
     */
    public void populate(String name, Path imageContent) {
        Path data = dataDir(name);
        try {
            if (!Files.isDirectory(imageContent) || !isEmpty(data) || isEmpty(imageContent)) {
                return;
            }
            Process p = new ProcessBuilder("cp", "-a", "--", imageContent + "/.", data + "/")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).strip();
            if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new RuntimeFailureException("cannot copy the image's content into volume " + name + ": " + out);
            }
            // "src/." copies the directory itself too: the volume root takes the owner and mode of the directory
            // it covers, as in Docker (a database image's data dir owned by its user stays writable for it)
        } catch (IOException e) {
            throw new UncheckedIOException("cannot fill volume " + name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RuntimeFailureException("interrupted while filling volume " + name);
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            return !s.iterator().hasNext();
        }
    }
}
