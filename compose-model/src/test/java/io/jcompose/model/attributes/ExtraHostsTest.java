package io.jcompose.model.attributes;

import static io.jcompose.model.attributes.ComposeFixture.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcompose.model.source.ComposeFileException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ExtraHostsTest {

    @TempDir
    Path dir;

    static Stream<Arguments> forms() {
        return Stream.of(
                Arguments.of("[\"db:10.0.0.2\", \"api=10.0.0.3\"]", "[api=10.0.0.3, db=10.0.0.2]"),
                Arguments.of("[\"v6=::1\", \"v6b:[fe80::1]\"]", "[\"v6=::1\", \"v6b=fe80::1\"]"),
                Arguments.of("[\"multi=10.0.0.1,10.0.0.2\"]", "[multi=10.0.0.1, multi=10.0.0.2]"),
                Arguments.of("{db: 10.0.0.2, api: [10.0.0.3, 10.0.0.4]}",
                        "[api=10.0.0.3, api=10.0.0.4, db=10.0.0.2]"),
                Arguments.of("[\"gw:host-gateway\"]", "[gw=host-gateway]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forms")
    void load_extraHosts_becomeSortedHostEqualsIp(String value, String expected) {
        ComposeFixture fixture = ComposeFixture.in(dir).service("extra_hosts: " + value);

        assertThat(fixture.webAttribute("extra_hosts")).isEqualTo(yaml(expected));
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("[nohost]", "services.web.extra_hosts[0]: invalid extra host \"nohost\""),
                Arguments.of("[\"=1.2.3.4\"]", "services.web.extra_hosts[0]: invalid extra host name \"\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void load_badExtraHost_fails(String value, String message) {
        ComposeFixture fixture = ComposeFixture.in(dir).service("extra_hosts: " + value);

        assertThatThrownBy(fixture::loadOnly).isInstanceOf(ComposeFileException.class).hasMessageContaining(message);
    }
}
