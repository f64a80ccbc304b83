package io.jcompose.engine.linux.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcompose.engine.linux.image.Digests;
import io.jcompose.engine.linux.image.ImageName;
import io.jcompose.engine.linux.image.ImageStore;
import io.jcompose.engine.linux.image.StoredImage;
import io.jcompose.engine.linux.store.StoreLayout;
import io.jcompose.engine.spi.NotFoundException;
import io.jcompose.engine.spi.RuntimeFailureException;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryClientTest {

    private static final Platform AMD64 = Platform.parse("linux/amd64");

    @TempDir
    Path temp;

    private FakeRegistry registry;
    private ImageStore store;
    private FakeLayerImporter importer;
    private final List<String> progress = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        registry = new FakeRegistry();
        store = new ImageStore(new StoreLayout(temp.resolve("root"), temp.resolve("run")));
        importer = new FakeLayerImporter(store);
    }

    @AfterEach
    void tearDown() {
        registry.close();
    }

    private RegistrySettings settings() {
        return new RegistrySettings(Set.of(), new DockerConfigFile(temp.resolve("docker/config.json"), Optional.of(temp)),
                Duration.ofSeconds(2), Duration.ofSeconds(2),
                new RegistrySettings.Retries(4, Duration.ofMillis(5), Duration.ofMillis(50)), 3, AMD64);
    }

    private StoredImage pull(String reference) {
        return pull(reference, settings());
    }

    private StoredImage pull(String reference, RegistrySettings settings) {
        try (RegistryClient client = new RegistryClient(store, importer, settings)) {
            return client.pull(ImageName.parse(reference), progress::add);
        }
    }

    private static List<byte[]> layers(String... contents) {
        return java.util.Arrays.stream(contents).map(c -> c.getBytes(StandardCharsets.UTF_8)).toList();
    }

    private void writeDockerConfig(String json) throws IOException {
        Files.createDirectories(temp.resolve("docker"));
        Files.writeString(temp.resolve("docker/config.json"), json);
    }

    private static String auth(String user, String password) {
        return java.util.Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anonymousPull_storesConfigLayersNameAndDigest() {
        FakeRegistry.PushedImage pushed = registry.pushImage("team/app", "1", "amd64", layers("base", "app"));

        StoredImage image = pull(registry.address() + "/team/app:1");

        assertThat(image.id()).isEqualTo(pushed.configDigest());
        assertThat(image.repoTags()).containsExactly(registry.address() + "/team/app:1");
        assertThat(image.repoDigests()).containsExactly(registry.address() + "/team/app@" + pushed.manifestDigest());
        assertThat(image.diffIds()).isEqualTo(pushed.diffIds());
        assertThat(image.layers()).extracting(l -> l.blobDigest().orElseThrow())
                .isEqualTo(pushed.layerDigests());
        assertThat(image.layers()).extracting(l -> l.mediaType().orElseThrow())
                .containsOnly(MediaTypes.DOCKER_LAYER_GZIP);
        assertThat(image.layers()).extracting(StoredImage.Layer::size).containsExactly(4L, 3L);
        pushed.diffIds().forEach(d -> assertThat(store.hasLayer(d)).isTrue());
        pushed.layerDigests().forEach(d -> assertThat(store.hasBlob(d)).isTrue());
        assertThat(store.find(registry.address() + "/team/app:1")).map(StoredImage::id).contains(image.id());

        String first = Digests.shortId(pushed.layerDigests().get(0));
        assertThat(progress).startsWith("1: Pulling from team/app")
                .contains(first + ": Pulling fs layer", first + ": Download complete", first + ": Pull complete",
                        "Digest: " + pushed.manifestDigest(),
                        "Status: Downloaded newer image for " + registry.address() + "/team/app:1");
        assertThat(progress).anyMatch(l -> l.matches(first + ": Downloading \\d+B/\\d+B"));
    }

    @Test
    void secondPull_downloadsNothingAndSaysUpToDate() {
        FakeRegistry.PushedImage pushed = registry.pushImage("app", "latest", "amd64", layers("one", "two"));
        pull(registry.address() + "/app");
        progress.clear();

        pull(registry.address() + "/app");

        assertThat(registry.count("GET", "/blobs/" + pushed.layerDigests().get(0))).isEqualTo(1);
        assertThat(registry.count("GET", "/blobs/" + pushed.configDigest())).isEqualTo(1);
        assertThat(importer.imports.get()).isEqualTo(2);
        assertThat(progress).contains(Digests.shortId(pushed.layerDigests().get(1)) + ": Already exists",
                "Status: Image is up to date for " + registry.address() + "/app:latest");
    }

    @Test
    void layersTheStoreHas_areNotDownloaded() throws IOException {
        registry.pushImage("base", "1", "amd64", layers("shared-base"));
        pull(registry.address() + "/base:1");
        FakeRegistry.PushedImage app = registry.pushImage("app", "1", "amd64", layers("shared-base", "own"));
        // gone from the registry: the pull can only succeed by not downloading it
        registry.removeBlob(app.layerDigests().get(0));

        StoredImage image = pull(registry.address() + "/app:1");

        assertThat(image.diffIds()).isEqualTo(app.diffIds());
        assertThat(registry.count("GET", "/v2/app/blobs/" + app.layerDigests().get(0))).isZero();
        assertThat(progress).contains(Digests.shortId(app.layerDigests().get(0)) + ": Already exists");
    }

    @Test
    void bearerTokenFlow_anonymous_fetchesOneTokenForAllRequests() {
        registry.bearer(Optional.empty());
        FakeRegistry.PushedImage pushed = registry.pushImage("library/redis", "7", "amd64", layers("a", "b", "c"));

        StoredImage image = pull(registry.address() + "/library/redis:7");

        assertThat(image.id()).isEqualTo(pushed.configDigest());
        assertThat(registry.tokensIssued()).isEqualTo(1);
        assertThat(registry.requests()).filteredOn(r -> r.path().contains("/blobs/"))
                .allMatch(r -> r.authorization().orElse("").startsWith("Bearer tok-"));
    }

    @Test
    void bearerTokenFlow_withCredentialsFromDockerConfig() throws IOException {
        registry.bearer(Optional.of(new RegistryCredentials("jc", "s3cret")));
        writeDockerConfig("{\"auths\":{\"" + registry.address() + "\":{\"auth\":\"" + auth("jc", "s3cret") + "\"}}}");
        FakeRegistry.PushedImage pushed = registry.pushImage("private/app", "1", "amd64", layers("x"));

        assertThat(pull(registry.address() + "/private/app:1").id()).isEqualTo(pushed.configDigest());
        assertThat(registry.requests()).filteredOn(r -> r.path().equals("/token"))
                .extracting(r -> r.authorization().orElse(""))
                .containsOnly(new RegistryCredentials("jc", "s3cret").basicAuthorization());
    }

    @Test
    void basicAuth_withUsernameAndPasswordFields() throws IOException {
        registry.basic(new RegistryCredentials("jc", "pw"));
        writeDockerConfig("{\"auths\":{\"http://" + registry.address()
                + "/v1/\":{\"username\":\"jc\",\"password\":\"pw\"}}}");
        FakeRegistry.PushedImage pushed = registry.pushImage("app", "1", "amd64", layers("x", "y"));

        assertThat(pull(registry.address() + "/app:1").id()).isEqualTo(pushed.configDigest());
    }

    @Test
    void wrongCredentials_oneClearLine() throws IOException {
        registry.bearer(Optional.of(new RegistryCredentials("jc", "right")));
        writeDockerConfig("{\"auths\":{\"" + registry.address() + "\":{\"auth\":\"" + auth("jc", "wrong") + "\"}}}");
        registry.pushImage("app", "1", "amd64", layers("x"));

        assertThatThrownBy(() -> pull(registry.address() + "/app:1"))
                .isInstanceOf(RuntimeFailureException.class)
                .hasMessage("unauthorized: the credentials for " + registry.address() + " were rejected (check "
                        + "~/docker/config.json or run jcompose login " + registry.address() + ")");
    }

    @Test
    void wrongBasicCredentials_oneClearLine() throws IOException {
        registry.basic(new RegistryCredentials("jc", "right"));
        writeDockerConfig("{\"auths\":{\"" + registry.address() + "\":{\"auth\":\"" + auth("jc", "wrong") + "\"}}}");
        registry.pushImage("app", "1", "amd64", layers("x"));

        assertThatThrownBy(() -> pull(registry.address() + "/app:1"))
                .isInstanceOf(RuntimeFailureException.class)
                .hasMessageStartingWith("unauthorized: the credentials for " + registry.address() + " were rejected");
    }

    @Test
    void missingCredentials_saySo() {
        registry.basic(new RegistryCredentials("jc", "pw"));
        registry.pushImage("app", "1", "amd64", layers("x"));

        assertThatThrownBy(() -> pull(registry.address() + "/app:1"))
                .isInstanceOf(RuntimeFailureException.class)
                .hasMessageContaining("registry " + registry.address() + " wants credentials")
                .hasMessageContaining("~/docker/config.json has none for it (run jcompose login "
                        + registry.address() + ")");
    }

    @Test
    void credentialsInAHelper_sayHelpersAreNotSupported() throws IOException {
        registry.bearer(Optional.of(new RegistryCredentials("jc", "pw")));
        writeDockerConfig("{\"credHelpers\":{\"" + registry.address() + "\":\"pass\"}}");
        registry.pushImage("app", "1", "amd64", layers("x"));

        assertThatThrownBy(() -> pull(registry.address() + "/app:1"))
                .hasMessageContaining("credential helper docker-credential-pass, which jcompose does not run yet");
    }

    @Test
    void manifestList_selectsThePlatform() {
        FakeRegistry.PushedImage amd = registry.pushImage("multi", "amd", "amd64", layers("amd-layer"));
        FakeRegistry.PushedImage arm = registry.pushImage("multi", "arm", "arm64", layers("arm-layer"));
        String indexDigest = putIndex("multi", "1", MediaTypes.DOCKER_MANIFEST_LIST, amd, arm);

        StoredImage image;
        try (RegistryClient client = new RegistryClient(store, importer, settings())) {
            image = client.pull(ImageName.parse(registry.address() + "/multi:1"), Platform.parse("linux/arm64/v8"),
                    progress::add);
        }

        assertThat(image.id()).isEqualTo(arm.configDigest());
        assertThat(image.config().architecture()).isEqualTo("arm64");
        assertThat(image.repoDigests()).containsExactly(registry.address() + "/multi@" + indexDigest);
        assertThat(progress).contains("Digest: " + indexDigest);
        assertThat(registry.count("GET", "/blobs/" + amd.layerDigests().get(0))).isZero();
    }

    @Test
    void ociIndex_withoutAMatchingPlatform_listsWhatThereIs() {
        FakeRegistry.PushedImage amd = registry.pushImage("multi", "amd", "amd64", layers("amd-layer"));
        FakeRegistry.PushedImage arm = registry.pushImage("multi", "arm", "arm64", layers("arm-layer"));
        putIndex("multi", "1", MediaTypes.OCI_INDEX, amd, arm);

        try (RegistryClient client = new RegistryClient(store, importer, settings())) {
            assertThatThrownBy(() -> client.pull(ImageName.parse(registry.address() + "/multi:1"),
                    Platform.parse("linux/s390x"), progress::add))
                    .isInstanceOf(NotFoundException.class)
                    .hasMessage("image \"" + registry.address() + "/multi:1\" has no manifest for platform "
                            + "linux/s390x (it has: linux/amd64, linux/arm64/v8)");
        }
    }

    private String putIndex(String path, String tag, String mediaType, FakeRegistry.PushedImage amd,
                            FakeRegistry.PushedImage arm) {
        ObjectNode index = FakeRegistry.JSON.createObjectNode();
        index.put("schemaVersion", 2);
        index.put("mediaType", mediaType);
        ArrayNode entries = index.putArray("manifests");
        entries.add(FakeRegistry.descriptor(MediaTypes.DOCKER_MANIFEST, amd.manifestDigest(), amd.manifest().length));
        ((ObjectNode) entries.get(0)).putObject("platform").put("os", "linux").put("architecture", "amd64");
        entries.add(FakeRegistry.descriptor(MediaTypes.DOCKER_MANIFEST, arm.manifestDigest(), arm.manifest().length));
        ((ObjectNode) entries.get(1)).putObject("platform").put("os", "linux").put("architecture", "arm64")
                .put("variant", "v8");
        return registry.putManifest(path, tag, mediaType, FakeRegistry.bytes(index));
    }

    @Test
    void corruptLayer_isRejectedAndNothingKept() throws IOException {
        FakeRegistry.PushedImage pushed = registry.pushImage("app", "1", "amd64", layers("good", "bad"));
        String bad = pushed.layerDigests().get(1);
        registry.corrupt(bad);

        assertThatThrownBy(() -> pull(registry.address() + "/app:1"))
                .isInstanceOf(RuntimeFailureException.class)
                .hasMessageContaining("content digest mismatch: expected " + bad);

        assertThat(store.hasBlob(bad)).isFalse();
        assertThat(store.hasLayer(pushed.diffIds().get(1))).isFalse();
        assertThat(store.find(registry.address() + "/app:1")).isEmpty();
        assertThat(registry.count("GET", "/blobs/" + bad)).as("a mismatch is not retried").isEqualTo(1);
        try (var left = Files.list(store.layout().tmp())) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void layers_areUnpackedAsTheyArrive_andTheirBlobsKept() throws IOException {
        byte[] tar = new io.jcompose.engine.linux.layer.TarBuilder().dir("etc").file("etc/motd", "hello\n")
                .file("big", new byte[300_000], 0644, e -> { }).tar();
        FakeRegistry.PushedImage pushed = registry.pushImage("app", "1", "amd64", List.of(tar));

        StoredImage image;
        try (RegistryClient client = new RegistryClient(store, unpacking(), settings())) {
            image = client.pull(ImageName.parse(registry.address() + "/app:1"), progress::add);
        }

        assertThat(image.diffIds()).isEqualTo(pushed.diffIds());
        Path diff = store.layout().layers().resolve(Digests.hex(pushed.diffIds().getFirst())).resolve("diff");
        assertThat(Files.readString(diff.resolve("etc/motd"))).isEqualTo("hello\n");
        assertThat(Files.size(diff.resolve("big"))).isEqualTo(300_000);
        assertThat(store.hasBlob(pushed.layerDigests().getFirst())).as("kept for a later push").isTrue();
    }

    @Test
    void corruptLayer_unpackedAsItArrives_leavesNoLayerNoBlobNoScratch() throws IOException {
        byte[] tar = new io.jcompose.engine.linux.layer.TarBuilder().file("a", new byte[200_000], 0644, e -> { })
                .tar();
        FakeRegistry.PushedImage pushed = registry.pushImage("app", "1", "amd64", List.of(tar));
        String digest = pushed.layerDigests().getFirst();
        registry.corrupt(digest);

        try (RegistryClient client = new RegistryClient(store, unpacking(), settings())) {
            assertThatThrownBy(() -> client.pull(ImageName.parse(registry.address() + "/app:1"), progress::add))
                    .hasMessageContaining("content digest mismatch: expected " + digest);
        }

        assertThat(store.hasBlob(digest)).isFalse();
        assertThat(store.hasLayer(pushed.diffIds().getFirst())).isFalse();
        try (var left = Files.list(store.layout().tmp())) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void corruptLayer_thatTheInflaterTripsOver_isStillADigestMismatch() throws IOException {
        byte[] noise = new byte[400_000];
        new java.util.Random(3).nextBytes(noise);
        byte[] tar = new io.jcompose.engine.linux.layer.TarBuilder().file("noise", noise, 0644, e -> { }).tar();
        FakeRegistry.PushedImage pushed = registry.pushImage("app", "1", "amd64", List.of(tar));
        String digest = pushed.layerDigests().getFirst();
        registry.corrupt(digest);

        try (RegistryClient client = new RegistryClient(store, unpacking(), settings())) {
            assertThatThrownBy(() -> client.pull(ImageName.parse(registry.address() + "/app:1"), progress::add))
                    .hasMessageContaining("content digest mismatch: expected " + digest);
        }
        assertThat(store.hasLayer(pushed.diffIds().getFirst())).isFalse();
        try (var left = Files.list(store.layout().tmp())) {
            assertThat(left).isEmpty();
        }
    }

    /** The importer of the real host: the layer unpacker, reading the download as it arrives. */
    private LayerImporter unpacking() {
        return (blob, mediaType, diffId) -> store.addLayer(Optional.of(diffId),
                dir -> io.jcompose.engine.linux.layer.LayerUnpacker.forImageLayers().unpack(blob, dir));
    }

    @Test
    void corruptConfig_isRejected() {
        FakeRegistry.PushedImage pushed = registry.pushImage("app", "1", "amd64", layers("x"));
        registry.corrupt(pushed.configDigest());

        assertThatThrownBy(() -> pull(registry.address() + "/app:1"))
                .hasMessageContaining("content digest mismatch: expected " + pushed.configDigest());
        assertThat(store.hasBlob(pushed.configDigest())).isFalse();
    }

    @Test
    void pullByDigest_verifiesTheManifestAndAddsNoTag() {
        FakeRegistry.PushedImage pushed = registry.pushImage("app", "1", "amd64", layers("x"));

        StoredImage image = pull(registry.address() + "/app@" + pushed.manifestDigest());

        assertThat(image.repoTags()).isEmpty();
        assertThat(image.repoDigests()).containsExactly(registry.address() + "/app@" + pushed.manifestDigest());

        FakeRegistry.PushedImage other = registry.pushImage("app", "2", "amd64", layers("y"));
        String claimed = "sha256:" + "ab".repeat(32);
        registry.putManifestUnderDigest("app", claimed, MediaTypes.DOCKER_MANIFEST, other.manifest());
        assertThatThrownBy(() -> pull(registry.address() + "/app@" + claimed))
                .hasMessageContaining("content digest mismatch: expected " + claimed);
    }

    @Test
    void serverErrors_areRetried() {
        FakeRegistry.PushedImage pushed = registry.pushImage("app", "1", "amd64", layers("x"));
        registry.failNext("/manifests/1", 500, "UNKNOWN", 2, Optional.empty());
        registry.failNext("/blobs/" + pushed.layerDigests().get(0), 503, "UNAVAILABLE", 1, Optional.of("0"));
        registry.failNext("/blobs/" + pushed.configDigest(), 429, "TOOMANYREQUESTS", 1, Optional.of("0"));

        assertThat(pull(registry.address() + "/app:1").id()).isEqualTo(pushed.configDigest());
        assertThat(registry.count("GET", "/manifests/1")).isEqualTo(3);
    }

    @Test
    void persistentServerErrors_giveUpAfterFourAttempts() {
        registry.pushImage("app", "1", "amd64", layers("x"));
        registry.failNext("/manifests/1", 500, "UNKNOWN", 10, Optional.empty());

        assertThatThrownBy(() -> pull(registry.address() + "/app:1"))
                .isInstanceOf(RuntimeFailureException.class)
                .hasMessageContaining("HTTP 500 injected failure");
        assertThat(registry.count("GET", "/manifests/1")).isEqualTo(4);
    }

    @Test
    void clientErrors_areNotRetried() {
        registry.pushImage("app", "1", "amd64", layers("x"));
        registry.failNext("/manifests/1", 400, "MANIFEST_INVALID", 10, Optional.empty());

        assertThatThrownBy(() -> pull(registry.address() + "/app:1")).hasMessageContaining("HTTP 400");
        assertThat(registry.count("GET", "/manifests/1")).isEqualTo(1);
    }

    @Test
    void unknownImage_isNotFound() {
        assertThatThrownBy(() -> pull(registry.address() + "/nope"))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("image \"" + registry.address() + "/nope:latest\" not found in registry "
                        + registry.address());
    }

    @Test
    void schema1_isRefusedClearly() {
        registry.putManifest("old", "1", MediaTypes.DOCKER_SCHEMA1_SIGNED,
                "{\"schemaVersion\":1,\"name\":\"old\",\"tag\":\"1\",\"fsLayers\":[]}".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> pull(registry.address() + "/old:1"))
                .hasMessageContaining("schema 1 manifests are not supported");
    }

    @Test
    void refusedConnection_namesTheRegistry() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        assertThatThrownBy(() -> pull("127.0.0.1:" + port + "/app:1"))
                .isInstanceOf(RuntimeFailureException.class)
                .hasMessageContaining("registry 127.0.0.1:" + port)
                .hasMessageContaining("connection refused");
    }

    @Test
    void blobRedirects_areFollowedWithoutTheAuthorizationHeader() throws IOException {
        registry.bearer(Optional.empty());
        FakeRegistry.PushedImage pushed = registry.pushImage("app", "1", "amd64", layers("x", "y"));
        try (FakeRegistry storage = new FakeRegistry()) {
            // the storage serves the same bytes under the same digests
            storage.pushImage("app", "1", "amd64", layers("x", "y"));
            registry.redirectBlobsTo(storage);

            assertThat(pull(registry.address() + "/app:1").id()).isEqualTo(pushed.configDigest());
            assertThat(storage.requests()).hasSize(3).allMatch(r -> r.authorization().isEmpty());
            assertThat(registry.requests()).filteredOn(r -> r.path().contains("/blobs/")).hasSize(3)
                    .allMatch(r -> r.authorization().orElse("").startsWith("Bearer "));
        }
    }

    @Test
    void stalledDownload_failsTheAttemptAndIsRetried() {
        FakeRegistry.PushedImage pushed = registry.pushImage("app", "1", "amd64",
                List.of(new byte[200_000]));
        registry.stallOnce(pushed.layerDigests().get(0));

        long start = System.nanoTime();
        StoredImage image = pull(registry.address() + "/app:1", settings().withReadTimeout(Duration.ofMillis(300)));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("the stall ends the attempt, not the server")
                .isLessThan(Duration.ofSeconds(5));
        assertThat(image.diffIds()).isEqualTo(pushed.diffIds());
        assertThat(registry.count("GET", "/blobs/" + pushed.layerDigests().get(0))).isEqualTo(2);
    }

    @Test
    void twoPullsSharingALayer_inParallel_bothSucceed() throws Exception {
        byte[] shared = new byte[300_000];
        new java.util.Random(7).nextBytes(shared);
        FakeRegistry.PushedImage a = registry.pushImage("a", "1", "amd64",
                List.of(shared, "a-own".getBytes(StandardCharsets.UTF_8)));
        FakeRegistry.PushedImage b = registry.pushImage("b", "1", "amd64",
                List.of(shared, "b-own".getBytes(StandardCharsets.UTF_8)));

        try (RegistryClient client = new RegistryClient(store, importer, settings());
             ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<StoredImage> pullA = threads.submit(() -> client.pull(ImageName.parse(registry.address() + "/a:1"),
                    progress::add));
            Future<StoredImage> pullB = threads.submit(() -> client.pull(ImageName.parse(registry.address() + "/b:1"),
                    progress::add));
            assertThat(pullA.get().id()).isEqualTo(a.configDigest());
            assertThat(pullB.get().id()).isEqualTo(b.configDigest());
        }
        assertThat(store.hasLayer(a.diffIds().get(0))).isTrue();
        assertThat(Files.readAllBytes(store.layerDir(a.diffIds().get(0)).resolve("content"))).isEqualTo(shared);
        assertThat(store.find(registry.address() + "/a:1")).isPresent();
        assertThat(store.find(registry.address() + "/b:1")).isPresent();
    }

    @Test
    void foreignLayer_comesFromItsUrls() throws IOException {
        try (FakeRegistry elsewhere = new FakeRegistry()) {
            byte[] content = "foreign".getBytes(StandardCharsets.UTF_8);
            byte[] gz = FakeRegistry.gzip(content);
            String digest = elsewhere.putBlob(gz);
            byte[] config = FakeRegistry.config("amd64", List.of(Digests.of(content)));
            String configDigest = registry.putBlob(config);
            ObjectNode manifest = FakeRegistry.JSON.createObjectNode();
            manifest.put("schemaVersion", 2);
            manifest.put("mediaType", MediaTypes.DOCKER_MANIFEST);
            manifest.set("config", FakeRegistry.descriptor(MediaTypes.DOCKER_CONFIG, configDigest, config.length));
            ObjectNode layer = FakeRegistry.descriptor(MediaTypes.DOCKER_FOREIGN_LAYER_GZIP, digest, gz.length);
            layer.putArray("urls").add("http://" + elsewhere.address() + "/files/blobs/" + digest);
            manifest.putArray("layers").add(layer);
            registry.putManifest("win", "1", MediaTypes.DOCKER_MANIFEST, FakeRegistry.bytes(manifest));

            StoredImage image = pull(registry.address() + "/win:1");

            assertThat(image.diffIds()).containsExactly(Digests.of(content));
            assertThat(elsewhere.count("GET", "/files/blobs/" + digest)).isEqualTo(1);
        }
    }
}
