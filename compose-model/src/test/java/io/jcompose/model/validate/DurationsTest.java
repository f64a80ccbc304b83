package io.jcompose.model.validate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"0,0s", "0s,0s", "10,10s", "90s,1m30s", "1h,1h0m0s", "1.5s,1.5s", "1m30s,1m30s", "500ms,500ms",
            "1.5ms,1.5ms", "1500ms,1.5s", "2us,2µs", "3µs,3µs", "4ns,4ns", "1d,24h0m0s", "1w,168h0m0s",
            "1h2m3s4ms,1h2m3.004s", ".5s,500ms", "61m,1h1m0s", "3600s,1h0m0s", "100000h,100000h0m0s"})
    void normalize_duration_printsLikeGo(String text, String expected) {
        assertThat(Durations.normalize(text)).contains(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"1.5ns1.5ns,3ns", "1s0.5s,1.5s", "0.5s1s,1.5s", "9223372036s,2562047h47m16s",
            "9223372036854775807ns,2562047h47m16.854775807s"})
    void normalize_wholeAndFractionalParts_addUpExactly(String text, String expected) {
        assertThat(Durations.normalize(text)).contains(expected);
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"9223372036854775808ns", "9223372037s", "999999999999999999h", "106752d1ns",
            "9223372036854775807ns0.5ns1ns"})
    void parse_beyondLongNanoseconds_isEmpty(String text) {
        assertThat(Durations.parse(text)).isEmpty();
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"", "soon", "5 minutes", "1x", "s", "1.2.3s", "-", "h1"})
    void parse_invalid_isEmpty(String text) {
        assertThat(Durations.parse(text)).isEmpty();
    }
}
