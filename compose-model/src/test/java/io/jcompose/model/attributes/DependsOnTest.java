package io.jcompose.model.attributes;

import static io.jcompose.model.attributes.ComposeFixture.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcompose.model.DependsOn;
import io.jcompose.model.source.ComposeFileException;
import io.jcompose.model.source.CycleException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DependsOnTest {

    private static final String STARTED = "{condition: service_started, required: true}";
    private static final String STARTED_RESTART = "{condition: service_started, restart: true, required: true}";

    @TempDir
    Path dir;

    static Stream<Arguments> forms() {
        return Stream.of(
                Arguments.of("depends_on: [db, cache]", "{db: %s, cache: %s}".formatted(STARTED, STARTED)),
                Arguments.of("depends_on: {db: {condition: service_healthy}}",
                        "{db: {condition: service_healthy, required: true}}"),
                Arguments.of("depends_on: {db: {condition: service_completed_successfully, restart: true,"
                                + " required: false}}",
                        "{db: {condition: service_completed_successfully, restart: true, required: false}}"),
                Arguments.of("links: [db, \"cache:c\"]", "{db: %s, cache: %s}".formatted(STARTED_RESTART,
                        STARTED_RESTART)),
                Arguments.of("network_mode: service:db", "{db: %s}".formatted(STARTED_RESTART)),
                Arguments.of("ipc: service:db\npid: \"service:cache\"",
                        "{db: %s, cache: %s}".formatted(STARTED_RESTART, STARTED_RESTART)),
                Arguments.of("volumes_from: [db, \"cache:ro\", \"container:other\"]",
                        "{db: %s, cache: %s}".formatted(STARTED, STARTED)),
                Arguments.of("depends_on: {db: {condition: service_healthy}}\nlinks: [db]",
                        "{db: {condition: service_healthy, required: true}}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forms")
    void load_dependencies_becomeMapping(String snippet, String expected) {
        ComposeFixture fixture = ComposeFixture.in(dir).compose("""
                services:
                  web:
                    image: nginx
                %s
                  db: {image: postgres}
                  cache: {image: redis}
                """.formatted(ComposeFixture.indent(snippet, 4).stripTrailing()));

        assertThat(fixture.webAttribute("depends_on")).isEqualTo(yaml(expected));
    }

    @Test
    void dependsOn_typedView_readsConditions() {
        ComposeFixture fixture = ComposeFixture.in(dir).compose("""
                services:
                  web: {image: nginx, depends_on: {db: {condition: service_healthy, restart: true}}}
                  db: {image: postgres}
                """);

        assertThat(fixture.load().services().get("web").dependsOn().get("db"))
                .isEqualTo(new DependsOn(DependsOn.Condition.SERVICE_HEALTHY, true, true));
    }

    static Stream<Arguments> cycles() {
        return Stream.of(
                Arguments.of("""
                        services:
                          a: {image: x, depends_on: [b]}
                          b: {image: x, depends_on: [a]}
                        """, "dependency cycle detected: a -> b -> a"),
                Arguments.of("""
                        services:
                          a: {image: x, depends_on: [a]}
                        """, "dependency cycle detected: a -> a"),
                Arguments.of("""
                        services:
                          a: {image: x, depends_on: [b]}
                          b: {image: x, links: [c]}
                          c: {image: x, volumes_from: [a]}
                        """, "dependency cycle detected: a -> b -> c -> a"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("cycles")
    void load_cycle_failsNamingIt(String compose, String message) {
        ComposeFixture fixture = ComposeFixture.in(dir).compose(compose);

        assertThatThrownBy(fixture::loadOnly).isInstanceOf(CycleException.class).hasMessageContaining(message);
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("depends_on: [nope]", "services.web.depends_on.nope: depends on undefined service"),
                Arguments.of("depends_on: {nope: {condition: service_started, required: false}}",
                        "services.web.depends_on.nope: depends on undefined service"),
                Arguments.of("depends_on: {db: {condition: started}}",
                        "services.web.depends_on.db.condition: invalid value \"started\""),
                Arguments.of("depends_on: {db: {required: false}}",
                        "services.web.depends_on.db: missing required key \"condition\""),
                Arguments.of("network_mode: service:nope",
                        "services.web.network_mode: refers to undefined service \"nope\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void load_badDependency_fails(String snippet, String message) {
        ComposeFixture fixture = ComposeFixture.in(dir).compose("""
                services:
                  web:
                    image: nginx
                %s
                  db: {image: postgres}
                """.formatted(ComposeFixture.indent(snippet, 4).stripTrailing()));

        assertThatThrownBy(fixture::loadOnly).isInstanceOf(ComposeFileException.class).hasMessageContaining(message);
    }
}
