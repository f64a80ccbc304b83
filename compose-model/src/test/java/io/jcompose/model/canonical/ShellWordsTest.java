package io.jcompose.model.canonical;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Cases from go-shellwords' behaviour (v1.0.12, as docker compose uses it), without expansion. */
class ShellWordsTest {

    static Stream<Arguments> lines() {
        return Stream.of(
                Arguments.of("", List.of()),
                Arguments.of("   ", List.of()),
                Arguments.of("a b  c", List.of("a", "b", "c")),
                Arguments.of("a\tb\nc\rd", List.of("a", "b", "c", "d")),
                Arguments.of("'a b' \"c d\"", List.of("a b", "c d")),
                Arguments.of("''", List.of("")),
                Arguments.of("a '' b", List.of("a", "", "b")),
                Arguments.of("\"\"", List.of("")),
                Arguments.of("x\"y z\"w", List.of("xy zw")),
                Arguments.of("a\\ b", List.of("a b")),
                Arguments.of("\"a\\\"b\"", List.of("a\"b")),
                Arguments.of("\"a\\nb\"", List.of("anb")),
                Arguments.of("'a\\nb'", List.of("a\\nb")),
                Arguments.of("\"it's\"", List.of("it's")),
                Arguments.of("'say \"hi\"'", List.of("say \"hi\"")),
                Arguments.of("echo $HOME ${X}", List.of("echo", "$HOME", "${X}")),
                Arguments.of("echo $(date +%s)", List.of("echo", "$(date +%s)")),
                Arguments.of("echo `date`", List.of("echo", "`date`")),
                Arguments.of("a;b", List.of("a")),
                Arguments.of("a && b", List.of("a")),
                Arguments.of("a | b", List.of("a")),
                Arguments.of("a > out", List.of("a")),
                Arguments.of("a 2>err", List.of("a")),
                Arguments.of("a x2>err", List.of("a", "x2")),
                Arguments.of("'a;b' \"c|d\"", List.of("a;b", "c|d")),
                Arguments.of("a\\;b", List.of("a;b")));
    }

    @ParameterizedTest(name = "[{0}]")
    @MethodSource("lines")
    void split_line_givesWords(String line, List<String> words) {
        assertThat(ShellWords.split(line)).contains(words);
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"'open", "\"open", "a\\", "(x)", "a )b", "`open"})
    void split_unbalanced_isEmpty(String line) {
        assertThat(ShellWords.split(line)).isEmpty();
    }
}
