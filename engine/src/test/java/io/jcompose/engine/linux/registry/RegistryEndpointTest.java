package io.jcompose.engine.linux.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RegistryEndpointTest {

    @Test
    void loopbackRegistries_arePlainHttp() {
        assertThat(RegistryEndpoint.of("127.0.0.1:5000", Set.of()).base()).hasToString("http://127.0.0.1:5000/v2/");
        assertThat(RegistryEndpoint.of("localhost:5000", Set.of()).plainHttp()).isTrue();
        assertThat(RegistryEndpoint.of("127.8.9.10", Set.of()).plainHttp()).isTrue();
        assertThat(RegistryEndpoint.of("[::1]:5000", Set.of()).base()).hasToString("http://[::1]:5000/v2/");
    }

    @Test
    void otherRegistries_areHttpsUnlessListedInsecure() {
        assertThat(RegistryEndpoint.of("registry.example.com:5000", Set.of()).base())
                .hasToString("https://registry.example.com:5000/v2/");
        assertThat(RegistryEndpoint.of("127.example.com", Set.of()).plainHttp()).isFalse();
        assertThat(RegistryEndpoint.of("10.0.0.5:5000", Set.of()).plainHttp()).isFalse();
        assertThat(RegistryEndpoint.of("128.0.0.1", Set.of()).plainHttp()).isFalse();

        Set<String> insecure = RegistryEndpoint.insecureRegistries(
                Map.of(RegistryEndpoint.INSECURE_ENV, " 10.0.0.5:5000, http://Mirror.Lan/ "));
        assertThat(insecure).containsExactlyInAnyOrder("10.0.0.5:5000", "mirror.lan");
        assertThat(RegistryEndpoint.of("10.0.0.5:5000", insecure).base()).hasToString("http://10.0.0.5:5000/v2/");
        assertThat(RegistryEndpoint.of("10.0.0.5:5001", insecure).plainHttp()).isFalse();
        assertThat(RegistryEndpoint.of("mirror.lan:8080", insecure).plainHttp()).as("a host listed without port")
                .isTrue();
    }

    @Test
    void dockerHub_isRegistry1() {
        RegistryEndpoint hub = RegistryEndpoint.of("docker.io", Set.of());
        assertThat(hub.base()).hasToString("https://registry-1.docker.io/v2/");
        assertThat(hub.registry()).isEqualTo("docker.io");
        assertThat(hub.resolve("library/redis/manifests/7")).hasToString(
                "https://registry-1.docker.io/v2/library/redis/manifests/7");
    }
}
