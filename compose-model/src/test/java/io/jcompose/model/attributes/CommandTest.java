package io.jcompose.model.attributes;

import static io.jcompose.model.attributes.ComposeFixture.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcompose.model.source.ComposeFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CommandTest {

    @TempDir
    Path dir;

    static Stream<Arguments> commands() {
        return Stream.of(
                Arguments.of("echo hello", "[echo, hello]"),
                Arguments.of("echo \"hello world\"", "[echo, hello world]"),
                Arguments.of("sh -c 'echo $$HOME && exit 1'", "[sh, -c, echo $HOME && exit 1]"),
                Arguments.of("echo a\\ b \"c\\\"d\"", "[echo, a b, c\"d]"),
                Arguments.of("  spaced   out  ", "[spaced, out]"),
                Arguments.of("echo ''", "[echo, \"\"]"),
                Arguments.of("", "[]"),
                Arguments.of("[\"sh\", \"-c\", \"echo hi\"]", "[sh, -c, echo hi]"),
                Arguments.of("[]", "[]"),
                Arguments.of("[1, true]", "[\"1\", \"true\"]"),
                // go-shellwords, which docker compose uses: a backslash escapes anything, even in double quotes
                Arguments.of("echo \"a\\nb\"", "[echo, anb]"),
                // an unquoted ; & | < > ends the command
                Arguments.of("echo a && echo b", "[echo, a]"),
                Arguments.of("run 2>/dev/null", "[run]"),
                Arguments.of("echo \"a && b\" | wc", "[echo, a && b]"),
                Arguments.of("echo $$(date) `id -u`", "[echo, $(date), \"`id -u`\"]"));
    }

    @ParameterizedTest(name = "command: {0}")
    @MethodSource("commands")
    void load_command_isSplitLikeAShell(String value, String expected) {
        String literal = value.startsWith("[") ? value : "'" + value.replace("'", "''") + "'";
        ComposeFixture fixture = ComposeFixture.in(dir).service("command: " + literal + "\nentrypoint: " + literal);

        assertThat(fixture.webAttribute("command")).isEqualTo(yaml(expected));
        assertThat(fixture.webAttribute("entrypoint")).isEqualTo(yaml(expected));
    }

    @Test
    void load_nullCommand_isNoCommand() {
        ComposeFixture fixture = ComposeFixture.in(dir).service("command: null\nentrypoint:");

        assertThat(fixture.serviceOf("web")).doesNotContainKeys("command", "entrypoint");
        assertThat(fixture.load().services().get("web").command()).isEmpty();
    }

    @Test
    void command_typedView_givesWords() {
        ComposeFixture fixture = ComposeFixture.in(dir).service("command: npm run start");

        assertThat(fixture.load().services().get("web").command()).isEqualTo(Optional.of(List.of("npm", "run",
                "start")));
    }

    @Test
    void load_unbalancedQuote_fails() {
        ComposeFixture fixture = ComposeFixture.in(dir).service("command: echo \"oops");

        assertThatThrownBy(fixture::loadOnly).isInstanceOf(ComposeFileException.class)
                .hasMessage("compose.yaml:4:14: services.web.command: invalid command line \"echo \\\"oops\""
                        + " (close every quote, and quote any '(' or ')')");
    }
}
