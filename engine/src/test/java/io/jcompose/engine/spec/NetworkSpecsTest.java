package io.jcompose.engine.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.jcompose.engine.spi.NetworkOps.IpamConfig;
import io.jcompose.engine.spi.NetworkOps.NetworkSpec;
import io.jcompose.engine.spi.VolumeOps.VolumeSpec;
import io.jcompose.model.Project;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NetworkSpecsTest {

    @TempDir
    Path dir;

    private Project project() {
        return ComposeProjects.load(dir, """
                services:
                  web: {image: i, networks: [back], volumes: ["data:/data", "other:/other"]}
                networks:
                  back:
                    driver: bridge
                    driver_opts: {com.docker.network.bridge.name: jct0}
                    internal: true
                    attachable: true
                    labels: [team=a]
                    ipam: {config: [{subnet: 172.28.0.0/16, ip_range: 172.28.5.0/24, gateway: 172.28.5.254}]}
                volumes:
                  data: {labels: {k: v}}
                  other: {name: shared-data, driver: local, driver_opts: {type: tmpfs, device: tmpfs}}
                """);
    }

    @Test
    void of_networkWithComposeLabels() {
        NetworkSpec spec = NetworkSpecs.of("p", project().networks().get("back"), "2");

        assertThat(spec.name()).isEqualTo("p_back");
        assertThat(spec.driver()).contains("bridge");
        assertThat(spec.driverOpts()).containsExactly(entry("com.docker.network.bridge.name", "jct0"));
        assertThat(spec.internal()).isTrue();
        assertThat(spec.attachable()).isTrue();
        assertThat(spec.enableIpv6()).isFalse();
        assertThat(spec.ipam()).containsExactly(new IpamConfig(Optional.of("172.28.0.0/16"),
                Optional.of("172.28.5.0/24"), Optional.of("172.28.5.254")));
        assertThat(spec.labels()).contains(entry("com.docker.compose.project", "p"),
                entry("com.docker.compose.network", "back"), entry("com.docker.compose.version", "2"),
                entry("team", "a")).containsKey("com.docker.compose.config-hash");
    }

    @Test
    void of_volumesNamedByProjectUnlessNamed() {
        Project project = project();
        VolumeSpec data = VolumeSpecs.of("p", project.volumes().get("data"), "2");
        VolumeSpec other = VolumeSpecs.of("p", project.volumes().get("other"), "2");

        assertThat(data.name()).isEqualTo("p_data");
        assertThat(data.driver()).isEmpty();
        assertThat(data.labels()).contains(entry("com.docker.compose.project", "p"),
                entry("com.docker.compose.volume", "data"), entry("com.docker.compose.version", "2"),
                entry("k", "v"));
        assertThat(other.name()).isEqualTo("shared-data");
        assertThat(other.driver()).contains("local");
        assertThat(other.driverOpts()).containsOnlyKeys("type", "device");
        assertThat(List.of(other.labels().get("com.docker.compose.volume"))).containsExactly("other");
    }
}
