package io.jcompose.engine.linux.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.jcompose.engine.linux.image.Digests;
import io.jcompose.engine.linux.image.ImageName;
import io.jcompose.engine.linux.image.ImageStore;
import io.jcompose.engine.linux.image.StoredImage;
import io.jcompose.engine.linux.store.StoreLayout;
import io.jcompose.engine.spi.RuntimeFailureException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryPushTest {

    @TempDir
    Path temp;

    private FakeRegistry registry;
    private ImageStore store;
    private final List<String> progress = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        registry = new FakeRegistry();
        store = new ImageStore(new StoreLayout(temp.resolve("root"), temp.resolve("run")));
    }

    @AfterEach
    void tearDown() {
        registry.close();
    }

    private RegistrySettings settings() {
        return new RegistrySettings(Set.of(),
                new DockerConfigFile(temp.resolve("docker/config.json"), Optional.of(temp)), Duration.ofSeconds(2), Duration.ofSeconds(2),
                new RegistrySettings.Retries(4, Duration.ofMillis(5), Duration.ofMillis(50)), 3,
                Platform.parse("linux/amd64"));
    }

    private RegistryClient client() {
        return new RegistryClient(store, new FakeLayerImporter(store), settings());
    }

    private RegistryClient.Pushed push(StoredImage image, String target) {
        try (RegistryClient client = client()) {
            return client.push(image, ImageName.parse(target), progress::add);
        }
    }

    private void writeDockerConfig(RegistryCredentials credentials) throws IOException {
        Files.createDirectories(temp.resolve("docker"));
        Files.writeString(temp.resolve("docker/config.json"), "{\"auths\":{\"" + registry.address()
                + "\":{\"auth\":\"" + credentials.configAuth() + "\"}}}");
    }

    /** A layer as a build or load leaves it: unpacked in the store, its gzip blob kept with {@code mediaType}. */
    private StoredImage.Layer layer(String content, String mediaType) throws IOException {
        byte[] tar = tar(content);
        String diffId = Digests.of(tar);
        String blob = store.writeBlob(new ByteArrayInputStream(gzip(tar)), Optional.empty());
        store.addLayer(Optional.of(diffId), dir -> {
            Files.writeString(dir.resolve("file"), content);
            return new ImageStore.LayerContent(diffId, content.length());
        });
        return new StoredImage.Layer(diffId, Optional.of(blob), Optional.of(mediaType), content.length());
    }

    private StoredImage image(String name, List<StoredImage.Layer> layers) throws IOException {
        byte[] config = FakeRegistry.config("amd64", layers.stream().map(StoredImage.Layer::diffId).toList());
        return store.addImage(config, layers, List.of(ImageName.parse(name)), Optional.empty());
    }

    private StoredImage twoLayerImage(String name) throws IOException {
        return image(name, List.of(layer("base layer", MediaTypes.DOCKER_LAYER_GZIP),
                layer("app layer", MediaTypes.OCI_LAYER_GZIP)));
    }

    private static byte[] tar(String content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry entry = new TarArchiveEntry("file");
            entry.setSize(bytes.length);
            tar.putArchiveEntry(entry);
            tar.write(bytes);
            tar.closeArchiveEntry();
        }
        return out.toByteArray();
    }

    private static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GzipCompressorOutputStream gz = new GzipCompressorOutputStream(out)) {
            gz.write(content);
        }
        return out.toByteArray();
    }

    private static List<String> blobsOf(StoredImage image) {
        return image.layers().stream().map(l -> l.blobDigest().orElseThrow()).toList();
    }

    @Test
    void push_uploadsLayersAndConfig_thenTheManifest_andRecordsItsDigest() throws IOException {
        String name = registry.address() + "/team/app:1";
        StoredImage image = twoLayerImage(name);
        List<String> blobs = blobsOf(image);

        RegistryClient.Pushed pushed = push(image, name);

        assertThat(registry.uploaded()).containsExactlyInAnyOrder(blobs.get(0), blobs.get(1), image.id());
        for (String blob : blobs) {
            assertThat(registry.blob(blob)).isEqualTo(Files.readAllBytes(store.blobPath(blob)));
        }
        Map.Entry<String, byte[]> manifest = registry.manifest("team/app", "1").orElseThrow();
        assertThat(manifest.getKey()).isEqualTo(MediaTypes.DOCKER_MANIFEST);
        assertThat(pushed.digest()).isEqualTo(Digests.of(manifest.getValue()));
        assertThat(pushed.size()).isEqualTo(manifest.getValue().length);
        JsonNode json = FakeRegistry.JSON.readTree(manifest.getValue());
        assertThat(json.path("schemaVersion").asInt()).isEqualTo(2);
        assertThat(json.path("mediaType").asText()).isEqualTo(MediaTypes.DOCKER_MANIFEST);
        assertThat(json.path("config").path("mediaType").asText()).isEqualTo(MediaTypes.DOCKER_CONFIG);
        assertThat(json.path("config").path("digest").asText()).isEqualTo(image.id());
        assertThat(json.path("config").path("size").asLong()).isEqualTo(Files.size(store.blobPath(image.id())));
        List<String> layerTypes = new ArrayList<>();
        List<String> layerDigests = new ArrayList<>();
        List<Long> layerSizes = new ArrayList<>();
        json.path("layers").forEach(l -> {
            layerTypes.add(l.path("mediaType").asText());
            layerDigests.add(l.path("digest").asText());
            layerSizes.add(l.path("size").asLong());
        });
        assertThat(layerTypes).as("OCI gzip becomes Docker's in a Docker manifest")
                .containsExactly(MediaTypes.DOCKER_LAYER_GZIP, MediaTypes.DOCKER_LAYER_GZIP);
        assertThat(layerDigests).isEqualTo(blobs);
        assertThat(layerSizes).containsExactly(Files.size(store.blobPath(blobs.get(0))),
                Files.size(store.blobPath(blobs.get(1))));

        String first = Digests.shortId(image.layers().get(0).diffId());
        assertThat(progress).startsWith("The push refers to repository [" + registry.address() + "/team/app]")
                .contains(first + ": Preparing", first + ": Pushed",
                        "1: digest: " + pushed.digest() + " size: " + pushed.size());
        assertThat(progress).anyMatch(l -> l.matches(first + ": Pushing \\d+B/\\d+B"));
        assertThat(registry.requests()).filteredOn(r -> r.method().equals("PUT") && r.path().contains("/uploads/"))
                .as("the session's state token is sent back").allMatch(r -> r.query().startsWith("_state=st-"));

        StoredImage recorded = store.find(name).orElseThrow();
        assertThat(recorded.repoDigests()).containsExactly(registry.address() + "/team/app@" + pushed.digest());
        assertThat(recorded.repoTags()).containsExactly(name);
    }

    @Test
    void pushedImage_pullsBackAsTheSameImage() throws IOException {
        String name = registry.address() + "/app:1";
        StoredImage image = twoLayerImage(name);
        push(image, name);

        ImageStore other = new ImageStore(new StoreLayout(temp.resolve("other"), temp.resolve("other-run")));
        try (RegistryClient client = new RegistryClient(other, new FakeLayerImporter(other), settings())) {
            StoredImage pulled = client.pull(ImageName.parse(name), progress::add);
            assertThat(pulled.id()).isEqualTo(image.id());
            assertThat(pulled.diffIds()).isEqualTo(image.diffIds());
        }
    }

    @Test
    void secondPush_findsEveryLayer_andUploadsNothing() throws IOException {
        String name = registry.address() + "/app:1";
        StoredImage image = twoLayerImage(name);
        push(image, name);
        long uploadsBefore = registry.uploaded().size();
        long postsBefore = registry.count("POST", "/blobs/uploads/");
        progress.clear();

        RegistryClient.Pushed again = push(store.find(name).orElseThrow(), name);

        assertThat(registry.uploaded()).hasSize((int) uploadsBefore);
        assertThat(registry.count("POST", "/blobs/uploads/")).isEqualTo(postsBefore);
        assertThat(progress).contains(Digests.shortId(image.layers().get(0).diffId()) + ": Layer already exists",
                Digests.shortId(image.layers().get(1).diffId()) + ": Layer already exists");
        assertThat(store.find(name).orElseThrow().repoDigests()).containsExactly(
                registry.address() + "/app@" + again.digest());
    }

    @Test
    void bearerAuth_pushUsesATokenWithPushScope_notThePullToken() throws IOException {
        RegistryCredentials jc = new RegistryCredentials("jc", "s3cret");
        registry.bearer(Optional.of(jc));
        writeDockerConfig(jc);
        registry.pushImage("team/app", "base", "amd64", List.of("base".getBytes(StandardCharsets.UTF_8)));
        try (RegistryClient client = client()) {
            StoredImage pulled = client.pull(ImageName.parse(registry.address() + "/team/app:base"), progress::add);
            StoredImage image = image(registry.address() + "/team/app:2", List.of(pulled.layers().get(0),
                    layer("more", MediaTypes.DOCKER_LAYER_GZIP)));

            client.push(image, ImageName.parse(registry.address() + "/team/app:2"), progress::add);
        }

        assertThat(registry.manifest("team/app", "2")).isPresent();
        List<FakeRegistry.Request> writes = registry.requests().stream()
                .filter(r -> r.method().equals("POST") || r.method().equals("PUT")).toList();
        assertThat(writes).isNotEmpty().allSatisfy(r ->
                assertThat(registry.grantsOf(r.authorization())).contains("team/app:push"));
        assertThat(registry.requests()).filteredOn(r -> r.path().equals("/token"))
                .extracting(r -> r.authorization().orElse("")).containsOnly(jc.basicAuthorization());
    }

    @Test
    void wrongCredentials_refuseThePush_inOneLine() throws IOException {
        registry.bearer(Optional.of(new RegistryCredentials("jc", "right")));
        writeDockerConfig(new RegistryCredentials("jc", "wrong"));
        String name = registry.address() + "/app:1";
        StoredImage image = twoLayerImage(name);

        assertThatThrownBy(() -> push(image, name))
                .isInstanceOf(RuntimeFailureException.class)
                .hasMessage("unauthorized: the credentials for " + registry.address() + " were rejected (check "
                        + "~/docker/config.json or run jcompose login " + registry.address() + ")");
        assertThat(registry.uploaded()).isEmpty();
    }

    @Test
    void anAccountWithoutPushAccess_isDenied() throws IOException {
        RegistryCredentials jc = new RegistryCredentials("jc", "pw");
        registry.bearer(Optional.of(jc));
        registry.denyPush();
        writeDockerConfig(jc);
        String name = registry.address() + "/someone/app:1";
        StoredImage image = twoLayerImage(name);

        assertThatThrownBy(() -> push(image, name))
                .isInstanceOf(RuntimeFailureException.class)
                .hasMessage("denied: registry " + registry.address() + " does not let you push to "
                        + registry.address() + "/someone/app (insufficient_scope): check the repository name, or run "
                        + "jcompose login " + registry.address() + " as an account that may");
    }

    @Test
    void aForbiddenUpload_isDenied_withTheRegistrysReason() throws IOException {
        String name = registry.address() + "/app:1";
        StoredImage image = twoLayerImage(name);
        registry.failNext("/blobs/uploads/", 403, "DENIED", 10, Optional.empty());

        assertThatThrownBy(() -> push(image, name))
                .isInstanceOf(RuntimeFailureException.class)
                .hasMessage("denied: registry " + registry.address() + " does not let you push to "
                        + registry.address() + "/app (injected failure): check the repository name, or run "
                        + "jcompose login " + registry.address() + " as an account that may");
        // one start per layer at most (the first refusal may cancel the other layer's before it is sent)
        assertThat(registry.count("POST", "/blobs/uploads/")).as("a refusal is not retried").isBetween(1L, 2L);
    }

    @Test
    void aLayerWithoutItsBlob_cannotBePushed() throws IOException {
        String name = registry.address() + "/app:1";
        StoredImage.Layer kept = layer("kept", MediaTypes.DOCKER_LAYER_GZIP);
        StoredImage.Layer unpackedOnly = layer("unpacked only", MediaTypes.DOCKER_LAYER_GZIP);
        StoredImage image = image(name, List.of(kept, new StoredImage.Layer(unpackedOnly.diffId(), Optional.empty(),
                Optional.empty(), unpackedOnly.size())));

        assertThatThrownBy(() -> push(image, name))
                .isInstanceOf(RuntimeFailureException.class)
                .hasMessage("layer " + unpackedOnly.diffId() + " of " + name
                        + " has no stored blob to push: pull or load the image again");
        assertThat(registry.requests()).as("nothing is sent for a push that cannot complete").isEmpty();
    }

    @Test
    void serverErrorsOnTheManifest_areRetried() throws IOException {
        String name = registry.address() + "/app:1";
        StoredImage image = twoLayerImage(name);
        registry.failNext("/manifests/1", 500, "UNKNOWN", 2, Optional.empty());

        RegistryClient.Pushed pushed = push(image, name);

        assertThat(registry.count("PUT", "/manifests/1")).isEqualTo(3);
        assertThat(registry.manifest("app", "1").map(m -> Digests.of(m.getValue()))).contains(pushed.digest());
    }

    @Test
    void blobsOfAnotherRepository_areMounted_notUploaded() throws IOException {
        registry.bearer(Optional.empty());
        FakeRegistry.PushedImage base = registry.pushImage("library/base", "1", "amd64",
                List.of("one".getBytes(StandardCharsets.UTF_8), "two".getBytes(StandardCharsets.UTF_8)));
        StoredImage pulled;
        try (RegistryClient client = client()) {
            pulled = client.pull(ImageName.parse(registry.address() + "/library/base:1"), progress::add);
        }
        progress.clear();

        push(pulled, registry.address() + "/mine/copy:1");

        assertThat(registry.uploaded()).isEmpty();
        assertThat(registry.mounted()).containsExactlyInAnyOrder("mine/copy@" + base.layerDigests().get(0),
                "mine/copy@" + base.layerDigests().get(1), "mine/copy@" + base.configDigest());
        assertThat(progress).contains(Digests.shortId(pulled.layers().get(0).diffId())
                + ": Mounted from library/base");
        assertThat(registry.manifest("mine/copy", "1")).isPresent();
    }

    @Test
    void zstdLayers_goInAnOciManifest_throughAbsoluteUploadLocations() throws IOException {
        registry.absoluteUploadLocations();
        String name = registry.address() + "/app:zstd";
        // the push does not look inside blobs: a gzip body under the zstd type stands in for a zstd one
        StoredImage image = image(name, List.of(layer("gz", MediaTypes.DOCKER_LAYER_GZIP),
                layer("zst", MediaTypes.OCI_LAYER_ZSTD)));

        push(image, name);

        Map.Entry<String, byte[]> manifest = registry.manifest("app", "zstd").orElseThrow();
        assertThat(manifest.getKey()).isEqualTo(MediaTypes.OCI_MANIFEST);
        JsonNode json = FakeRegistry.JSON.readTree(manifest.getValue());
        assertThat(json.path("config").path("mediaType").asText()).isEqualTo(MediaTypes.OCI_CONFIG);
        assertThat(json.path("layers").findValuesAsText("mediaType"))
                .containsExactly(MediaTypes.OCI_LAYER_GZIP, MediaTypes.OCI_LAYER_ZSTD);
        assertThat(registry.uploaded()).hasSize(3);
    }

    @Test
    void aDigestReference_isNotAPushTarget() throws IOException {
        StoredImage image = twoLayerImage(registry.address() + "/app:1");

        assertThatThrownBy(() -> push(image, registry.address() + "/app@sha256:" + "ab".repeat(32)))
                .hasMessageContaining("a push needs a tag and no digest");
    }

    @Test
    void checkLogin_bearer_acceptsTheRightPassword_withATokenForNoScope() {
        RegistryCredentials jc = new RegistryCredentials("jc", "right");
        registry.bearer(Optional.of(jc));

        try (RegistryClient client = client()) {
            client.checkLogin(registry.address(), jc);
        }

        assertThat(registry.requests()).filteredOn(r -> r.path().equals("/token")).singleElement()
                .satisfies(r -> assertThat(r.query()).doesNotContain("scope="));
        assertThat(registry.requests()).filteredOn(r -> r.path().equals("/v2/")).last()
                .satisfies(r -> assertThat(r.authorization()).hasValueSatisfying(a -> assertThat(a)
                        .startsWith("Bearer ")));
    }

    @Test
    void checkLogin_bearer_rejectsAWrongPassword() {
        registry.bearer(Optional.of(new RegistryCredentials("jc", "right")));

        try (RegistryClient client = client()) {
            assertThatThrownBy(() -> client.checkLogin(registry.address(), new RegistryCredentials("jc", "wrong")))
                    .isInstanceOf(RuntimeFailureException.class)
                    .hasMessage("unauthorized: registry " + registry.address() + " rejected the user name or "
                            + "password of \"jc\" (check them; accounts with two-factor authentication log in with "
                            + "an access token)");
        }
    }

    @Test
    void checkLogin_basic_acceptsAndRejects() {
        RegistryCredentials jc = new RegistryCredentials("jc", "pw");
        registry.basic(jc);

        try (RegistryClient client = client()) {
            client.checkLogin("http://" + registry.address() + "/v1/", jc);
            assertThatThrownBy(() -> client.checkLogin(registry.address(), new RegistryCredentials("jc", "nope")))
                    .hasMessageStartingWith("unauthorized: registry " + registry.address() + " rejected");
        }
        assertThat(registry.requests()).filteredOn(r -> r.authorization().isPresent())
                .extracting(r -> r.authorization().get())
                .containsExactly(jc.basicAuthorization(), new RegistryCredentials("jc", "nope").basicAuthorization());
    }

    @Test
    void checkLogin_aRegistryWithoutAuth_acceptsAnyone() {
        try (RegistryClient client = client()) {
            client.checkLogin(registry.address(), new RegistryCredentials("jc", "whatever"));
        }
        assertThat(registry.count("GET", "/v2/")).isEqualTo(1);
    }
}
