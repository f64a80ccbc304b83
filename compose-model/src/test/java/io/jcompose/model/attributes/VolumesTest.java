package io.jcompose.model.attributes;

import static io.jcompose.model.attributes.ComposeFixture.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcompose.model.ServiceVolume;
import io.jcompose.model.source.ComposeFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class VolumesTest {

    private static final Map<String, String> ENV = Map.of("HOME", "/home/tester", "DATA", "/srv/data");

    @TempDir
    Path dir;

    static Stream<Arguments> shortForms() {
        return Stream.of(
                // anonymous volumes
                Arguments.of("/data", "{type: volume, target: /data, volume: {}}"),
                Arguments.of("/data/", "{type: volume, target: /data, volume: {}}"),
                // named volumes
                Arguments.of("db:/var/lib/db", "{type: volume, source: db, target: /var/lib/db, volume: {}}"),
                Arguments.of("db:/var/lib/db:ro",
                        "{type: volume, source: db, target: /var/lib/db, read_only: true, volume: {}}"),
                Arguments.of("db:/var/lib/db:nocopy",
                        "{type: volume, source: db, target: /var/lib/db, volume: {nocopy: true}}"),
                Arguments.of("db:/var/lib/db:ro,nocopy",
                        "{type: volume, source: db, target: /var/lib/db, read_only: true, volume: {nocopy: true}}"),
                // bind mounts: absolute, relative, home
                Arguments.of("/etc/app:/etc/app",
                        "{type: bind, source: /etc/app, target: /etc/app, bind: {create_host_path: true}}"),
                Arguments.of("./src:/app",
                        "{type: bind, source: ${DIR}/src, target: /app, bind: {create_host_path: true}}"),
                Arguments.of(".:/app", "{type: bind, source: ${DIR}, target: /app, bind: {create_host_path: true}}"),
                Arguments.of("../shared:/shared", "{type: bind, source: ${PARENT}/shared, target: /shared,"
                        + " bind: {create_host_path: true}}"),
                Arguments.of("~/.ssh:/root/.ssh:ro", "{type: bind, source: /home/tester/.ssh, target: /root/.ssh,"
                        + " read_only: true, bind: {create_host_path: true}}"),
                Arguments.of("~:/home", "{type: bind, source: /home/tester, target: /home,"
                        + " bind: {create_host_path: true}}"),
                Arguments.of("${DATA}:/data",
                        "{type: bind, source: /srv/data, target: /data, bind: {create_host_path: true}}"),
                // modes
                Arguments.of("/a:/b:rw", "{type: bind, source: /a, target: /b, bind: {create_host_path: true}}"),
                Arguments.of("/a:/b:ro,rw", "{type: bind, source: /a, target: /b, bind: {create_host_path: true}}"),
                Arguments.of("/a:/b:z",
                        "{type: bind, source: /a, target: /b, bind: {selinux: z, create_host_path: true}}"),
                Arguments.of("/a:/b:Z,ro", "{type: bind, source: /a, target: /b, read_only: true,"
                        + " bind: {selinux: Z, create_host_path: true}}"),
                Arguments.of("/a:/b:rshared", "{type: bind, source: /a, target: /b,"
                        + " bind: {propagation: rshared, create_host_path: true}}"),
                Arguments.of("/a:/b:ro,rslave,z", "{type: bind, source: /a, target: /b, read_only: true,"
                        + " bind: {propagation: rslave, selinux: z, create_host_path: true}}"),
                // docker compose ignores options it does not know
                Arguments.of("/a:/b:cached", "{type: bind, source: /a, target: /b, bind: {create_host_path: true}}"),
                // targets are cleaned
                Arguments.of("/a:/b/../c/./", "{type: bind, source: /a, target: /c, bind: {create_host_path: true}}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shortForms")
    void load_shortSyntax_becomesLongForm(String volume, String expected) {
        ComposeFixture fixture = ComposeFixture.in(dir).env(ENV).compose("""
                services:
                  web:
                    image: nginx
                    volumes: ["%s"]
                volumes:
                  db: {}
                """.formatted(volume));

        assertThat(fixture.webAttribute("volumes")).isEqualTo(yaml("- " + expected
                .replace("${DIR}", dir.toString()).replace("${PARENT}", dir.getParent().toString())));
    }

    static Stream<Arguments> longForms() {
        return Stream.of(
                Arguments.of("{type: bind, source: ./conf, target: /conf}",
                        "{type: bind, source: ${DIR}/conf, target: /conf}"),
                Arguments.of("{type: bind, source: ~/conf, target: /conf, read_only: true}",
                        "{type: bind, source: /home/tester/conf, target: /conf, read_only: true}"),
                Arguments.of(
                        "{type: bind, source: /x, target: /y, bind: {create_host_path: false, propagation: rslave}}",
                        "{type: bind, source: /x, target: /y, bind: {create_host_path: false, propagation: rslave}}"),
                Arguments.of("{type: volume, source: db, target: /data/, volume: {nocopy: true, subpath: a}}",
                        "{type: volume, source: db, target: /data, volume: {nocopy: true, subpath: a}}"),
                Arguments.of("{type: tmpfs, target: /tmp, tmpfs: {size: 1000, mode: 1777}}",
                        "{type: tmpfs, target: /tmp, tmpfs: {size: \"1000\", mode: 1777}}"),
                Arguments.of("{type: tmpfs, target: /tmp, tmpfs: {size: 64m}}",
                        "{type: tmpfs, target: /tmp, tmpfs: {size: \"67108864\"}}"),
                Arguments.of("{type: volume, target: /anon}", "{type: volume, target: /anon}"),
                Arguments.of("{type: image, source: alpine, target: /img, image: {subpath: etc}}",
                        "{type: image, source: alpine, target: /img, image: {subpath: etc}}"),
                Arguments.of("{type: bind, source: ./a, target: /b, read_only: \"true\"}",
                        "{type: bind, source: ${DIR}/a, target: /b, read_only: true}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("longForms")
    void load_longSyntax_keepsFieldsAndResolvesPaths(String volume, String expected) {
        ComposeFixture fixture = ComposeFixture.in(dir).env(ENV).compose("""
                services:
                  web:
                    image: nginx
                    volumes:
                      - %s
                volumes:
                  db: {}
                """.formatted(volume));

        assertThat(fixture.webAttribute("volumes")).isEqualTo(yaml("- " + expected.replace("${DIR}", dir.toString())));
    }

    @Test
    void load_namedVolume_getsProjectScopedName() {
        ComposeFixture fixture = ComposeFixture.in(dir).compose("""
                name: shop
                services:
                  web: {image: nginx, volumes: ["db:/data", "logs:/logs", "ext:/ext"]}
                volumes:
                  db:
                  logs: {name: shared-logs}
                  ext: {external: true}
                  unused: {}
                """);

        assertThat(fixture.document().get("volumes")).isEqualTo(yaml("""
                db: {name: shop_db}
                logs: {name: shared-logs}
                ext: {name: ext, external: true}
                """));
    }

    @Test
    void load_localVolumeBoundToHostPath_resolvesDevice() {
        ComposeFixture fixture = ComposeFixture.in(dir).compose("""
                name: shop
                services:
                  web: {image: nginx, volumes: ["data:/data"]}
                volumes:
                  data: {driver: local, driver_opts: {type: none, o: bind, device: ./host-data}}
                """);

        assertThat(fixture.document().get("volumes")).isEqualTo(yaml("""
                data: {name: shop_data, driver: local, driver_opts: {type: none, o: bind, device: %s/host-data}}
                """.formatted(dir)));
    }

    @Test
    void volumes_typedView_readsLongForm() {
        ComposeFixture fixture = ComposeFixture.in(dir).service("volumes: [\"/a:/b:ro,z\"]");

        ServiceVolume volume = fixture.load().services().get("web").volumes().getFirst();

        assertThat(volume).isEqualTo(new ServiceVolume("bind", Optional.of("/a"), "/b", true, true, Optional.empty(),
                Optional.of("z"), false, Optional.empty(), Optional.empty()));
    }

    @Test
    void load_sameTargetTwice_laterWins() {
        ComposeFixture fixture = ComposeFixture.in(dir).service("volumes: [\"/a:/data\", \"/b:/data:ro\"]");

        assertThat(fixture.webAttribute("volumes")).isEqualTo(yaml(
                "[{type: bind, source: /b, target: /data, read_only: true, bind: {create_host_path: true}}]"));
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("\"db:/b:ro:x\"", "services.web.volumes[0]: invalid volume \"db:/b:ro:x\""),
                Arguments.of("\"/a::/b\"", "services.web.volumes[0]: invalid volume \"/a::/b\""),
                Arguments.of("\"\"", "services.web.volumes[0]: invalid volume \"\""),
                Arguments.of("{source: /a, target: /b}", "services.web.volumes[0]: missing required key \"type\""),
                Arguments.of("{type: nfs, target: /b}", "services.web.volumes[0].type: invalid value \"nfs\""),
                Arguments.of("{type: volume, source: nope, target: /b}",
                        "services.web.volumes[0]: refers to undefined volume \"nope\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void load_invalidVolume_fails(String volume, String message) {
        ComposeFixture fixture = ComposeFixture.in(dir).service("volumes:\n  - " + volume);

        assertThatThrownBy(fixture::loadOnly).isInstanceOf(ComposeFileException.class)
                .hasMessageContaining(message);
    }
}
