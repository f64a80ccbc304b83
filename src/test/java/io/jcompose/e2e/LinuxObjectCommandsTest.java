package io.jcompose.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jcompose.cli.Jcompose;
import io.jcompose.engine.linux.LinuxHost;
import io.jcompose.engine.linux.container.ContainerRecord;
import io.jcompose.engine.linux.container.ContainerStatus;
import io.jcompose.engine.linux.container.ContainerStore;
import io.jcompose.engine.linux.image.ImageStore;
import io.jcompose.engine.linux.image.StoredImage;
import io.jcompose.engine.linux.store.StoreLayout;
import io.jcompose.engine.linux.volume.VolumeStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

/**
 * The docker object commands on the built-in runtime: volumes shared between projects, networks made by hand with
 * names on them and none on the default bridge, live connect, info, image history/save, and system df/prune in a
 * store of the test's own (pruning the shared store would take other tests' stopped containers).
 */
@EnabledIf("io.jcompose.e2e.OnBuiltInRuntime#canRun")
class LinuxObjectCommandsTest extends OnBuiltInRuntime {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BUSYBOX = "jcompose-fixtures/busybox:latest";


    @TempDir
    Path dir;

    private final String unique = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());

    /** One run of jcompose, in-process, with the test's directory and {@code env} on top of the basics. */
    private LinuxProjectRun.Result jc(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Map<String, String> all = new HashMap<>(Map.of("HOME", System.getProperty("user.home"),
                "PATH", System.getenv().getOrDefault("PATH", ""), "JCOMPOSE_BACKEND", "linux"));
        all.putAll(env);
        int code = Jcompose.run(new PrintWriter(out), new PrintWriter(err), new ByteArrayInputStream(new byte[0]),
                all, dir, args);
        return new LinuxProjectRun.Result(code, out.toString(), err.toString());
    }

    private LinuxProjectRun.Result jc(String... args) {
        return jc(Map.of(), args);
    }


    private LinuxProjectRun project(String name) throws IOException {
        return new LinuxProjectRun(Files.createDirectories(dir.resolve(name)));
    }

    @Test
    void volumeMadeByHand_isExternalToOneProject_readByAnother_andRmRefusedWhileInUse() throws Exception {
        String volume = "objcli-vol-" + unique;
        try (LinuxProjectRun writer = project("writer"); LinuxProjectRun reader = project("reader")) {
            assertThat(ok(jc("volume", "create", "--label", "objcli=test", volume)).out()).isEqualTo(volume + "\n");
            assertThat(ok(jc("volume", "ls", "--filter", "name=" + volume)).out())
                    .startsWith("DRIVER").contains("local").contains(volume);
            assertThat(ok(jc("volume", "ls", "-q", "--filter", "label=objcli=test")).out().lines())
                    .contains(volume);
            JsonNode inspect = JSON.readTree(ok(jc("volume", "inspect", volume)).out()).get(0);
            assertThat(inspect.path("Name").asText()).isEqualTo(volume);
            assertThat(inspect.path("Driver").asText()).isEqualTo("local");
            assertThat(inspect.path("Mountpoint").asText()).endsWith("/volumes/" + volume + "/_data");
            assertThat(inspect.path("Labels").path("objcli").asText()).isEqualTo("test");
            assertThat(inspect.path("Scope").asText()).isEqualTo("local");

            writer.write("compose.yaml", """
                    services:
                      w:
                        image: %s
                        init: true
                        command: ["sh", "-c", "echo written-by-writer > /data/note && sleep 1000"]
                        volumes: ["shared:/data"]
                    volumes:
                      shared:
                        name: %s
                        external: true
                    """.formatted(BUSYBOX, volume));
            ok(writer.jcompose("up", "-d"));
            Path note = new VolumeStore(LinuxProjectRun.LAYOUT).dataDir(volume).resolve("note");
            for (int i = 0; i < 100 && !Files.exists(note); i++) {
                Thread.sleep(100);
            }
            assertThat(ok(jc("volume", "ls", "-q", "--filter", "dangling=false")).out().lines()).contains(volume);

            reader.write("compose.yaml", """
                    services:
                      r:
                        image: %s
                        volumes: ["data:/data:ro"]
                    volumes:
                      data:
                        external: true
                        name: %s
                    """.formatted(BUSYBOX, volume));
            assertThat(ok(reader.jcompose("run", "--rm", "-T", "r", "cat", "/data/note")).out())
                    .contains("written-by-writer");

            LinuxProjectRun.Result refused = jc("volume", "rm", volume);
            assertThat(refused.code()).isEqualTo(1);
            assertThat(refused.err().strip()).startsWith("Error response from daemon: remove " + volume
                    + ": volume is in use - [").contains(writer.containers().getFirst().id());

            ok(writer.jcompose("down", "-t", "1"));
            assertThat(ok(jc("volume", "rm", volume)).out()).isEqualTo(volume + "\n");
            assertThat(new VolumeStore(LinuxProjectRun.LAYOUT).inspect(volume)).isEmpty();
            LinuxProjectRun.Result missing = jc("volume", "rm", volume);
            assertThat(missing.code()).isEqualTo(1);
            assertThat(missing.err()).contains("no such volume");
        } finally {
            jc("volume", "rm", "-f", volume);
        }
    }

    /**
     * In a store of the test's own: the supervisor that serves a hand-made network's names is then one of this
     * build, not one another checkout started on the shared store.
     */
    @Test
    void userNetworkResolvesNames_defaultBridgeDoesNot_connectIsLive_rmRefusedWithContainers() throws Exception {
        String network = "objcli-net-" + unique;
        String tag = "jcompose-e2e/objcli-" + unique + ":v1";
        Path root = Files.createTempDirectory("objcli-store-");
        Map<String, String> own = Map.of("JCOMPOSE_ROOT", root.resolve("root").toString(),
                "JCOMPOSE_RUN_ROOT", root.resolve("run").toString());
        StoreLayout layout = StoreLayout.fromEnvironment(own);
        String user = "objcli-user-" + unique;
        String onBridge = "objcli-bridge-" + unique;
        try {
            Path archive = dir.resolve("handmade.tar");
            writeDockerSave(fixtureRootfs(), tag, archive);
            ok(jc(own, "image", "load", "-i", archive.toString()));
            String id = ok(jc(own, "network", "create", "--label", "objcli=test", network)).out().strip();
            assertThat(id).matches("[0-9a-f]{64}");
            assertThat(ok(jc(own, "network", "ls", "--filter", "name=" + network)).out())
                    .startsWith("NETWORK ID").contains(id.substring(0, 12) + "   " + network).contains("bridge");
            assertThat(ok(jc(own, "network", "ls", "-q", "--filter", "label=objcli=test")).out().lines())
                    .contains(id.substring(0, 12));
            assertThat(jc(own, "network", "create", network).err()).contains("network with name " + network
                    + " already exists");

            Files.writeString(dir.resolve("user.yaml"), """
                    services:
                      server:
                        image: %1$s
                        init: true
                        command: ["sleep", "1000"]
                        networks: [shared]
                      client:
                        image: %1$s
                        init: true
                        command: ["sleep", "1000"]
                        networks: [shared]
                    networks:
                      shared:
                        name: %2$s
                        external: true
                    """.formatted(tag, network));
            ok(jc(own, "-p", user, "-f", "user.yaml", "up", "-d"));
            ok(jc(own, "-p", user, "-f", "user.yaml", "exec", "-T", "client", "ping", "-c1", "-W2", "server"));

            ContainerStore containers = new ContainerStore(layout);
            JsonNode inspect = JSON.readTree(ok(jc(own, "network", "inspect", network)).out()).get(0);
            assertThat(inspect.path("Name").asText()).isEqualTo(network);
            assertThat(inspect.path("Id").asText()).isEqualTo(id);
            assertThat(inspect.path("Driver").asText()).isEqualTo("bridge");
            assertThat(inspect.path("IPAM").path("Config").get(0).path("Subnet").asText()).contains("/");
            assertThat(inspect.path("Labels").path("objcli").asText()).isEqualTo("test");
            assertThat(inspect.path("Containers").size()).isEqualTo(2);
            String serverIp = ipv4(inspect, container(containers, user, "server").id());

            LinuxProjectRun.Result refused = jc(own, "network", "rm", network);
            assertThat(refused.code()).isEqualTo(1);
            assertThat(refused.err()).startsWith("Error response from daemon: error while removing network: network "
                    + network).contains("has active endpoints");

            // docker's default network; "container run" makes it on first use, and nothing removes it
            ok(jc(own, "network", "create", "bridge"));
            Files.writeString(dir.resolve("bridge.yaml"), """
                    services:
                      a:
                        image: %1$s
                        init: true
                        command: ["sleep", "1000"]
                      b:
                        image: %1$s
                        init: true
                        command: ["sleep", "1000"]
                    networks:
                      default:
                        name: bridge
                        external: true
                    """.formatted(tag));
            String[] bridgeProject = {"-p", onBridge, "-f", "bridge.yaml"};
            ok(jc(own, concat(bridgeProject, "up", "-d")));
            ContainerRecord a = container(containers, onBridge, "a");
            ContainerRecord b = container(containers, onBridge, "b");
            String bIp = ipv4(JSON.readTree(ok(jc(own, "network", "inspect", "bridge")).out()).get(0), b.id());
            ok(jc(own, concat(bridgeProject, "exec", "-T", "a", "ping", "-c1", "-W2", bIp)));
            assertThat(jc(own, concat(bridgeProject, "exec", "-T", "a", "ping", "-c1", "-W2", "b")).code())
                    .isNotZero();
            assertThat(jc(own, concat(bridgeProject, "exec", "-T", "a", "ping", "-c1", "-W2", b.name())).code())
                    .isNotZero();

            // a running container joins the user network at once: peers there reach it by its alias
            ok(jc(own, "network", "connect", "--alias", "late-" + unique, network, a.name()));
            ok(jc(own, concat(bridgeProject, "exec", "-T", "a", "ping", "-c1", "-W2", serverIp)));
            ok(jc(own, "-p", user, "-f", "user.yaml", "exec", "-T", "client", "ping", "-c1", "-W2",
                    "late-" + unique));
            assertThat(JSON.readTree(ok(jc(own, "network", "inspect", network)).out()).get(0).path("Containers")
                    .has(a.id())).isTrue();
            assertThat(jc(own, "network", "connect", network, a.name()).err()).contains("already exists in network");

            ok(jc(own, "network", "disconnect", network, a.name()));
            assertThat(jc(own, "-p", user, "-f", "user.yaml", "exec", "-T", "client", "ping", "-c1", "-W2",
                    "late-" + unique).code()).isNotZero();
            assertThat(jc(own, concat(bridgeProject, "exec", "-T", "a", "ping", "-c1", "-W2", serverIp)).code())
                    .isNotZero();
            assertThat(jc(own, "network", "rm", "bridge").err()).contains("bridge is a pre-defined network");

            ok(jc(own, "-p", user, "-f", "user.yaml", "down", "-t", "1"));
            assertThat(ok(jc(own, "network", "rm", network)).out()).isEqualTo(network + "\n");
            assertThat(jc(own, "network", "inspect", network).err()).contains("network " + network + " not found");
        } finally {
            jc(own, "-p", user, "-f", "user.yaml", "down", "-t", "1");
            jc(own, "-p", onBridge, "-f", "bridge.yaml", "down", "-t", "1");
            jc(own, "network", "rm", "-f", network);
            try (var backend = LinuxHost.open(own)) {
                // the CLI refuses to remove the default network, as docker does: the test made it, the test removes it
                backend.networks().remove("bridge");
            }
            removeStore(root);
        }
    }

    private static ContainerRecord container(ContainerStore store, String project, String service) {
        return store.list().stream().filter(r -> project.equals(r.spec().labels().get(LinuxProjectRun.PROJECT_LABEL))
                && service.equals(r.spec().labels().get("com.docker.compose.service"))).findFirst().orElseThrow();
    }

    private static String[] concat(String[] first, String... rest) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(List.of(rest));
        return all.toArray(String[]::new);
    }

    private static String ipv4(JsonNode network, String containerId) {
        String address = network.path("Containers").path(containerId).path("IPv4Address").asText();
        assertThat(address).as("address of %s in %s", containerId, network).contains("/");
        return address.substring(0, address.indexOf('/'));
    }

    @Test
    void info_namesTheRuntimeAndCounts() throws Exception {
        String text = ok(jc("info")).out();
        for (String field : List.of("Containers:", "Running:", "Paused:", "Stopped:", "Images:", "Server Version:",
                "Storage Driver: overlay", "Cgroup Driver: cgroupfs", "Cgroup Version:", "Default Runtime:",
                "Kernel Version:", "Operating System:", "Architecture:", "CPUs:", "Total Memory:",
                "Jcompose Root Dir: " + LinuxProjectRun.LAYOUT.root())) {
            assertThat(text).contains(field);
        }
        JsonNode json = JSON.readTree(ok(jc("info", "--format", "json")).out());
        assertThat(json.path("Backend").asText()).isEqualTo("linux");
        assertThat(json.path("DefaultRuntime").asText()).isIn("crun", "runc");
        assertThat(json.path("Images").asInt()).isPositive();
        assertThat(json.path("NCPU").asInt()).isEqualTo(Runtime.getRuntime().availableProcessors());
    }

    @Test
    void historySaveLoad_thenDfAndPruneInAStoreOfItsOwn() throws Exception {
        String tag = "jcompose-e2e/objcli-" + unique + ":v1";
        // not under @TempDir: JUnit would delete it even with a mount left inside
        Path root = Files.createTempDirectory("objcli-store-");
        Map<String, String> own = Map.of("JCOMPOSE_ROOT", root.resolve("root").toString(),
                "JCOMPOSE_RUN_ROOT", root.resolve("run").toString());
        StoreLayout layout = StoreLayout.fromEnvironment(own);
        List<String> projects = new ArrayList<>();
        String unused = "objcli-unused-" + unique;
        try {
            Path archive = dir.resolve("handmade.tar");
            writeDockerSave(fixtureRootfs(), tag, archive);
            assertThat(ok(jc("image", "load", "-i", archive.toString())).out()).contains("Loaded image: " + tag);
            StoredImage loaded = new ImageStore(LinuxProjectRun.LAYOUT).find(tag).orElseThrow();

            String history = ok(jc("image", "history", tag)).out();
            List<String> rows = history.lines().toList();
            assertThat(rows.getFirst()).startsWith("IMAGE").contains("CREATED BY").contains("COMMENT");
            assertThat(rows.get(1)).startsWith(loaded.id().substring(7, 19)).contains("CMD [\"sh\"]").contains("0B");
            assertThat(rows.get(2)).startsWith("<missing>").contains("ADD rootfs.tar /").contains("made by hand");
            assertThat(ok(jc("image", "history", "-q", tag)).out().lines().toList())
                    .containsExactly(loaded.id().substring(7, 19), "<missing>");

            Path saved = dir.resolve("saved.tar");
            ok(jc("image", "save", "-o", saved.toString(), tag));
            assertThat(entries(saved)).contains("manifest.json", "repositories",
                    "blobs/sha256/" + loaded.id().substring(7), "blobs/sha256/" + loaded.diffIds().getFirst()
                            .substring(7));
            assertThat(ok(jc(own, "image", "load", "-i", saved.toString())).out()).contains("Loaded image: " + tag);
            assertThat(new ImageStore(layout).find(tag).orElseThrow().id()).isEqualTo(loaded.id());
            assertThat(ok(jc("rmi", tag)).out()).contains("Untagged: " + tag);
            assertThat(new ImageStore(LinuxProjectRun.LAYOUT).find(tag)).isEmpty();

            // in the test's own store: a running project, a stopped one, a network and an anonymous volume unused
            String running = "objcli-run-" + unique;
            String stopped = "objcli-stop-" + unique;
            Files.writeString(dir.resolve("compose.yaml"), """
                    services:
                      s:
                        image: %s
                        init: true
                        command: ["sleep", "1000"]
                    """.formatted(tag));
            projects.add(running);
            projects.add(stopped);
            ok(jc(own, "-p", running, "up", "-d"));
            ok(jc(own, "-p", stopped, "up", "-d"));
            ok(jc(own, "-p", stopped, "stop", "-t", "1"));
            ok(jc(own, "network", "create", unused));
            String anonymous = ok(jc(own, "volume", "create")).out().strip();
            assertThat(anonymous).matches("[0-9a-f]{64}");

            JsonNode info = JSON.readTree(ok(jc(own, "info", "--format", "json")).out());
            assertThat(info.path("Containers").asInt()).isEqualTo(2);
            assertThat(info.path("ContainersRunning").asInt()).isEqualTo(1);
            assertThat(info.path("ContainersStopped").asInt()).isEqualTo(1);
            assertThat(info.path("Images").asInt()).isEqualTo(1);
            assertThat(info.path("JcomposeRootDir").asText()).isEqualTo(layout.root().toString());

            Map<String, JsonNode> df = new HashMap<>();
            for (String line : ok(jc(own, "system", "df", "--format", "json")).out().lines().toList()) {
                JsonNode row = JSON.readTree(line);
                df.put(row.path("Type").asText(), row);
            }
            assertThat(df.keySet()).containsExactlyInAnyOrder("Images", "Containers", "Local Volumes",
                    "Build Cache");
            assertThat(df.get("Images").path("TotalCount").asText()).isEqualTo("1");
            assertThat(df.get("Images").path("Active").asText()).isEqualTo("1");
            assertThat(df.get("Images").path("Reclaimable").asText()).isEqualTo("0B (0%)");
            assertThat(df.get("Containers").path("TotalCount").asText()).isEqualTo("2");
            assertThat(df.get("Containers").path("Active").asText()).isEqualTo("1");
            assertThat(df.get("Local Volumes").path("TotalCount").asText()).isEqualTo("1");
            assertThat(df.get("Local Volumes").path("Active").asText()).isEqualTo("0");
            String table = ok(jc(own, "system", "df")).out();
            assertThat(table.lines().findFirst().orElseThrow()).matches("TYPE +TOTAL +ACTIVE +SIZE +RECLAIMABLE");

            ContainerStore containers = new ContainerStore(layout);
            String stoppedId = containers.list().stream()
                    .filter(r -> stopped.equals(r.spec().labels().get(LinuxProjectRun.PROJECT_LABEL)))
                    .findFirst().orElseThrow().id();
            String prune = ok(jc(own, "system", "prune", "-f", "--volumes")).out();
            assertThat(prune).contains("Deleted Containers:\n" + stoppedId + "\n")
                    .contains("Deleted Networks:").contains(unused).contains(stopped + "_default")
                    .contains("Deleted Volumes:\n" + anonymous + "\n").contains("Total reclaimed space:");
            assertThat(prune).doesNotContain(running + "_default");

            List<ContainerRecord> left = containers.list();
            assertThat(left).hasSize(1);
            assertThat(ContainerStatus.of(left.getFirst(), containers).running()).isTrue();
            assertThat(ok(jc(own, "network", "ls", "-q", "--filter", "name=" + running)).out()).isNotBlank();
            assertThat(new ImageStore(layout).find(tag)).isPresent();
            assertThat(new VolumeStore(layout).inspect(anonymous)).isEmpty();
        } finally {
            for (String p : projects) {
                jc(own, "-p", p, "down", "-v", "-t", "1");
            }
            jc(own, "network", "rm", "-f", unused);
            jc("rmi", tag);
            removeStore(root);
        }
    }

    /** The busybox fixture's root file system, the tarball it was imported from. */
    private static Path fixtureRootfs() throws IOException {
        Path list = Path.of(System.getenv().getOrDefault("JCOMPOSE_FIXTURE_CACHE", "/var/cache/jcompose/fixtures"))
                .resolve("images.tsv");
        for (String line : Files.readAllLines(list)) {
            String[] cols = line.split("\t");
            if (cols.length > 1 && cols[1].equals(BUSYBOX)) {
                return Path.of(cols[0]);
            }
        }
        throw new AssertionError("no busybox fixture in " + list);
    }

    /**
     * A {@code docker save} archive of one image made of {@code rootfs}: loading it gives the store a compressed
     * blob for the layer, which {@code image save} needs (the fixtures were imported without one).
     */
    private static void writeDockerSave(Path rootfs, String tag, Path archive) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(rootfs)) {
            in.transferTo(new java.security.DigestOutputStream(OutputStream.nullOutputStream(), md));
        }
        String diffHex = HexFormat.of().formatHex(md.digest());
        byte[] config = """
                {"architecture":"amd64","os":"linux","created":"2024-05-01T10:00:00Z",
                 "config":{"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],"Cmd":["sh"]},
                 "rootfs":{"type":"layers","diff_ids":["sha256:%s"]},
                 "history":[{"created":"2024-05-01T10:00:00Z","created_by":"ADD rootfs.tar /","comment":"made by hand"},
                            {"created":"2024-05-01T10:00:01Z","created_by":"CMD [\\"sh\\"]","empty_layer":true}]}
                """.formatted(diffHex).getBytes();
        String configHex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(config));
        byte[] manifest = ("[{\"Config\":\"" + configHex + ".json\",\"RepoTags\":[\"" + tag + "\"],\"Layers\":[\""
                + diffHex + "/layer.tar\"]}]").getBytes();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(Files.newOutputStream(archive))) {
            add(tar, configHex + ".json", config);
            add(tar, "manifest.json", manifest);
            TarArchiveEntry layer = new TarArchiveEntry(diffHex + "/layer.tar");
            layer.setSize(Files.size(rootfs));
            tar.putArchiveEntry(layer);
            Files.copy(rootfs, tar);
            tar.closeArchiveEntry();
        }
    }

    private static void add(TarArchiveOutputStream tar, String name, byte[] content) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(content.length);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
    }

    private static Set<String> entries(Path tarFile) throws IOException {
        Set<String> names = new TreeSet<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(Files.newInputStream(tarFile))) {
            for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                names.add(e.getName());
            }
        }
        return names;
    }

    /** Deletes the test's store unless something is still mounted under it (then deleting would reach into it). */
    private static void removeStore(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        boolean mounted = Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
                .anyMatch(l -> l.split(" ")[4].startsWith(root.toString()));
        if (!mounted) {
            ImageStore.deleteTree(root);
        }
    }
}
