package io.jcompose.engine.linux.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ManifestParserTest {

    private static final String D1 = "sha256:" + "1".repeat(64);
    private static final String D2 = "sha256:" + "2".repeat(64);

    private static byte[] json(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void ociManifest_servedAsPlainJson_isRecognisedByItsOwnMediaType() throws IOException {
        Manifest m = ManifestParser.parse(json("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST
                + "\",\"config\":{\"mediaType\":\"" + MediaTypes.OCI_CONFIG + "\",\"digest\":\"" + D1
                + "\",\"size\":7},\"layers\":[{\"mediaType\":\"" + MediaTypes.OCI_LAYER_ZSTD + "\",\"digest\":\"" + D2
                + "\",\"size\":9}]}"), "application/json");

        assertThat(m).isInstanceOfSatisfying(Manifest.Image.class, image -> {
            assertThat(image.config().digest()).isEqualTo(D1);
            assertThat(image.layers()).singleElement().satisfies(l -> {
                assertThat(l.mediaType()).isEqualTo(MediaTypes.OCI_LAYER_ZSTD);
                assertThat(l.size()).isEqualTo(9);
            });
        });
    }

    @Test
    void index_withoutMediaTypeField_isTakenFromContentType() throws IOException {
        Manifest m = ManifestParser.parse(json("{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":\""
                + MediaTypes.OCI_MANIFEST + "\",\"digest\":\"" + D1 + "\",\"size\":1,\"platform\":{\"os\":\"linux\","
                + "\"architecture\":\"arm\",\"variant\":\"v7\"}}]}"), MediaTypes.OCI_INDEX + "; charset=utf-8");

        assertThat(m).isInstanceOfSatisfying(Manifest.Index.class, index -> {
            assertThat(index.mediaType()).isEqualTo(MediaTypes.OCI_INDEX);
            assertThat(index.platforms()).containsExactly("linux/arm/v7");
        });
    }

    @Test
    void unusableManifests_sayWhy() {
        assertThatThrownBy(() -> ManifestParser.parse(json("{\"schemaVersion\":1}"), MediaTypes.DOCKER_SCHEMA1))
                .hasMessageStartingWith("schema 1 manifests are not supported");
        assertThatThrownBy(() -> ManifestParser.parse(json("<html>"), "text/html"))
                .hasMessageContaining("not JSON");
        assertThatThrownBy(() -> ManifestParser.parse(json("{\"schemaVersion\":2,\"config\":{\"digest\":\"md5:x\"}}"),
                MediaTypes.DOCKER_MANIFEST)).hasMessageContaining("not a sha256 digest");
    }
}
