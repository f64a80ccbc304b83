package io.jcompose.engine.linux.build.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Variable expansion and quote removal, as Docker does it in the words of ENV, COPY, WORKDIR and the others. */
class WordExpanderTest {

    /** HOME=/root, EMPTY set to "", SPACED="a  b", PATHISH=/usr/local/bin/app.tar.gz; UNSET is not set. */
    private static final Map<String, String> VARS = Map.of("HOME", "/root", "EMPTY", "", "SPACED", "a  b",
            "PATHISH", "/usr/local/bin/app.tar.gz", "V", "1.2.3", "1", "one");

    private static final Function<String, Optional<String>> LOOKUP = name -> Optional.ofNullable(VARS.get(name));

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '^', emptyValue = "", value = {
        // plain references
        "$HOME | /root",
        "${HOME} | /root",
        "${HOME}/x | /root/x",
        "$HOME/x | /root/x",
        "$HOMEx | ^^",
        "${HOME}x | /rootx",
        "$UNSET | ^^",
        "a$UNSET-b | a-b",
        "$1 | one",
        "$12 | ^^",
        "$ | $",
        "a$ | a$",
        "$-x | $-x",
        "$/ | $/",
        "cost$ | cost$",
        // defaults and alternatives: with the colon an empty value counts as unset
        "${UNSET:-d} | d",
        "${EMPTY:-d} | d",
        "${HOME:-d} | /root",
        "${UNSET-d} | d",
        "${EMPTY-d} | ^^",
        "${HOME-d} | /root",
        "${UNSET:+alt} | ^^",
        "${EMPTY:+alt} | ^^",
        "${HOME:+alt} | alt",
        "${UNSET+alt} | ^^",
        "${EMPTY+alt} | alt",
        "${HOME+alt} | alt",
        "${UNSET:-$HOME/x} | /root/x",
        "${UNSET:-${EMPTY:-deep}} | deep",
        "${UNSET:-a b} | a b",
        "${UNSET:-'$HOME'} | $HOME",
        "${UNSET:-\\}} | }",
        "${UNSET:-} | ^^",
        // prefix, suffix and substitution
        "${PATHISH#*/} | usr/local/bin/app.tar.gz",
        "${PATHISH##*/} | app.tar.gz",
        "${PATHISH%.*} | /usr/local/bin/app.tar",
        "${PATHISH%%.*} | /usr/local/bin/app",
        "${V/./-} | 1-2.3",
        "${V//./-} | 1-2-3",
        "${V//.} | 123",
        "${V/[0-9]/x} | x.2.3",
        "${UNSET#x} | ^^",
        // quotes
        "'$HOME' | $HOME",
        "\"$HOME\" | /root",
        "\"'$HOME'\" | '/root'",
        "'\"$HOME\"' | \"$HOME\"",
        "a'b c'd | ab cd",
        "\"a\\\"b\" | a\"b",
        "\"a\\$HOME\" | a$HOME",
        "\"a\\\\b\" | a\\b",
        "\"a\\nb\" | a\\nb",
        "'a\\b' | a\\b",
        "\"\" | ^^",
        "\"$SPACED\" | a  b",
        // escapes outside quotes
        "\\$HOME | $HOME",
        "\\\\ | \\",
        "a\\ b | a b",
        "\\'x | 'x",
        "x\\ | x",
        "C:\\\\dir | C:\\dir",
    })
    void expand(String word, String expected) {
        assertThat(WordExpander.expand(word, LOOKUP)).isEqualTo(expected);
    }

    @Test
    void expand_withTheBacktickEscape() {
        assertThat(WordExpander.expand("C:\\dir`$HOME", '`', LOOKUP)).isEqualTo("C:\\dir$HOME");
        assertThat(WordExpander.expand("\"a`\"b\\\"", '`', LOOKUP)).isEqualTo("a\"b\\");
        assertThat(WordExpander.expand("``", '`', LOOKUP)).isEqualTo("`");
    }

    @Test
    void expand_errors() {
        List.of("${HOME", "${}", "${:-x}", "${HOME:x}", "${HOME!}", "'open", "\"open", "${UNSET:-x")
                .forEach(word -> assertThatThrownBy(() -> WordExpander.expand(word, LOOKUP))
                        .as(word).isInstanceOf(WordExpansionException.class));
        assertThatThrownBy(() -> WordExpander.expand("${HOME", LOOKUP)).hasMessage(
                "syntax error: missing '}' in \"${HOME\"");
        assertThatThrownBy(() -> WordExpander.expand("${}", LOOKUP)).hasMessage(
                "syntax error: bad substitution in \"${}\"");
        assertThatThrownBy(() -> WordExpander.expand("${HOME:x}", LOOKUP)).hasMessage(
                "unsupported modifier (x) in substitution in \"${HOME:x}\"");
        assertThatThrownBy(() -> WordExpander.expand("${UNSET?}", LOOKUP)).hasMessage("UNSET: is not allowed to be unset");
        assertThatThrownBy(() -> WordExpander.expand("${EMPTY:?set it}", LOOKUP)).hasMessage("EMPTY: set it");
        assertThat(WordExpander.expand("${EMPTY?}", LOOKUP)).isEmpty();
        assertThat(WordExpander.expand("${HOME:?}", LOOKUP)).isEqualTo("/root");
    }

    @Test
    void expandFields_splitsOnUnquotedWhitespaceIncludingExpandedValues() {
        assertThat(WordExpander.expandFields("80/tcp  $SPACED \"$SPACED\" 'x y' a\\ b \"\" $UNSET", '\\', LOOKUP))
                .containsExactly("80/tcp", "a", "b", "a  b", "x y", "a b", "");
        assertThat(WordExpander.expandFields("   ", '\\', LOOKUP)).isEmpty();
    }

    @Test
    void expandHeredoc_keepsQuotesAndOnlyEscapesDollarEscapeAndNewline() {
        assertThat(WordExpander.expandHeredoc("echo \"$HOME\" '${V}' \\$HOME \\\\ \\n a\\\nb\n", '\\', LOOKUP))
                .isEqualTo("echo \"/root\" '1.2.3' $HOME \\ \\n ab\n");
    }
}
