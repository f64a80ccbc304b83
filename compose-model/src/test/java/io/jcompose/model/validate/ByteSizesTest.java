package io.jcompose.model.validate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Binary multiples, as docker's RAMInBytes reads them. */
class ByteSizesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"512,512", "-1,-1", "1k,1024", "1K,1024", "1kb,1024", "1KiB,1024", "512m,536870912",
            "1.5g,1610612736", "2 gb,2147483648", "1t,1099511627776", "64M,67108864", "0,0"})
    void parse_size_inBytes(String text, long bytes) {
        assertThat(ByteSizes.parse(text)).contains(bytes);
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"", "lots", "1x", "m", "1..5m"})
    void parse_invalid_isEmpty(String text) {
        assertThat(ByteSizes.parse(text)).isEmpty();
    }
}
