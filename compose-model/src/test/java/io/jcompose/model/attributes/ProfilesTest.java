package io.jcompose.model.attributes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcompose.model.Project;
import io.jcompose.model.source.ComposeFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ProfilesTest {

    private static final String COMPOSE = """
            services:
              web: {image: nginx}
              debug: {image: busybox, profiles: [debug]}
              tools: {image: busybox, profiles: [debug, ops]}
              metrics: {image: prom, profiles: [ops]}
            """;

    @TempDir
    Path dir;

    static Stream<Arguments> selections() {
        return Stream.of(
                Arguments.of(List.of(), Map.of(), List.of(), List.of("web")),
                Arguments.of(List.of("debug"), Map.of(), List.of(), List.of("web", "debug", "tools")),
                Arguments.of(List.of("ops"), Map.of(), List.of(), List.of("web", "tools", "metrics")),
                Arguments.of(List.of("*"), Map.of(), List.of(), List.of("web", "debug", "tools", "metrics")),
                Arguments.of(List.of(), Map.of("COMPOSE_PROFILES", "ops, debug"), List.of(),
                        List.of("web", "debug", "tools", "metrics")),
                // --profile wins over COMPOSE_PROFILES
                Arguments.of(List.of("debug"), Map.of("COMPOSE_PROFILES", "ops"), List.of(),
                        List.of("web", "debug", "tools")),
                // a service named on the command line enables its profiles
                Arguments.of(List.of(), Map.of(), List.of("metrics"), List.of("web", "tools", "metrics")));
    }

    @ParameterizedTest(name = "--profile {0}, env {1}, services {2}")
    @MethodSource("selections")
    void load_profiles_selectServices(List<String> profiles, Map<String, String> env, List<String> named,
                                      List<String> enabled) {
        ComposeFixture fixture = ComposeFixture.in(dir).env(env).compose(COMPOSE)
                .options(o -> o.withProfiles(profiles).withServices(named));

        Project project = fixture.load();

        assertThat(project.services().keySet()).containsExactlyInAnyOrderElementsOf(enabled);
        assertThat(project.disabledServices().keySet()).doesNotContainAnyElementsOf(enabled)
                .hasSize(4 - enabled.size());
    }

    @Test
    void load_profileFromDotEnv_counts() {
        ComposeFixture fixture = ComposeFixture.in(dir).write(".env", "COMPOSE_PROFILES=ops\n").compose(COMPOSE);

        assertThat(fixture.loadOnly().services().keySet()).containsExactlyInAnyOrder("web", "tools", "metrics");
    }

    @Test
    void load_dependencyOnDisabledService_fails() {
        ComposeFixture fixture = ComposeFixture.in(dir).compose("""
                services:
                  web: {image: nginx, depends_on: [debug]}
                  debug: {image: busybox, profiles: [debug]}
                """);

        assertThatThrownBy(fixture::loadOnly).isInstanceOf(ComposeFileException.class)
                .hasMessage("compose.yaml:2:36: services.web.depends_on.debug: service \"debug\" is needed but not"
                        + " enabled by the active profiles (add --profile for it)");
    }

    @Test
    void load_optionalDependencyOnDisabledService_isAllowed() {
        ComposeFixture fixture = ComposeFixture.in(dir).compose("""
                services:
                  web: {image: nginx, depends_on: {debug: {condition: service_started, required: false}}}
                  debug: {image: busybox, profiles: [debug]}
                """);

        // no round trip: like docker compose's, the output names a service it does not contain
        assertThat(fixture.loadOnly().services().keySet()).containsExactly("web");
    }

    @Test
    void load_disabledServiceUsingUndeclaredNetwork_isNotChecked() {
        ComposeFixture fixture = ComposeFixture.in(dir).compose("""
                services:
                  web: {image: nginx}
                  debug: {image: busybox, profiles: [debug], networks: [nowhere]}
                """);

        assertThat(fixture.load().services().keySet()).containsExactly("web");
    }
}
