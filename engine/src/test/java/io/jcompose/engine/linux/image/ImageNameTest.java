package io.jcompose.engine.linux.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ImageNameTest {

    private static final String DIGEST = "sha256:" + "ab".repeat(32);

    @Test
    void officialImagesLiveInLibraryOnDockerHub() {
        ImageName redis = ImageName.parse("redis");
        assertThat(redis).isEqualTo(new ImageName("docker.io", "library/redis", Optional.of("latest"),
                Optional.empty()));
        assertThat(redis.canonical()).isEqualTo("docker.io/library/redis:latest");
        assertThat(redis.familiar()).isEqualTo("redis:latest");
        assertThat(redis.registryHost()).isEqualTo("registry-1.docker.io");
        assertThat(ImageName.parse("docker.io/redis:7").canonical()).isEqualTo("docker.io/library/redis:7");
        assertThat(ImageName.parse("index.docker.io/library/redis").canonical())
                .isEqualTo("docker.io/library/redis:latest");
    }

    @Test
    void userRepositoriesStayAsTheyAre() {
        ImageName app = ImageName.parse("user/app");
        assertThat(app.canonical()).isEqualTo("docker.io/user/app:latest");
        assertThat(app.familiar()).isEqualTo("user/app:latest");
        assertThat(app.familiarRepository()).isEqualTo("user/app");
    }

    @Test
    void registriesAreToldByADotAColonOrLocalhost() {
        ImageName local = ImageName.parse("localhost:5000/a/b:1");
        assertThat(local.domain()).isEqualTo("localhost:5000");
        assertThat(local.path()).isEqualTo("a/b");
        assertThat(local.tag()).contains("1");
        assertThat(local.familiar()).isEqualTo("localhost:5000/a/b:1");
        assertThat(local.registryHost()).isEqualTo("localhost:5000");
        assertThat(ImageName.parse("localhost/app").domain()).isEqualTo("localhost");
        assertThat(ImageName.parse("ghcr.io/owner/tool:v1.2").repository()).isEqualTo("ghcr.io/owner/tool");
        // a first component without a dot, colon or "localhost" is a Docker Hub user
        assertThat(ImageName.parse("myhost/app").canonical()).isEqualTo("docker.io/myhost/app:latest");
    }

    @Test
    void digestsPinContentWithOrWithoutATag() {
        ImageName pinned = ImageName.parse("redis@" + DIGEST);
        assertThat(pinned.tag()).isEmpty();
        assertThat(pinned.digest()).contains(DIGEST);
        assertThat(pinned.canonical()).isEqualTo("docker.io/library/redis@" + DIGEST);
        assertThat(pinned.manifestReference()).isEqualTo(DIGEST);
        ImageName both = ImageName.parse("localhost:5000/app:2@" + DIGEST);
        assertThat(both.tag()).contains("2");
        assertThat(both.manifestReference()).isEqualTo(DIGEST);
        assertThat(both.withTag("3").canonical()).isEqualTo("localhost:5000/app:3");
    }

    @Test
    void invalidReferencesSayWhatIsWrong() {
        assertThatThrownBy(() -> ImageName.parse("  ")).hasMessageContaining("empty image name");
        assertThatThrownBy(() -> ImageName.parse("Redis")).hasMessageContaining("lowercase");
        assertThatThrownBy(() -> ImageName.parse("redis:")).hasMessageContaining("tag");
        assertThatThrownBy(() -> ImageName.parse("redis:bad!tag")).hasMessageContaining("tag \"bad!tag\"");
        assertThatThrownBy(() -> ImageName.parse("redis@sha256:abc")).hasMessageContaining("digest");
        assertThatThrownBy(() -> ImageName.parse("redis@md5:" + "a".repeat(32))).hasMessageContaining("digest");
        assertThatThrownBy(() -> ImageName.parse("-redis")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ImageName.parse("a//b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ImageName.parse("bad_host.:5000/app")).hasMessageContaining("registry");
    }
}
