package io.jcompose.engine.linux;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcompose.engine.linux.image.Digests;
import io.jcompose.engine.linux.image.ImageConfig;
import io.jcompose.engine.linux.image.ImageName;
import io.jcompose.engine.linux.image.ImageStore;
import io.jcompose.engine.linux.image.StoredImage;
import io.jcompose.engine.spi.ContainerSpec;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** What tests of the built-in runtime need: whether this host can run it, a busybox image, container specs. */
public final class TestHosts {

    private static final Path FIXTURES = Path.of("/var/cache/jcompose/fixtures");

    private TestHosts() {
    }

    /** Root, runc or crun, overlayfs, and the busybox fixture tarball: what the CI machine has. */
    public static boolean canRunContainers() {
        return LinuxHost.unavailable(System.getenv()).isEmpty() && busyboxTar().isPresent();
    }

    public static Optional<Path> busyboxTar() {
        if (!Files.isDirectory(FIXTURES)) {
            return Optional.empty();
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(FIXTURES, "busybox-*.tar")) {
            for (Path p : s) {
                return Optional.of(p);
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** Adds the busybox fixture as {@code name} (one layer unpacked with GNU tar, its diff id the tar's digest). */
    public static StoredImage addBusybox(ImageStore store, String name, Map<String, Object> config)
            throws IOException {
        Path tar = busyboxTar().orElseThrow();
        String diffId = Digests.of(tar);
        store.addLayer(Optional.of(diffId), dir -> {
            try {
                Process p = new ProcessBuilder("tar", "--numeric-owner", "-xpf", tar.toString(), "-C",
                        dir.toString()).inheritIO().start();
                if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return new ImageStore.LayerContent(diffId, Files.size(tar));
                }
                throw new IOException("tar failed");
            } catch (InterruptedException e) {
                throw new IOException(e);
            }
        });
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = ImageConfig.emptyConfigJson("amd64", Instant.parse("2024-01-01T00:00:00Z"));
        ((com.fasterxml.jackson.databind.node.ArrayNode) root.path("rootfs").path("diff_ids")).add(diffId);
        root.set("config", json.valueToTree(config));
        return store.addImage(json.writeValueAsBytes(root), List.of(new StoredImage.Layer(diffId, Optional.empty(),
                Optional.empty(), 0)), List.of(ImageName.parse(name)), Optional.empty());
    }

    /** A spec with only what a test names; everything else as compose leaves it. */
    public static ContainerSpec spec(String name, String image, List<String> command, Map<String, String> labels,
                                     List<ContainerSpec.MountSpec> mounts,
                                     ContainerSpec.RestartPolicy restart,
                                     Optional<ContainerSpec.HealthcheckSpec> healthcheck) {
        return new ContainerSpec(name, image, Optional.empty(), command.isEmpty() ? Optional.empty()
                : Optional.of(command), Map.of(), labels, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), false, false, false, false, false, List.of(), List.of(), Optional.empty(),
                Optional.empty(), restart, healthcheck, List.of(), List.of(), mounts, Optional.of("none"), Map.of(),
                List.of(), List.of(), List.of(), List.of(), Optional.empty(), Optional.empty(), List.of(), List.of(),
                ContainerSpec.Resources.NONE, Map.of(), List.of(), Map.of(), List.of(), Optional.empty(),
                Optional.empty(), List.of(), Map.of());
    }

    public static ContainerSpec.MountSpec volume(String name, String target) {
        return new ContainerSpec.MountSpec("volume", Optional.of(name), target, false, Optional.empty(), false,
                Optional.empty(), Optional.empty(), false, Map.of());
    }

    /** Whether anything is still mounted below {@code dir} (a leak check). */
    public static List<String> mountsUnder(Path dir) throws IOException {
        String prefix = dir.toAbsolutePath().toString();
        return Files.readAllLines(Path.of("/proc/self/mountinfo")).stream().map(l -> l.split(" ")[4])
                .filter(m -> m.startsWith(prefix)).toList();
    }
}
