package io.jcompose.engine.linux.build.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Splitting into words, and the smaller helpers of the parser. */
class WordsTest {

    @Test
    void split_keepsQuotedAndEscapedWhitespaceAndTheQuotes() {
        assertThat(Words.split("  a=1 b=\"x y\" c='p q' d=e\\ f g=\"q\\\"r s\"  ", '\\'))
                .containsExactly("a=1", "b=\"x y\"", "c='p q'", "d=e\\ f", "g=\"q\\\"r s\"");
        assertThat(Words.split("a='x\\' b", '\\')).as("no escape inside single quotes").containsExactly("a='x\\'", "b");
        assertThat(Words.split("a=x`  b c", '`')).containsExactly("a=x` ", "b", "c");
        assertThat(Words.split("a\\", '\\')).containsExactly("a");
        assertThat(Words.split(" \t ", '\\')).isEmpty();
    }

    @Test
    void splitOnWhitespace_ignoresQuotes() {
        assertThat(Words.splitOnWhitespace(" \"a b\"\t c ")).containsExactly("\"a", "b\"", "c");
    }

    @Test
    void goDurations() {
        assertThat(GoDuration.parse("1h2m3.5s")).contains(Duration.ofSeconds(3723, 500_000_000));
        assertThat(GoDuration.parse("250ms")).contains(Duration.ofMillis(250));
        assertThat(GoDuration.parse("1.5m")).contains(Duration.ofSeconds(90));
        assertThat(GoDuration.parse("10us")).contains(Duration.ofNanos(10_000));
        assertThat(GoDuration.parse("0")).contains(Duration.ZERO);
        assertThat(GoDuration.parse("-2s")).contains(Duration.ofSeconds(-2));
        assertThat(GoDuration.parse("10")).isEmpty();
        assertThat(GoDuration.parse("s")).isEmpty();
        assertThat(GoDuration.parse("1d")).isEmpty();
        assertThat(GoDuration.parse("1..2s")).isEmpty();
        assertThat(GoDuration.parse("")).isEmpty();
    }

    @Test
    void suggestions_nearEnoughOnly() {
        assertThat(Suggestions.didYouMean("ENTRYPONT", InstructionParser.KEYWORDS, "")).isEqualTo(
                " (did you mean ENTRYPOINT?)");
        assertThat(Suggestions.didYouMean("RNU", InstructionParser.KEYWORDS, "")).isEqualTo(" (did you mean RUN?)");
        assertThat(Suggestions.didYouMean("XYZ", InstructionParser.KEYWORDS, "")).isEmpty();
        assertThat(Suggestions.distance("abc", "acb")).isEqualTo(1);
    }
}
