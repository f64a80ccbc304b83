package io.jcompose.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jcompose.cli.Jcompose;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

/**
 * Images on the built-in runtime and a real registry (Debian's docker-registry on loopback): push, pull, a compose
 * service whose image is missing, login against htpasswd, load and import, and a pull into a full disk. Every store
 * here is a directory of the test ({@code JCOMPOSE_ROOT}), filled from the fixture tarballs by {@code image import},
 * so nothing is tagged, pulled or left in the default store, and every image name is unique to the run.
 */
@EnabledIf("io.jcompose.e2e.OnBuiltInRuntime#canRun")
class LinuxImagesTest extends OnBuiltInRuntime {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NS = "jce2e-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    private static final Path FIXTURES = Path.of(System.getenv().getOrDefault("JCOMPOSE_FIXTURE_CACHE",
            "/var/cache/jcompose/fixtures"));
    private static final String BUSYBOX = "jcompose-fixtures/busybox:latest";
    private static final String PYTHON = "jcompose-fixtures/python-flask:bookworm";
    private static final Pattern PUSHED_DIGEST = Pattern.compile("\\S+: digest: (sha256:[0-9a-f]{64}) size: \\d+");

    /** The store pushes start from, and the registry without authentication. */
    @TempDir
    static Path shared;
    private static Path source;
    private static LocalRegistry registry;

    @TempDir
    Path dir;
    private Path home;
    private final List<Path> mounts = new ArrayList<>();

    /** What one jcompose run printed and returned. */
    record Result(int code, String out, String err) {
    }

    @BeforeAll
    static void startRegistryAndFillTheSourceStore() throws Exception {
        source = shared.resolve("store");
        Path registryDir = Files.createDirectories(shared.resolve("registry"));
        registry = new LocalRegistry(registryDir);
        importFixture(BUSYBOX);
    }

    @AfterAll
    static void stopRegistry() {
        if (registry != null) {
            registry.close();
        }
    }

    @BeforeEach
    void home() throws IOException {
        home = Files.createDirectories(dir.resolve("home"));
    }

    @AfterEach
    void unmount() throws Exception {
        for (Path mount : mounts) {
            if (run("umount", mount.toString()) != 0) {
                run("umount", "-l", mount.toString());
            }
        }
    }

    // ---- registry without authentication -------------------------------------------------------------------------

    @Test
    void pushedImage_pullsBackAsTheSameImage_andUpPullsItWhenMissing() throws Exception {
        String name = registryName(registry, "busybox:1");
        ok(jcompose(source, "image", "tag", BUSYBOX, name));
        String id = inspect(source, name).path("Id").asText();
        try {
            Result push = ok(jcompose(source, "image", "push", name));
            assertThat(push.out()).contains("The push refers to repository [" + repository(name) + "]");
            String digest = pushedDigest(push);
            ok(jcompose(source, "image", "rm", name));
            assertThat(jcompose(source, "image", "inspect", name).code()).isNotZero();

            Path elsewhere = dir.resolve("pulling-store");
            Result pull = ok(jcompose(elsewhere, "image", "pull", name));
            assertThat(pull.out()).contains("Digest: " + digest)
                    .contains("Status: Downloaded newer image for " + name);
            JsonNode pulled = inspect(elsewhere, name);
            assertThat(pulled.path("Id").asText()).isEqualTo(id);
            assertThat(pulled.path("RepoDigests")).extracting(JsonNode::asText)
                    .containsExactly(repository(name) + "@" + digest);
            assertThat(pulled.path("Config").path("Cmd")).extracting(JsonNode::asText).containsExactly("sh");

            // a compose service of an image the store lacks: up pulls it (pull_policy: missing)
            Path fresh = dir.resolve("up-store");
            Path project = Files.createDirectories(dir.resolve("project"));
            Files.writeString(project.resolve("compose.yaml"), """
                    services:
                      app:
                        image: %s
                        network_mode: none
                        command: ["sleep", "1000"]
                    """.formatted(name));
            String projectName = NS + "-up";
            try {
                Result up = ok(jcomposeIn(project, fresh, new byte[0], "-p", projectName, "--progress", "plain",
                        "up", "-d"));
                assertThat(up.err()).contains("Pulling");
                assertThat(inspect(fresh, name).path("Id").asText()).isEqualTo(id);
                Result ps = ok(jcomposeIn(project, fresh, new byte[0], "-p", projectName, "ps"));
                assertThat(ps.out()).contains(projectName + "-app-1").contains("Up");
            } finally {
                jcomposeIn(project, fresh, new byte[0], "-p", projectName, "down", "-t", "1");
            }
        } finally {
            jcompose(source, "image", "rm", name);
        }
    }

    @Test
    void anImageTheRegistryLacks_isOneLineNamingItAndTheRegistry() {
        String name = registryName(registry, "absent:1");
        Result pull = jcompose(dir.resolve("store"), "image", "pull", name);
        assertThat(pull.code()).isNotZero();
        assertOneLine(pull.err());
        assertThat(pull.err()).contains(NS + "/absent").contains("127.0.0.1:" + registry.port);
    }

    // ---- registry with htpasswd authentication -------------------------------------------------------------------

    @Test
    void login_isCheckedAndStored_pushAndPullUseIt_logoutRemovesIt() throws Exception {
        try (LocalRegistry secured = LocalRegistry.withLogin(Files.createDirectories(dir.resolve("secured")),
                "jc", "s3cret-pass")) {
            String server = "127.0.0.1:" + secured.port;
            String name = registryName(secured, "busybox:1");
            Path pulling = dir.resolve("pulling-store");
            Path config = home.resolve(".docker/config.json");

            Result anonymous = jcompose(pulling, "image", "pull", name);
            assertThat(anonymous.code()).isNotZero();
            assertOneLine(anonymous.err());
            assertThat(anonymous.err()).contains(server).contains("jcompose login");

            Result wrong = jcomposeWithInput(pulling, "nope\n", "login", server, "-u", "jc", "--password-stdin");
            assertThat(wrong.code()).isEqualTo(1);
            assertOneLine(wrong.err());
            assertThat(wrong.err()).contains("rejected the user name or password of \"jc\"");
            assertThat(config).doesNotExist();

            Result right = jcomposeWithInput(pulling, "s3cret-pass\n", "login", server, "-u", "jc",
                    "--password-stdin");
            assertThat(right.code()).as(right.err()).isZero();
            assertThat(right.out()).isEqualTo("Login Succeeded\n");
            assertThat(JSON.readTree(config.toFile()).path("auths").has(server)).isTrue();

            ok(jcompose(source, "image", "tag", BUSYBOX, name));
            try {
                ok(jcompose(source, "image", "push", name));
                ok(jcompose(pulling, "image", "pull", name));
                assertThat(inspect(pulling, name).path("Id").asText())
                        .isEqualTo(inspect(source, name).path("Id").asText());
            } finally {
                jcompose(source, "image", "rm", name);
            }

            Result logout = ok(jcompose(pulling, "logout", server));
            assertThat(logout.out()).isEqualTo("Removing login credentials for " + server + "\n");
            assertThat(JSON.readTree(config.toFile()).path("auths").has(server)).isFalse();
            Result afterLogout = jcompose(dir.resolve("another-store"), "image", "pull", name);
            assertThat(afterLogout.code()).isNotZero();
            assertOneLine(afterLogout.err());
        }
    }

    // ---- load and import -----------------------------------------------------------------------------------------

    @Test
    void aLoadedArchive_andAnImportFromStdin_canBePushedAndPulledBack() throws Exception {
        Path store = dir.resolve("store");
        Path archive = dir.resolve("saved.tar");
        String loadedName = NS + "/loaded:1";
        Files.write(archive, dockerSave(loadedName));
        Result load = ok(jcompose(store, "image", "load", "-i", archive.toString()));
        assertThat(load.out()).isEqualTo("Loaded image: " + loadedName + "\n");

        // as docker export writes a container: with /dev/console, which a registry's layer must not have
        byte[] exported = withConsoleDevice(Files.readAllBytes(fixtureTarball(BUSYBOX)));
        String importedName = NS + "/imported:1";
        Result imported = ok(jcomposeWithInput(store, exported, "image", "import",
                "--change", "CMD [\"/bin/echo\", \"imported\"]", "--change", "ENV GREETING=hello",
                "-", importedName));
        assertThat(imported.out()).matches("sha256:[0-9a-f]{64}\n");
        JsonNode config = inspect(store, importedName).path("Config");
        assertThat(config.path("Cmd")).extracting(JsonNode::asText).containsExactly("/bin/echo", "imported");
        assertThat(config.path("Env")).extracting(JsonNode::asText).contains("GREETING=hello");

        for (String local : List.of(loadedName, importedName)) {
            String name = registryName(registry, local.substring(local.indexOf('/') + 1));
            ok(jcompose(store, "image", "tag", local, name));
            ok(jcompose(store, "image", "push", name));
            Path pulling = dir.resolve("pulled-" + local.substring(local.indexOf('/') + 1, local.indexOf(':')));
            ok(jcompose(pulling, "image", "pull", name));
            assertThat(inspect(pulling, name).path("Id").asText())
                    .isEqualTo(inspect(store, local).path("Id").asText());
        }
        assertThat(Files.readString(layerFile(dir.resolve("pulled-loaded"), "hello.txt"))).isEqualTo("hello\n");
        assertThat(layerFile(dir.resolve("pulled-imported"), "bin/busybox")).isExecutable();
    }

    @Test
    void aSavedImage_loadsIntoDocker_andRuns() throws Exception {
        Assumptions.assumeTrue(run("docker", "version") == 0, "a Docker daemon answers");
        String name = NS + "/for-docker:1";
        Path archive = dir.resolve("for-docker.tar");
        ok(jcompose(source, "image", "tag", BUSYBOX, name));
        try {
            ok(jcompose(source, "image", "save", "-o", archive.toString(), name));
            assertThat(output("docker", "load", "-i", archive.toString())).contains("Loaded image: " + name);
            assertThat(output("docker", "run", "--rm", name, "echo", "saved by jcompose")).isEqualTo(
                    "saved by jcompose\n");
        } finally {
            run("docker", "rmi", "-f", name);
            jcompose(source, "image", "rm", name);
        }
    }

    @Test
    void badImageArguments_areOneLineEach() throws IOException {
        Path store = dir.resolve("store");
        Path notAnArchive = Files.writeString(dir.resolve("junk.tar"), "junk");
        List<List<String>> commands = List.of(
                List.of("image", "load", "-i", dir.resolve("missing.tar").toString()),
                List.of("image", "load", "-i", notAnArchive.toString()),
                List.of("image", "import", "--change", "HEALTHCHECK NONE", "-", NS + "/x:1"),
                List.of("image", "push", NS + "/never-made:1"),
                List.of("image", "pull", "UPPER/case:1"),
                List.of("login", "127.0.0.1:1", "-u", "jc"));
        for (List<String> command : commands) {
            Result r = jcompose(store, command.toArray(String[]::new));
            assertThat(r.code()).as(String.join(" ", command)).isNotZero();
            assertOneLine(r.err());
        }
    }

    // ---- a full disk -----------------------------------------------------------------------------------------------

    @Test
    void aPullIntoAFullDisk_failsInOneLine_andLeavesNoHalfWrittenLayer() throws Exception {
        importFixture(PYTHON);
        String name = registryName(registry, "python-flask:1");
        ok(jcompose(source, "image", "tag", PYTHON, name));
        try {
            ok(jcompose(source, "image", "push", name));
        } finally {
            jcompose(source, "image", "rm", name);
        }
        Path small = Files.createDirectories(dir.resolve("small"));
        assertThat(run("mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", small.toString())).isZero();
        mounts.add(small);

        Result pull = jcompose(small, "image", "pull", name);
        assertThat(pull.code()).isNotZero();
        assertOneLine(pull.err());
        assertThat(pull.err()).contains("no space left on device in " + small)
                .contains("while pulling " + name).contains("jcompose image prune");
        assertThat(children(small.resolve("layers"))).as("no half-written layer").isEmpty();
        assertThat(children(small.resolve("tmp"))).as("no scratch file left").isEmpty();
        Result ls = ok(jcompose(small, "image", "ls"));
        assertThat(ls.out()).doesNotContain(NS);
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    private static String registryName(LocalRegistry r, String nameAndTag) {
        return "127.0.0.1:" + r.port + "/" + NS + "/" + nameAndTag;
    }

    private static String repository(String name) {
        return name.substring(0, name.lastIndexOf(':'));
    }

    private static String pushedDigest(Result push) {
        Matcher m = PUSHED_DIGEST.matcher(push.out());
        assertThat(m.find()).as(push.out()).isTrue();
        return m.group(1);
    }

    /** Imports a fixture tarball into the source store under its fixture name, with the changes its list gives. */
    private static void importFixture(String image) throws IOException {
        for (String line : Files.readAllLines(FIXTURES.resolve("images.tsv"))) {
            String[] fields = line.split("\t");
            if (fields.length >= 2 && fields[1].equals(image)) {
                List<String> args = new ArrayList<>(List.of("image", "import"));
                for (int i = 2; i < fields.length; i++) {
                    args.addAll(List.of("--change", fields[i]));
                }
                args.addAll(List.of(fields[0], image));
                ok(runIn(shared, source, new byte[0], Path.of(System.getProperty("user.home")), args));
                return;
            }
        }
        throw new AssertionError(image + " is not in " + FIXTURES.resolve("images.tsv"));
    }

    private static Path fixtureTarball(String image) throws IOException {
        return Files.readAllLines(FIXTURES.resolve("images.tsv")).stream().map(l -> l.split("\t"))
                .filter(f -> f.length >= 2 && f[1].equals(image)).map(f -> Path.of(f[0])).findFirst().orElseThrow();
    }

    private Result jcompose(Path store, String... args) {
        return jcomposeIn(dir, store, new byte[0], args);
    }

    private Result jcomposeWithInput(Path store, String stdin, String... args) {
        return jcomposeWithInput(store, stdin.getBytes(StandardCharsets.UTF_8), args);
    }

    private Result jcomposeWithInput(Path store, byte[] stdin, String... args) {
        return jcomposeIn(dir, store, stdin, args);
    }

    private Result jcomposeIn(Path cwd, Path store, byte[] stdin, String... args) {
        return runIn(cwd, store, stdin, home, List.of(args));
    }

    /** jcompose in-process on the built-in runtime, with {@code store} as its JCOMPOSE_ROOT and HOME of the test. */
    private static Result runIn(Path cwd, Path store, byte[] stdin, Path home, List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Jcompose.run(new PrintWriter(out), new PrintWriter(err), new ByteArrayInputStream(stdin),
                Map.of("HOME", home.toString(), "PATH", System.getenv().getOrDefault("PATH", ""),
                        "JCOMPOSE_BACKEND", "linux", "JCOMPOSE_ROOT", store.toString()),
                cwd, args.toArray(String[]::new));
        return new Result(code, out.toString(), err.toString());
    }

    private static Result ok(Result r) {
        assertThat(r.code()).as("exit code; stderr:\n" + r.err() + "\nstdout:\n" + r.out()).isZero();
        return r;
    }

    private JsonNode inspect(Path store, String name) throws IOException {
        Result r = ok(jcompose(store, "image", "inspect", name));
        JsonNode json = JSON.readTree(r.out());
        assertThat(json.isArray() && json.size() == 1).as(r.out()).isTrue();
        return json.get(0);
    }

    private static void assertOneLine(String err) {
        assertThat(err).as("one line, no stack trace").hasLineCount(1).doesNotContain("\tat ")
                .doesNotContain("Exception");
    }

    /** The file {@code name} in whichever unpacked layer of the store has it. */
    private static Path layerFile(Path store, String name) throws IOException {
        for (Path layer : children(store.resolve("layers"))) {
            Path file = layer.resolve("diff").resolve(name);
            if (Files.exists(file)) {
                return file;
            }
        }
        throw new AssertionError(name + " is in no layer of " + store);
    }

    private static List<Path> children(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.toList();
        }
    }

    /** What a command printed; it must succeed. */
    private static String output(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0).as("%s: %s", command, out).isTrue();
        return out;
    }

    private static int run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
    }

    /** A {@code docker save} archive of one image of one layer holding {@code hello.txt}, tagged {@code name}. */
    private static byte[] dockerSave(String name) throws Exception {
        byte[] layer = tar(Map.of("hello.txt", "hello\n".getBytes(StandardCharsets.UTF_8)));
        String diffId = sha256(layer);
        byte[] config = ("{\"architecture\":\"" + architecture() + "\",\"os\":\"linux\","
                + "\"created\":\"2024-01-01T00:00:00Z\",\"config\":{\"Cmd\":[\"cat\",\"/hello.txt\"]},"
                + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + diffId + "\"]}}")
                .getBytes(StandardCharsets.UTF_8);
        String configFile = sha256(config).substring(7) + ".json";
        String layerFile = diffId.substring(7) + "/layer.tar";
        byte[] manifest = ("[{\"Config\":\"" + configFile + "\",\"RepoTags\":[\"" + name + "\"],\"Layers\":[\""
                + layerFile + "\"]}]").getBytes(StandardCharsets.UTF_8);
        Map<String, byte[]> files = new java.util.LinkedHashMap<>();
        files.put(layerFile, layer);
        files.put(configFile, config);
        files.put("manifest.json", manifest);
        return tar(files);
    }

    /** The tarball with a {@code dev/console} character device added. */
    private static byte[] withConsoleDevice(byte[] tarball) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tarball));
             TarArchiveOutputStream out = new TarArchiveOutputStream(bytes)) {
            out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (TarArchiveEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                out.putArchiveEntry(entry);
                in.transferTo(out);
                out.closeArchiveEntry();
            }
            TarArchiveEntry console = new TarArchiveEntry("dev/console", TarConstants.LF_CHR);
            console.setDevMajor(5);
            console.setDevMinor(1);
            console.setMode(0620);
            out.putArchiveEntry(console);
            out.closeArchiveEntry();
        }
        return bytes.toByteArray();
    }

    private static String architecture() {
        return switch (System.getProperty("os.arch")) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64" -> "arm64";
            default -> System.getProperty("os.arch");
        };
    }

    private static byte[] tar(Map<String, byte[]> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry(file.getKey());
                entry.setSize(file.getValue().length);
                entry.setMode(0644);
                tar.putArchiveEntry(entry);
                tar.write(file.getValue());
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static String sha256(byte[] content) throws Exception {
        return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }
}
