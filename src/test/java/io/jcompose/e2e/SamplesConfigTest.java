package io.jcompose.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcompose.cli.Jcompose;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden {@code jcompose config} output of every sample: {@code src/test/resources/samples/<sample>.yaml}, with
 * {@code ${SAMPLES}} standing for the samples directory. {@code -Dgolden.update=true} rewrites them.
 */
class SamplesConfigTest {

    private static final Path REPO = Path.of(System.getProperty("jcompose.repo", "../..")).toAbsolutePath().normalize();
    private static final Path SAMPLES = REPO.resolve("samples");
    private static final Path GOLDEN = REPO.resolve("src/test/resources/samples");

    static Stream<String> samples() throws IOException {
        try (Stream<Path> dirs = Files.list(SAMPLES)) {
            return dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString()).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("samples")
    void config_matchesGolden(String sample) throws IOException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Jcompose.run(new PrintWriter(out), new PrintWriter(err), new ByteArrayInputStream(new byte[0]),
                Map.of("HOME", "/root"), SAMPLES.resolve(sample), "config");
        assertThat(err.toString()).isEmpty();
        assertThat(code).isZero();
        String actual = out.toString().replace(SAMPLES.toString(), "${SAMPLES}");
        Path golden = GOLDEN.resolve(sample + ".yaml");
        if (Boolean.getBoolean("golden.update") || !Files.exists(golden)) {
            Files.writeString(golden, actual);
        }
        assertThat(actual).as("config of samples/%s (rewrite with -Dgolden.update=true)", sample)
                .isEqualTo(Files.readString(golden));
    }
}
