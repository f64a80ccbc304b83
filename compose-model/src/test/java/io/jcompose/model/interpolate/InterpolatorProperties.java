package io.jcompose.model.interpolate;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcompose.model.source.InterpolationException;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class InterpolatorProperties {

    private static final Map<String, String> ENV = Map.of("a", "1", "B", "", "_c", "${a}", "Zz9", "$$");

    private static Interpolator interpolator() {
        return new Interpolator(name -> Optional.ofNullable(ENV.get(name)));
    }

    /** Strings built mostly from the characters that matter to the syntax, so that expressions actually form. */
    @Provide
    Arbitrary<String> templateLike() {
        return Arbitraries.strings().withChars("${}:-+?aBZ_9 \n{}$").ofMaxLength(60);
    }

    @Property(tries = 3000)
    void interpolate_templateLikeStrings_succeedOrThrowInterpolationException(@ForAll("templateLike") String text) {
        assertOnlyInterpolationFailures(text);
    }

    @Property(tries = 1000)
    void interpolate_arbitraryStrings_succeedOrThrowInterpolationException(@ForAll String text) {
        assertOnlyInterpolationFailures(text);
    }

    @Property(tries = 1000)
    void interpolate_stringsWithoutDollar_comeBackUnchanged(@ForAll String text) {
        String plain = text.replace("$", "");
        assertThat(interpolator().interpolate(plain)).isEqualTo(plain);
    }

    @Property(tries = 1000)
    void interpolate_escapedDollars_roundTrip(@ForAll("templateLike") String text) {
        assertThat(interpolator().interpolate(text.replace("$", "$$"))).isEqualTo(text);
    }

    @Property(tries = 1000)
    void interpolate_escapedArbitraryStrings_roundTrip(@ForAll String text) {
        assertThat(interpolator().interpolate(text.replace("$", "$$"))).isEqualTo(text);
    }

    @Property(tries = 500)
    void interpolate_defaultOfUnsetVariable_isTheEscapedDefault(@ForAll("templateLike") String text) {
        String literal = text.replace("\n", "").replace("{", "").replace("}", "");
        String template = "${UNSET:-" + literal.replace("$", "$$") + "}";
        assertThat(interpolator().interpolate(template)).isEqualTo(literal);
    }

    private static void assertOnlyInterpolationFailures(String text) {
        try {
            String result = interpolator().interpolate(text);
            assertThat(result).isNotNull();
        } catch (InterpolationException e) {
            assertThat(e.problems()).hasSize(1);
            assertThat(e.problems().getFirst().message()).isNotBlank();
        }
    }
}
