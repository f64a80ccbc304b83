package io.jcompose.model.attributes;

import static io.jcompose.model.attributes.ComposeFixture.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcompose.model.source.ComposeFileException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Devices, GPUs and other attributes with a short form: devices, gpus, dns, tmpfs, expose, ulimits. */
class DevicesTest {

    @TempDir
    Path dir;

    static Stream<Arguments> forms() {
        return Stream.of(
                Arguments.of("devices: [/dev/ttyUSB0]", "devices",
                        "[{source: /dev/ttyUSB0, target: /dev/ttyUSB0, permissions: rwm}]"),
                Arguments.of("devices: [\"/dev/sda:/dev/xvda:r\"]", "devices",
                        "[{source: /dev/sda, target: /dev/xvda, permissions: r}]"),
                Arguments.of("devices: [{source: /dev/a, target: /dev/b}]", "devices",
                        "[{source: /dev/a, target: /dev/b}]"),
                Arguments.of("gpus: all", "gpus", "[{count: all}]"),
                Arguments.of("gpus: [{driver: nvidia, capabilities: [gpu]}]", "gpus",
                        "[{driver: nvidia, capabilities: [gpu], count: all}]"),
                Arguments.of("gpus: [{device_ids: [\"0\"]}]", "gpus", "[{device_ids: [\"0\"]}]"),
                Arguments.of("deploy: {resources: {reservations: {devices: [{capabilities: [gpu], count: 1}]}}}",
                        "deploy", "{resources: {reservations: {devices: [{capabilities: [gpu], count: 1}]}}}"),
                Arguments.of("deploy: {resources: {reservations: {devices: [{capabilities: [gpu]}]}}}",
                        "deploy", "{resources: {reservations: {devices: [{capabilities: [gpu], count: all}]}}}"),
                Arguments.of("dns: 8.8.8.8", "dns", "[8.8.8.8]"),
                Arguments.of("dns_search: example.com", "dns_search", "[example.com]"),
                Arguments.of("tmpfs: /run", "tmpfs", "[/run]"),
                Arguments.of("expose: [3000, \"4000-4001\"]", "expose", "[\"3000\", \"4000-4001\"]"),
                Arguments.of("ulimits: {nproc: 65535, nofile: {soft: 1, hard: 2}}", "ulimits",
                        "{nproc: 65535, nofile: {soft: 1, hard: 2}}"),
                Arguments.of("sysctls: [net.core.somaxconn=1024]", "sysctls", "{net.core.somaxconn: \"1024\"}"),
                Arguments.of("mem_swappiness: 60", "mem_swappiness", "\"60\""),
                Arguments.of("cpus: \"1.5\"", "cpus", "1.5"),
                Arguments.of("pull_policy: if_not_present", "pull_policy", "missing"),
                Arguments.of("stop_grace_period: 1h", "stop_grace_period", "1h0m0s"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forms")
    void load_shortForm_isCanonical(String snippet, String key, String expected) {
        ComposeFixture fixture = ComposeFixture.in(dir).service(snippet);

        assertThat(fixture.webAttribute(key)).isEqualTo(yaml(expected));
    }

    @Test
    void load_deviceWithTooManyParts_fails() {
        ComposeFixture fixture = ComposeFixture.in(dir).service("devices: [\"/a:/b:rwm:x\"]");

        assertThatThrownBy(fixture::loadOnly).isInstanceOf(ComposeFileException.class)
                .hasMessageContaining("services.web.devices[0]: invalid device \"/a:/b:rwm:x\"");
    }

    @Test
    void load_gpuWithCountAndIds_fails() {
        ComposeFixture fixture = ComposeFixture.in(dir).service("gpus: [{count: 1, device_ids: [\"0\"]}]");

        assertThatThrownBy(fixture::loadOnly).isInstanceOf(ComposeFileException.class)
                .hasMessageContaining("services.web.gpus[0]: count and device_ids cannot both be set");
    }
}
