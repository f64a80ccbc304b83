package io.jcompose.model.interpolate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.jcompose.model.source.InterpolationException;
import io.jcompose.model.source.KeyPath;
import io.jcompose.model.source.SourceLocation;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class InterpolatorTest {

    private static final Map<String, String> ENV = Map.of(
            "FOO", "foo",
            "BAR", "bar",
            "EMPTY", "",
            "DOLLAR", "$FOO",
            "_x1", "lower");

    private static Interpolator interpolator() {
        return new Interpolator(name -> Optional.ofNullable(ENV.get(name)));
    }

    static Stream<Arguments> substitutions() {
        return Stream.of(
                // plain text and simple references
                Arguments.of("", ""),
                Arguments.of("plain text", "plain text"),
                Arguments.of("$FOO", "foo"),
                Arguments.of("${FOO}", "foo"),
                Arguments.of("${FOO}bar", "foobar"),
                Arguments.of("$FOO-x", "foo-x"),
                Arguments.of("$FOO.$BAR", "foo.bar"),
                Arguments.of("a${FOO}b${BAR}c", "afoobbarc"),
                Arguments.of("$FOOBAR", ""),
                Arguments.of("$UNSET", ""),
                Arguments.of("${UNSET}", ""),
                Arguments.of("${_x1}", "lower"),
                Arguments.of("$_x1", "lower"),
                Arguments.of("$DOLLAR", "$FOO"),
                // escapes and dollars that start no expression
                Arguments.of("$$", "$"),
                Arguments.of("$$FOO", "$FOO"),
                Arguments.of("$${FOO}", "${FOO}"),
                Arguments.of("$$$FOO", "$foo"),
                Arguments.of("$$$$", "$$"),
                Arguments.of("$", "$"),
                Arguments.of("cost: 5$", "cost: 5$"),
                Arguments.of("a $ b", "a $ b"),
                Arguments.of("$1", "$1"),
                Arguments.of("$-x", "$-x"),
                Arguments.of("$}", "$}"),
                Arguments.of("$é", "$é"),
                // compose-go's case-insensitive name pattern also folds the long s and the Kelvin sign
                Arguments.of("x$\u017Fy-", "x-"),
                Arguments.of("${\u212A}", ""),
                // defaults
                Arguments.of("${UNSET:-def}", "def"),
                Arguments.of("${EMPTY:-def}", "def"),
                Arguments.of("${FOO:-def}", "foo"),
                Arguments.of("${UNSET-def}", "def"),
                Arguments.of("${EMPTY-def}", ""),
                Arguments.of("${FOO-def}", "foo"),
                Arguments.of("${UNSET:-}", ""),
                Arguments.of("${UNSET:-a b c}", "a b c"),
                Arguments.of("${UNSET:-a:-b}", "a:-b"),
                Arguments.of("${UNSET-a:-b}", "a:-b"),
                Arguments.of("${UNSET:-a-b}", "a-b"),
                // alternatives
                Arguments.of("${FOO:+alt}", "alt"),
                Arguments.of("${EMPTY:+alt}", ""),
                Arguments.of("${UNSET:+alt}", ""),
                Arguments.of("${FOO+alt}", "alt"),
                Arguments.of("${EMPTY+alt}", "alt"),
                Arguments.of("${UNSET+alt}", ""),
                // required, satisfied
                Arguments.of("${FOO:?err}", "foo"),
                Arguments.of("${FOO?err}", "foo"),
                Arguments.of("${EMPTY?err}", ""),
                // nesting
                Arguments.of("${UNSET:-${FOO}}", "foo"),
                Arguments.of("${UNSET:-${UNSET2:-x}}", "x"),
                Arguments.of("${UNSET:-$FOO}", "foo"),
                Arguments.of("${UNSET:-$$FOO}", "$FOO"),
                Arguments.of("${UNSET:-${FOO}-${BAR}}", "foo-bar"),
                Arguments.of("${UNSET-${EMPTY:-x}}", "x"),
                Arguments.of("${FOO:+${BAR}!}", "bar!"),
                Arguments.of("${UNSET:-${UNSET2:-${UNSET3:-deep}}}", "deep"),
                // unused defaults are never evaluated, so a broken one does not fail
                Arguments.of("${FOO:-${}}", "foo"),
                Arguments.of("${FOO?${}}", "foo"),
                Arguments.of("${UNSET:+${}}", ""),
                // several expressions on one line, and compose-go's brace matching
                Arguments.of("${FOO:-a}-${BAR:-b}", "foo-bar"),
                Arguments.of("${UNSET:-a} and ${BAR}", "a and bar"),
                Arguments.of("${UNSET:-x}}", "x}"),
                Arguments.of("${UNSET:-{x}}", "{x}"),
                Arguments.of("${UNSET:-{}}", "{}"),
                Arguments.of("${UNSET:-{}}x}", "{}}x"),
                Arguments.of("${UNSET:-{x}", "{x"),
                Arguments.of("${UNSET:-a}\n${BAR:-b}", "a\nbar"),
                Arguments.of("line1\n$FOO\r\n", "line1\nfoo\r\n"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("substitutions")
    void interpolate_validExpressions(String input, String expected) {
        assertThat(interpolator().interpolate(input)).isEqualTo(expected);
    }

    static Stream<Arguments> invalidTemplates() {
        return Stream.of(
                Arguments.of("${}", "expected a variable name after \"${\", or $$ for a literal $"),
                Arguments.of("${", "expected a variable name after \"${\", or $$ for a literal $"),
                Arguments.of("${ FOO}", "expected a variable name after \"${\", or $$ for a literal $"),
                Arguments.of("${1}", "expected a variable name after \"${\", or $$ for a literal $"),
                Arguments.of("a ${} b", "expected a variable name after \"${\", or $$ for a literal $"),
                Arguments.of("${FOO", "expected \"}\" after \"${FOO\""),
                Arguments.of("${FOO:x}", "expected \"}\" or one of :-, -, :?, ?, :+, + after \"${FOO\""),
                Arguments.of("${FOO:}", "expected \"}\" or one of :-, -, :?, ?, :+, + after \"${FOO\""),
                Arguments.of("${FOO x}", "expected \"}\" or one of :-, -, :?, ?, :+, + after \"${FOO\""),
                Arguments.of("${FOO.BAR}", "expected \"}\" or one of :-, -, :?, ?, :+, + after \"${FOO\""),
                Arguments.of("${FOO:-x", "expected \"}\" to close \"${FOO\" on the same line"),
                Arguments.of("${FOO:-x\n}", "expected \"}\" to close \"${FOO\" on the same line"),
                Arguments.of("${FOO-", "expected \"}\" to close \"${FOO\" on the same line"),
                Arguments.of("${UNSET:-${}}", "expected a variable name after \"${\", or $$ for a literal $"),
                Arguments.of("${UNSET:?${}}", "expected a variable name after \"${\", or $$ for a literal $"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidTemplates")
    void interpolate_invalidSyntax_quotesWholeString(String input, String hint) {
        String quoted = "\"" + input.replace("\n", "\\n") + "\"";
        assertThatThrownBy(() -> interpolator().interpolate(input))
                .isInstanceOfSatisfying(InterpolationException.class, e -> {
                    assertThat(e.problems()).hasSize(1);
                    assertThat(e.problems().getFirst().message())
                            .isEqualTo("invalid interpolation format for " + quoted + ": " + hint);
                    assertThat(e.problems().getFirst().location()).isEqualTo(SourceLocation.NONE);
                    assertThat(e.problems().getFirst().path()).isEqualTo(KeyPath.ROOT);
                });
    }

    static Stream<Arguments> missingRequired() {
        return Stream.of(
                Arguments.of("${UNSET:?must be set}", "required variable UNSET is missing a value: must be set"),
                Arguments.of("${EMPTY:?must not be empty}", "required variable EMPTY is missing a value: must not be empty"),
                Arguments.of("${UNSET?boom}", "required variable UNSET is missing a value: boom"),
                Arguments.of("${UNSET:?}", "required variable UNSET is missing a value"),
                Arguments.of("${UNSET?}", "required variable UNSET is missing a value"),
                Arguments.of("${UNSET:?set $FOO first}", "required variable UNSET is missing a value: set foo first"),
                Arguments.of("${UNSET:?${EMPTY:-fallback}}", "required variable UNSET is missing a value: fallback"),
                Arguments.of("x ${UNSET:-${UNSET2?inner}} y", "required variable UNSET2 is missing a value: inner"),
                Arguments.of("${A?first} ${B?second}", "required variable A is missing a value: first"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("missingRequired")
    void interpolate_requiredVariableMissing_throws(String input, String message) {
        assertThatThrownBy(() -> interpolator().interpolate(input))
                .isInstanceOfSatisfying(InterpolationException.class,
                        e -> assertThat(e.problems().getFirst().message()).isEqualTo(message));
    }

    @Test
    void interpolate_invalidSyntax_escapesQuotesAndControlCharacters() {
        assertThatThrownBy(() -> interpolator().interpolate("say \"${\"\t"))
                .hasMessage("invalid interpolation format for \"say \\\"${\\\"\\t\": "
                        + "expected a variable name after \"${\", or $$ for a literal $");
    }

    @Test
    void interpolate_textWithoutDollar_returnsSameInstance() {
        String text = "no variables here";
        assertThat(interpolator().interpolate(text)).isSameAs(text);
    }

    @Test
    void unsetVariables_plainReferences_inOrderOfFirstUse() {
        Interpolator interpolator = interpolator();
        interpolator.interpolate("$B ${A} $B ${C:-x} ${D-x} ${E:+x} ${G:-$F} $FOO");
        interpolator.interpolate("$H $A");
        assertThat(interpolator.unsetVariables()).containsExactly("B", "A", "F", "H");
    }

    @Test
    void unsetVariables_returnedSet_isUnmodifiable() {
        Interpolator interpolator = interpolator();
        interpolator.interpolate("$UNSET");
        assertThatThrownBy(() -> interpolator.unsetVariables().add("X"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void interpolate_deepNesting_failsWithInterpolationException() {
        String deep = "${U:-".repeat(500) + "x" + "}".repeat(500);
        assertThatThrownBy(() -> interpolator().interpolate(deep))
                .isInstanceOf(InterpolationException.class)
                .hasMessageContaining("expected at most 100 levels of nested ${...}");
    }

    @Test
    void interpolate_moderateNesting_succeeds() {
        String nested = "${U:-".repeat(50) + "x" + "}".repeat(50);
        assertThat(interpolator().interpolate(nested)).isEqualTo("x");
    }

    @Test
    void interpolate_longLines_stayFast() {
        String many = "${UNSET:-a}${FOO}".repeat(20_000);
        String unbalanced = "${UNSET:-{".repeat(20_000) + "}";
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            assertThat(interpolator().interpolate(many)).isEqualTo("afoo".repeat(20_000));
            assertThat(interpolator().interpolate("${FOO:-{" + unbalanced)).isEqualTo("foo");
        });
    }

    static Stream<Arguments> containsVariablesCases() {
        return Stream.of(
                Arguments.of("", false),
                Arguments.of("plain", false),
                Arguments.of("$", false),
                Arguments.of("5$ or $1 or $ ", false),
                Arguments.of("$FOO", true),
                Arguments.of("${FOO}", true),
                Arguments.of("${", true),
                Arguments.of("$$", true),
                Arguments.of("x $_a", true));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("containsVariablesCases")
    void containsVariables_detectsExpressions(String text, boolean expected) {
        assertThat(Interpolator.containsVariables(text)).isEqualTo(expected);
    }
}
