package io.jcompose.model.canonical;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoPathsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"/data/,/data", "/a//b,/a/b", "/a/./b,/a/b", "/a/b/..,/a", "/..,/", "/,/", "a/..,.", "../a,../a",
            "a/../../b,../b", "./x,x", "C:\\data,C:\\data", "/a/b/../../c/,/c"})
    void clean_path_likeGo(String path, String expected) {
        assertThat(GoPaths.clean(path)).isEqualTo(expected);
    }
}
