package io.jcompose.model.attributes;

import static io.jcompose.model.attributes.ComposeFixture.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Several {@code -f} files: the later one laid over the earlier, attribute by attribute. */
class MergeTest {

    @TempDir
    Path dir;

    static Stream<Arguments> merges() {
        return Stream.of(
                Arguments.of("container_name: a", "container_name: b", "container_name", "b"),
                Arguments.of("environment: {A: 1, B: 1}", "environment: [B=2, C=2]", "environment",
                        "{A: \"1\", B: \"2\", C: \"2\"}"),
                Arguments.of("labels: {a: 1}", "labels: {a: null}", "labels", "{a: null}"),
                Arguments.of("command: run --a", "command: [run, --b]", "command", "[run, --b]"),
                Arguments.of("entrypoint: [a, b, c]", "entrypoint: x", "entrypoint", "[x]"),
                Arguments.of("healthcheck: {test: [CMD, a], retries: 3}", "healthcheck: {test: b}", "healthcheck",
                        "{test: [CMD-SHELL, b], retries: 3}"),
                Arguments.of("ports: [\"80:80\", \"443\"]", "ports: [\"80:80\", \"8080:80\"]", "ports", """
                        - {mode: ingress, target: 80, published: "80", protocol: tcp}
                        - {mode: ingress, target: 443, protocol: tcp}
                        - {mode: ingress, target: 80, published: "8080", protocol: tcp}
                        """),
                Arguments.of("volumes: [\"/a:/data\", \"/b:/b\"]", "volumes: [\"/c:/data:ro\"]", "volumes", """
                        - {type: bind, source: /c, target: /data, read_only: true, bind: {create_host_path: true}}
                        - {type: bind, source: /b, target: /b, bind: {create_host_path: true}}
                        """),
                Arguments.of("cap_add: [NET_ADMIN]", "cap_add: [NET_ADMIN, SYS_TIME]", "cap_add",
                        "[NET_ADMIN, SYS_TIME]"),
                Arguments.of("dns: 8.8.8.8", "dns: [1.1.1.1, 8.8.8.8]", "dns", "[8.8.8.8, 1.1.1.1]"),
                Arguments.of("depends_on: [db]", "depends_on: {db: {condition: service_healthy}}", "depends_on",
                        "{db: {condition: service_healthy, required: true}}"),
                Arguments.of("networks: {front: {aliases: [a]}}", "networks: {front: }", "networks",
                        "{front: {aliases: [a]}}"),
                Arguments.of("networks: [front]", "networks: {back: {priority: 1}}", "networks",
                        "{front: null, back: {priority: 1}}"),
                Arguments.of("logging: {driver: syslog, options: {a: 1}}", "logging: {options: {b: 2}}", "logging",
                        "{driver: syslog, options: {a: \"1\", b: \"2\"}}"),
                Arguments.of("logging: {driver: syslog, options: {a: 1}}",
                        "logging: {driver: json-file, options: {b: 2}}", "logging",
                        "{driver: json-file, options: {b: \"2\"}}"),
                Arguments.of("logging: {options: {a: 1}}", "logging: {driver: local}", "logging",
                        "{driver: local, options: {a: \"1\"}}"),
                Arguments.of("ulimits: {nofile: {soft: 1, hard: 2}}", "ulimits: {nofile: {soft: 3, hard: 4}}",
                        "ulimits", "{nofile: {soft: 3, hard: 4}}"),
                Arguments.of("extra_hosts: [\"b=2.2.2.2\"]", "extra_hosts: [\"a=1.1.1.1\", \"b=2.2.2.2\"]",
                        "extra_hosts", "[a=1.1.1.1, b=2.2.2.2]"),
                Arguments.of("build: ./a", "build: {dockerfile: Other}", "build",
                        "{context: ${DIR}/a, dockerfile: Other}"),
                Arguments.of("secrets: [s]", "secrets: [{source: s, mode: 0400}]", "secrets",
                        "[{source: s, target: /run/secrets/s, mode: \"0400\"}]"),
                // !reset drops the value, !override replaces it whole
                Arguments.of("ports: [\"80\"]", "ports: !reset []", "ports", null),
                Arguments.of("environment: {A: 1, B: 1}", "environment: !override {B: 2}", "environment",
                        "{B: \"2\"}"),
                Arguments.of("volumes: [\"/a:/a\"]", "volumes: !override [\"/b:/b\"]", "volumes",
                        "[{type: bind, source: /b, target: /b, bind: {create_host_path: true}}]"),
                Arguments.of("environment: {A: 1, B: 1}", "environment: {A: !reset null}", "environment",
                        "{B: \"1\"}"));
    }

    @ParameterizedTest(name = "{0} + {1}")
    @MethodSource("merges")
    void load_twoFiles_mergeAttribute(String base, String override, String key, String expected) {
        ComposeFixture fixture = ComposeFixture.in(dir)
                .write("compose.yaml", """
                        services:
                          web:
                            image: nginx
                        %s
                          db: {image: postgres}
                        networks: {front: {}, back: {}}
                        secrets: {s: {file: s.txt}}
                        """.formatted(ComposeFixture.indent(base, 4).stripTrailing()))
                .write("override.yaml", "services:\n  web:\n" + ComposeFixture.indent(override, 4))
                .options(o -> o.withFiles(List.of("compose.yaml", "override.yaml")));

        Object actual = fixture.webAttribute(key);

        assertThat(actual).isEqualTo(expected == null ? null : yaml(expected.replace("${DIR}", dir.toString())));
    }

    @Test
    void load_overrideFile_isMergedAutomatically() {
        ComposeFixture fixture = ComposeFixture.in(dir)
                .write("compose.yaml", "services:\n  web: {image: nginx, ports: [\"80\"]}\n")
                .write("compose.override.yaml", "services:\n  web: {image: httpd}\n  extra: {image: x}\n");

        assertThat(fixture.serviceOf("web").get("image")).isEqualTo("httpd");
        assertThat(fixture.load().services()).containsOnlyKeys("web", "extra");
    }

    @Test
    void load_pathsInLaterFiles_areRelativeToTheProjectDirectory() {
        ComposeFixture fixture = ComposeFixture.in(dir)
                .write("compose.yaml", "services:\n  web: {image: nginx}\n")
                .write("overrides/dev.yaml", "services:\n  web: {volumes: [\"./src:/src\"], build: .}\n")
                .options(o -> o.withFiles(List.of("compose.yaml", "overrides/dev.yaml")));

        assertThat(fixture.serviceOf("web").get("volumes")).isEqualTo(yaml(
                "[{type: bind, source: %s/src, target: /src, bind: {create_host_path: true}}]".formatted(dir)));
        assertThat(fixture.serviceOf("web").get("build")).isEqualTo(yaml(
                "{context: %s, dockerfile: Dockerfile}".formatted(dir)));
    }

    @Test
    void load_resetWholeService_removesIt() {
        ComposeFixture fixture = ComposeFixture.in(dir)
                .write("compose.yaml", "services:\n  web: {image: nginx}\n  debug: {image: busybox}\n")
                .write("prod.yaml", "services:\n  debug: !reset null\n")
                .options(o -> o.withFiles(List.of("compose.yaml", "prod.yaml")));

        assertThat(fixture.load().services()).containsOnlyKeys("web");
    }

    @Test
    void load_topLevelResources_merge() {
        ComposeFixture fixture = ComposeFixture.in(dir)
                .write("compose.yaml", """
                        name: shop
                        services:
                          web: {image: nginx, networks: [front], volumes: ["data:/data"]}
                        networks:
                          front: {driver: bridge, labels: {a: 1}}
                        volumes:
                          data: {driver: local}
                        """)
                .write("override.yaml", """
                        networks:
                          front: {labels: {b: 2}, ipam: {config: [{subnet: 10.0.0.0/24}]}}
                        volumes:
                          data: {name: shared-data}
                        """)
                .options(o -> o.withFiles(List.of("compose.yaml", "override.yaml")));

        assertThat(fixture.document().get("networks")).isEqualTo(yaml("""
                front: {name: shop_front, driver: bridge, labels: {a: "1", b: "2"},
                        ipam: {config: [{subnet: 10.0.0.0/24}]}}
                """));
        assertThat(fixture.document().get("volumes")).isEqualTo(yaml("{data: {name: shared-data, driver: local}}"));
    }
}
