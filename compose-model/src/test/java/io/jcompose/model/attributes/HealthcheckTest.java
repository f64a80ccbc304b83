package io.jcompose.model.attributes;

import static io.jcompose.model.attributes.ComposeFixture.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcompose.model.Healthcheck;
import io.jcompose.model.source.ComposeFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HealthcheckTest {

    @TempDir
    Path dir;

    static Stream<Arguments> forms() {
        return Stream.of(
                Arguments.of("test: curl -f http://localhost", "{test: [CMD-SHELL, curl -f http://localhost]}"),
                Arguments.of("test: [CMD, curl, -f, \"http://localhost\"]",
                        "{test: [CMD, curl, -f, \"http://localhost\"]}"),
                Arguments.of("test: [NONE]", "{test: [NONE]}"),
                Arguments.of("disable: true", "{disable: true}"),
                Arguments.of("{test: [CMD, true], interval: 90s, timeout: 1h, start_period: 0, retries: 3,"
                                + " start_interval: 500ms}",
                        "{test: [CMD, \"true\"], interval: 1m30s, timeout: 1h0m0s, start_period: 0s, retries: 3,"
                                + " start_interval: 500ms}"),
                Arguments.of("{test: [CMD, x], interval: 1.5s, timeout: \"2m\"}",
                        "{test: [CMD, x], interval: 1.5s, timeout: 2m0s}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forms")
    void load_healthcheck_isCanonical(String snippet, String expected) {
        String body = snippet.startsWith("{") ? snippet : "{" + snippet + "}";
        ComposeFixture fixture = ComposeFixture.in(dir).service("healthcheck: " + body);

        assertThat(fixture.webAttribute("healthcheck")).isEqualTo(yaml(expected));
    }

    @Test
    void healthcheck_typedView_parsesDurations() {
        ComposeFixture fixture = ComposeFixture.in(dir)
                .service("healthcheck: {test: echo ok, interval: 1m30s, retries: 5}");

        assertThat(fixture.load().services().get("web").healthcheck()).contains(new Healthcheck(
                List.of("CMD-SHELL", "echo ok"), Optional.of(Duration.ofSeconds(90)), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.of(5L), false));
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("{interval: soon}", "services.web.healthcheck.interval: invalid value \"soon\""
                        + " (expected a duration like 1m30s)"),
                Arguments.of("{test: [WHAT, x]}", "services.web.healthcheck.test: must start with CMD, CMD-SHELL or"
                        + " NONE, found \"WHAT\""),
                Arguments.of("{tests: [CMD, x]}", "services.web.healthcheck.tests: unknown key \"tests\""
                        + " (did you mean \"test\"?)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void load_invalidHealthcheck_fails(String snippet, String message) {
        ComposeFixture fixture = ComposeFixture.in(dir).service("healthcheck: " + snippet);

        assertThatThrownBy(fixture::loadOnly).isInstanceOf(ComposeFileException.class).hasMessageContaining(message);
    }
}
