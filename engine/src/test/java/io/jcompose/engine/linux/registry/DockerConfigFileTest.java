package io.jcompose.engine.linux.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerConfigFileTest {

    @TempDir
    Path home;

    private DockerConfigFile file(String json) throws IOException {
        DockerConfigFile config = DockerConfigFile.fromEnvironment(Map.of("HOME", home.toString()));
        Files.createDirectories(config.path().getParent());
        Files.writeString(config.path(), json);
        return config;
    }

    private static String auth(String userPassword) {
        return Base64.getEncoder().encodeToString(userPassword.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void location_followsDockerConfigThenHome() {
        assertThat(DockerConfigFile.fromEnvironment(Map.of("HOME", "/home/u")).path())
                .isEqualTo(Path.of("/home/u/.docker/config.json"));
        DockerConfigFile custom = DockerConfigFile.fromEnvironment(Map.of("HOME", "/home/u", "DOCKER_CONFIG", "/etc/d"));
        assertThat(custom.path()).isEqualTo(Path.of("/etc/d/config.json"));
        assertThat(DockerConfigFile.fromEnvironment(Map.of("HOME", "/home/u")).displayPath())
                .isEqualTo("~/.docker/config.json");
    }

    @Test
    void authKeys_matchWithOrWithoutSchemeAndPath() throws IOException {
        DockerConfigFile config = file("{\"auths\":{"
                + "\"https://index.docker.io/v1/\":{\"auth\":\"" + auth("hub:pw1") + "\"},"
                + "\"http://reg.lan:5000/v2/\":{\"auth\":\"" + auth("lan:pw:with:colons") + "\"},"
                + "\"other.io\":{\"username\":\"o\",\"password\":\"pw3\"}}}");

        assertThat(config.lookup("docker.io"))
                .isEqualTo(new DockerConfigFile.Found(new RegistryCredentials("hub", "pw1")));
        assertThat(config.lookup("reg.lan:5000"))
                .isEqualTo(new DockerConfigFile.Found(new RegistryCredentials("lan", "pw:with:colons")));
        assertThat(config.lookup("other.io"))
                .isEqualTo(new DockerConfigFile.Found(new RegistryCredentials("o", "pw3")));
        assertThat(config.lookup("reg.lan")).isEqualTo(new DockerConfigFile.NotFound());
    }

    @Test
    void helpers_areReportedNotRun() throws IOException {
        DockerConfigFile config = file("{\"credsStore\":\"desktop\",\"credHelpers\":{\"gcr.io\":\"gcloud\"},"
                + "\"auths\":{\"https://index.docker.io/v1/\":{}}}");

        assertThat(config.lookup("gcr.io")).isEqualTo(new DockerConfigFile.InHelper("gcloud"));
        assertThat(config.lookup("docker.io")).isEqualTo(new DockerConfigFile.InHelper("desktop"));
        assertThat(config.lookup("quay.io")).as("not logged in there: anonymous")
                .isEqualTo(new DockerConfigFile.NotFound());
    }

    @Test
    void missingFile_hasNoCredentials_andBrokenOnesSayWhere() throws IOException {
        assertThat(DockerConfigFile.fromEnvironment(Map.of("HOME", home.toString())).lookup("x.io"))
                .isEqualTo(new DockerConfigFile.NotFound());
        assertThatThrownBy(() -> file("{\"auths\":{\"x.io\":{\"auth\":\"%%%\"}}}").lookup("x.io"))
                .hasMessageContaining("~/.docker/config.json").hasMessageContaining("not base64");
        assertThatThrownBy(() -> file("[1,2]").lookup("x.io")).hasMessageContaining("not a JSON object");
    }

    @Test
    void store_replacesTheRegistrysEntry_keepsEverythingElse_andIsPrivate() throws IOException {
        DockerConfigFile config = file("{\"auths\":{\"https://reg.lan:5000\":{\"auth\":\"" + auth("old:old") + "\"},"
                + "\"keep.io\":{\"auth\":\"" + auth("k:k") + "\"}},\"psFormat\":\"table {{.ID}}\","
                + "\"proxies\":{\"default\":{\"httpProxy\":\"http://p:3128\"}}}");

        config.store("reg.lan:5000", new RegistryCredentials("new", "pw"));
        config.store("docker.io", new RegistryCredentials("hub", "h"));

        JsonNode json = new ObjectMapper().readTree(config.path().toFile());
        assertThat(json.path("auths").properties()).extracting(Map.Entry::getKey)
                .containsExactlyInAnyOrder("keep.io", "reg.lan:5000", "https://index.docker.io/v1/");
        assertThat(json.path("psFormat").asText()).isEqualTo("table {{.ID}}");
        assertThat(json.path("proxies").path("default").path("httpProxy").asText()).isEqualTo("http://p:3128");
        assertThat(config.lookup("reg.lan:5000"))
                .isEqualTo(new DockerConfigFile.Found(new RegistryCredentials("new", "pw")));
        assertThat(config.lookup("docker.io")).isEqualTo(new DockerConfigFile.Found(new RegistryCredentials("hub", "h")));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config.path()))).isEqualTo("rw-------");

        assertThat(config.remove("reg.lan:5000")).isTrue();
        assertThat(config.remove("reg.lan:5000")).isFalse();
        assertThat(config.lookup("reg.lan:5000")).isEqualTo(new DockerConfigFile.NotFound());
        assertThat(config.lookup("keep.io")).isInstanceOf(DockerConfigFile.Found.class);
    }

    @Test
    void credentials_neverShowTheirPassword() {
        assertThat(new RegistryCredentials("u", "hunter2").toString()).doesNotContain("hunter2");
        assertThat(Optional.of(new RegistryCredentials("u", "p")).map(RegistryCredentials::basicAuthorization))
                .contains("Basic " + auth("u:p"));
    }
}
