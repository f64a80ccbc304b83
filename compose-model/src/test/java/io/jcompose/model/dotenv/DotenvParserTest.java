package io.jcompose.model.dotenv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.jcompose.model.source.ComposeFileException;
import io.jcompose.model.source.InterpolationException;
import io.jcompose.model.source.KeyPath;
import io.jcompose.model.source.Problem;
import io.jcompose.model.source.SourceLocation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DotenvParserTest {

    private static final Map<String, String> OUTER = Map.of("OUTER", "out", "OPTION_A", "5", "EMPTY", "");

    private static Map<String, String> parse(String content) {
        return DotenvParser.parse(content, ".env", name -> Optional.ofNullable(OUTER.get(name)));
    }

    private static Map<String, String> map(String... keysAndValues) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            out.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return out;
    }

    static Stream<Arguments> singleEntries() {
        return Stream.of(
                // layout of the assignment
                Arguments.of("FOO=bar", "FOO", "bar"),
                Arguments.of("FOO =bar", "FOO", "bar"),
                Arguments.of("FOO= bar", "FOO", "bar"),
                Arguments.of("FOO = bar ", "FOO", "bar"),
                Arguments.of("  FOO=bar", "FOO", "bar"),
                Arguments.of("\tFOO=bar", "FOO", "bar"),
                Arguments.of("FOO\u00A0=bar", "FOO", "bar"),
                Arguments.of("FOO=", "FOO", ""),
                Arguments.of("FOO = ", "FOO", ""),
                Arguments.of("FOO=foobar=", "FOO", "foobar="),
                Arguments.of("FOO=bar\r\n", "FOO", "bar"),
                Arguments.of("OPTION_A: 1", "OPTION_A", "1"),
                Arguments.of("OPTION_A: Foo=bar", "OPTION_A", "Foo=bar"),
                Arguments.of("OPTION_A=1:B", "OPTION_A", "1:B"),
                // export keyword
                Arguments.of("export OPTION_B=2", "OPTION_B", "2"),
                Arguments.of("export\tOPTION_B=2", "OPTION_B", "2"),
                Arguments.of("  export OPTION_B=2", "OPTION_B", "2"),
                Arguments.of("export OPTION_B=\"export A\"", "OPTION_B", "export A"),
                Arguments.of("export exportFoo=2", "exportFoo", "2"),
                Arguments.of("exportFOO=2", "exportFOO", "2"),
                Arguments.of("export_FOO =2", "export_FOO", "2"),
                Arguments.of("export.FOO= 2", "export.FOO", "2"),
                Arguments.of("export=1", "export", "1"),
                // key characters compose-go accepts
                Arguments.of("VAR.WITH.DOTS=dots", "VAR.WITH.DOTS", "dots"),
                Arguments.of("VAR-WITH-DASHES=dashes", "VAR-WITH-DASHES", "dashes"),
                Arguments.of("a[1]=c", "a[1]", "c"),
                Arguments.of("árvíztűrő-TÜKÖRFÚRÓGÉP=ÁRVÍZTŰRŐ-tükörfúrógép", "árvíztűrő-TÜKÖRFÚRÓGÉP", "ÁRVÍZTŰRŐ-tükörfúrógép"),
                Arguments.of("1ABC=x", "1ABC", "x"),
                Arguments.of("=value", "", "value"),
                // unquoted values and inline comments
                Arguments.of("FOO=bar # this is foo", "FOO", "bar"),
                Arguments.of("FOO=bar #this is foo", "FOO", "bar"),
                Arguments.of("FOO=bar #", "FOO", "bar"),
                Arguments.of("FOO=123#not-an-inline-comment", "FOO", "123#not-an-inline-comment"),
                Arguments.of("FOO=bar\t# tab is no comment start", "FOO", "bar\t# tab is no comment start"),
                Arguments.of("FOO= #x", "FOO", "#x"),
                Arguments.of("FOO=a\\tb", "FOO", "a\\tb"),
                Arguments.of("FOO=a \"b\" c", "FOO", "a \"b\" c"),
                Arguments.of("FOO=$$bar", "FOO", "$bar"),
                // single quotes: literal
                Arguments.of("FOO='bar'", "FOO", "bar"),
                Arguments.of("FOO=''", "FOO", ""),
                Arguments.of("FOO='\\n'", "FOO", "\\n"),
                Arguments.of("FOO='Let\\'s go!'", "FOO", "Let's go!"),
                Arguments.of("FOO='a\\\\b'", "FOO", "a\\\\b"),
                Arguments.of("FOO='a\\\"b'", "FOO", "a\\\"b"),
                Arguments.of("FOO='quote $OUTER ${X:?no}'", "FOO", "quote $OUTER ${X:?no}"),
                Arguments.of("FOO='bar#baz' # comment", "FOO", "bar#baz"),
                Arguments.of("FOO='first line\nsecond line'", "FOO", "first line\nsecond line"),
                // double quotes: escapes and interpolation
                Arguments.of("FOO=\"bar\"", "FOO", "bar"),
                Arguments.of("FOO=\"\"", "FOO", ""),
                Arguments.of("FOO=\"\\n\"", "FOO", "\n"),
                Arguments.of("FOO=\"bar\\nbaz\"", "FOO", "bar\nbaz"),
                Arguments.of("FOO=\"a\\tb\"", "FOO", "a\tb"),
                Arguments.of("FOO=\"escaped\\\"bar\"", "FOO", "escaped\"bar"),
                Arguments.of("FOO=\"\\\"quoted\\\"\"", "FOO", "\"quoted\""),
                Arguments.of("FOO=\"'d'\"", "FOO", "'d'"),
                Arguments.of("FOO=\"bar#baz\"#", "FOO", "bar#baz"),
                Arguments.of("FOO=\"bar#baz#bang\" # comment", "FOO", "bar#baz#bang"),
                Arguments.of("KEY=\"Z\\aZ\\bZ\\fZ\\nZ\\rZ\\tZ\\vZ\\\\Z\\0123Z\"", "KEY", "Z\u0007Z\bZ\fZ\nZ\rZ\tZ\u000BZ\\ZSZ"),
                Arguments.of("KEY=\"\\0123\"", "KEY", "S"),
                Arguments.of("KEY=\"\\01234\"", "KEY", "S4"),
                Arguments.of("KEY=\"\\0\"", "KEY", "\\"),
                Arguments.of("KEY=\"\\012\"", "KEY", "\\12"),
                Arguments.of("KEY=\"\\0777\"", "KEY", "\\777"),
                Arguments.of("KEY=\"\\0189\"", "KEY", "\\189"),
                Arguments.of("KEY=\"\\x07\"", "KEY", "\\x07"),
                Arguments.of("KEY=\"\\c\"", "KEY", "\\c"),
                Arguments.of("KEY=\"\\'\"", "KEY", "\\'"),
                Arguments.of("FOO=\"bar\\n\\ b\\az\"", "FOO", "bar\n\\ b\u0007z"),
                Arguments.of("FOO=\"bar\\\\\\n\\ b\\az\"", "FOO", "bar\\\n\\ b\u0007z"),
                Arguments.of("FOO=\"bar\\\\r\\ b\\az\"", "FOO", "bar\\r\\ b\u0007z"),
                Arguments.of("FOO=\"bar\\nbaz\\\\\"", "FOO", "bar\nbaz\\"),
                Arguments.of("FOO=\"foo\\$BAR\"", "FOO", "foo$BAR"),
                Arguments.of("FOO=\"foo\\${BAR}\"", "FOO", "foo${BAR}"),
                Arguments.of("FOO=\"quote $OUTER\"", "FOO", "quote out"),
                Arguments.of("FOO=\"a\r\nb\"", "FOO", "a\r\nb"),
                Arguments.of("FOO=\"line one\nline two\"", "FOO", "line one\nline two"),
                // interpolation of unquoted values
                Arguments.of("FOO=$OUTER", "FOO", "out"),
                Arguments.of("FOO=${OUTER}bar", "FOO", "outbar"),
                Arguments.of("FOO=$UNSET", "FOO", ""),
                Arguments.of("FOO=${UNSET:-fallback}", "FOO", "fallback"),
                Arguments.of("FOO=${EMPTY-kept empty}", "FOO", ""),
                // byte order mark
                Arguments.of("\uFEFFOPTION_A=1", "OPTION_A", "1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("singleEntries")
    void parse_singleEntry(String content, String key, String value) {
        assertThat(parse(content)).containsExactly(entry(key, value));
    }

    static Stream<Arguments> files() {
        return Stream.of(
                Arguments.of("", map()),
                Arguments.of("\n\r\n\t\t \n", map()),
                Arguments.of("# comment", map()),
                Arguments.of("\t # indented comment\nA=1", map("A", "1")),
                Arguments.of("FOO=\nBAR=x", map("FOO", "", "BAR", "x")),
                Arguments.of("ONE=1\nTWO='2'\nTHREE = \"3\"", map("ONE", "1", "TWO", "2", "THREE", "3")),
                Arguments.of("Z=1\nA=2\nM=3", map("Z", "1", "A", "2", "M", "3")),
                Arguments.of("A=1\nB=2\nA=3", map("A", "3", "B", "2")),
                // earlier entries are visible to later ones, but the outer environment wins
                Arguments.of("FOO=test\nBAR=$FOO", map("FOO", "test", "BAR", "test")),
                Arguments.of("FOO=test\nBAR=\"foo\\${FOO} ${FOO}\"", map("FOO", "test", "BAR", "foo${FOO} test")),
                Arguments.of("OUTER=file\nX=$OUTER", map("OUTER", "file", "X", "out")),
                Arguments.of("OPTION_A=${OPTION_A:-1}\nOPTION_B=${OPTION_A}\nOPTION_C=$OPTION_B\n"
                                + "OPTION_D=${OPTION_A}_${OPTION_B}\nOPTION_E=${OPTION_NOT_DEFINED}",
                        map("OPTION_A", "5", "OPTION_B", "5", "OPTION_C", "5", "OPTION_D", "5_5", "OPTION_E", "")),
                Arguments.of("H=localhost\nURL=\"http://${H}\"", map("H", "localhost", "URL", "http://localhost")),
                // bare names come from the outer environment, or are dropped
                Arguments.of("foo=bar\nOUTER\nbar=baz", map("foo", "bar", "OUTER", "out", "bar", "baz")),
                Arguments.of("MISSING\n", map()),
                Arguments.of("OUTER", map("OUTER", "out")),
                Arguments.of("OUTER \r\n", map("OUTER", "out")),
                Arguments.of("EMPTY", map("EMPTY", "")),
                Arguments.of("export OUTER", map("OUTER", "out")),
                Arguments.of("export\nA=1", map("A", "1")),
                // a quoted value ends its statement; whatever follows starts the next one
                Arguments.of("A=\"1\" B=2", map("A", "1", "B", "2")),
                Arguments.of("A='1'\nB=2", map("A", "1", "B", "2")),
                Arguments.of("OPTION_J = 'first line\nsecond line\nthird line\nand so on'\nOPTION_Z = \"last value\"",
                        map("OPTION_J", "first line\nsecond line\nthird line\nand so on", "OPTION_Z", "last value")),
                Arguments.of("TEST_URLS=\"stratum+tcp://a:3333\nstratum+tcp://b:443\"",
                        map("TEST_URLS", "stratum+tcp://a:3333\nstratum+tcp://b:443")));
    }

    @ParameterizedTest(name = "{index}")
    @MethodSource("files")
    void parse_wholeFile(String content, Map<String, String> expected) {
        assertThat(parse(content)).containsExactlyEntriesOf(expected);
    }

    static Stream<Arguments> invalidFiles() {
        String letters = ": expected only letters, digits, \"_\", \".\", \"-\", \"[\" and \"]\"";
        String closing = " before the end of the file";
        return Stream.of(
                Arguments.of("lol$wut", 1, 4, "unexpected character \"$\" in variable name \"lol$wut\"" + letters),
                Arguments.of("%!(EXTRA string)=foo", 1, 1,
                        "unexpected character \"%\" in variable name \"%!(EXTRA string)=foo\"" + letters),
                Arguments.of("A=1\n  FOO;=x\r\n", 2, 6, "unexpected character \";\" in variable name \"FOO;=x\"" + letters),
                Arguments.of("export FOO/BAR=1", 1, 11, "unexpected character \"/\" in variable name \"FOO/BAR=1\"" + letters),
                Arguments.of("A=\"1\";", 1, 6, "unexpected character \";\" in variable name \";\"" + letters),
                Arguments.of("FOO BAR=x", 1, 1, "variable name \"FOO BAR\" contains a space: expected NAME=value with no space in NAME"),
                Arguments.of("FOO\tBAR=x", 1, 1, "variable name \"FOO\\tBAR\" contains a space: expected NAME=value with no space in NAME"),
                Arguments.of("# some comments\nfoo=\"\n  a\n  multine\n  value\n\"\nINVALID LINE\nzot=qix", 7, 1,
                        "variable name \"INVALID LINE\" contains a space: expected NAME=value with no space in NAME"),
                Arguments.of("KEY=\"", 1, 5, "unterminated quoted value: expected a closing \"" + closing),
                Arguments.of("KEY=\"value", 1, 5, "unterminated quoted value: expected a closing \"" + closing),
                Arguments.of("KEY=\"value\\\"", 1, 5, "unterminated quoted value: expected a closing \"" + closing),
                Arguments.of("KEY=\"value'", 1, 5, "unterminated quoted value: expected a closing \"" + closing),
                Arguments.of("KEY='", 1, 5, "unterminated quoted value: expected a closing '" + closing),
                Arguments.of("KEY='value", 1, 5, "unterminated quoted value: expected a closing '" + closing),
                Arguments.of("KEY='value\\'", 1, 5, "unterminated quoted value: expected a closing '" + closing),
                Arguments.of("A=1\nKEY = 'value\"\nB=2", 2, 7, "unterminated quoted value: expected a closing '" + closing),
                Arguments.of("FOO=${", 1, 5, "invalid interpolation format for \"${\": "
                        + "expected a variable name after \"${\", or $$ for a literal $"),
                Arguments.of("A=1\nFOO = \"x ${BAR\"", 2, 7, "invalid interpolation format for \"x ${BAR\": "
                        + "expected \"}\" after \"${BAR\""),
                Arguments.of("FOO=${UNSET:?boom}", 1, 5, "required variable UNSET is missing a value: boom"),
                Arguments.of("FOO=\"${EMPTY:?}\"", 1, 5, "required variable EMPTY is missing a value"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidFiles")
    void parse_invalidContent_reportsLineColumnAndMessage(String content, int line, int column, String message) {
        assertThatThrownBy(() -> parse(content))
                .isInstanceOfSatisfying(InterpolationException.class, e -> assertThat(e.problems())
                        .containsExactly(Problem.at(SourceLocation.of(".env", line, column), KeyPath.ROOT, message)));
    }

    @Test
    void parse_invalidContent_messageStartsWithPosition() {
        assertThatThrownBy(() -> parse("A=1\nlol$wut"))
                .hasMessageStartingWith(".env:2:4: unexpected character \"$\"");
    }

    @Test
    void parse_lookup_isNotConsultedForSingleQuotedValues() {
        Map<String, String> result = DotenvParser.parse("A='$X'", ".env", name -> {
            throw new AssertionError("looked up " + name);
        });
        assertThat(result).containsExactly(entry("A", "$X"));
    }

    @Test
    void read_existingFile_parsesUtf8(@TempDir Path dir) throws IOException {
        Path file = dir.resolve(".env");
        Files.writeString(file, "\uFEFFNAME=Zoë\n# comment\nX=${OUTER}", StandardCharsets.UTF_8);
        assertThat(DotenvParser.read(file, name -> Optional.ofNullable(OUTER.get(name))))
                .containsExactly(entry("NAME", "Zoë"), entry("X", "out"));
    }

    @Test
    void read_errorInFile_namesTheFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("app.env");
        Files.writeString(file, "A=1\nB='open");
        assertThatThrownBy(() -> DotenvParser.read(file, name -> Optional.empty()))
                .isInstanceOf(InterpolationException.class)
                .hasMessage(file + ":2:3: unterminated quoted value: expected a closing ' before the end of the file");
    }

    @Test
    void read_missingFile_throws(@TempDir Path dir) {
        Path file = dir.resolve("nope.env");
        assertThatThrownBy(() -> DotenvParser.read(file, name -> Optional.empty()))
                .isExactlyInstanceOf(ComposeFileException.class)
                .hasMessage("env file " + file + " not found");
    }

    @Test
    void read_directory_throws(@TempDir Path dir) {
        assertThatThrownBy(() -> DotenvParser.read(dir, name -> Optional.empty()))
                .isExactlyInstanceOf(ComposeFileException.class)
                .hasMessage("env file " + dir + " is a directory, expected a file");
    }
}
