package io.jcompose.model.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.jcompose.model.source.ComposeFileException;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each {@code errors/<case>.yaml} fails to load with exactly the lines of {@code errors/<case>.err}. Run with
 * {@code -Derrors.update=true} to rewrite the {@code .err} files from what the loader says (then review the diff).
 */
class ErrorMessagesTest {

    /** {@code file:line:col: key.path: message}, the message in lower case without a final period. */
    private static final Pattern LINE = Pattern.compile(
            "[^:\\s]+:\\d+:\\d+: (\\S+: )?[a-z\"].*[^.\\s]");
    private static final Pattern LEAKS = Pattern.compile(
            "\\b(java|javax|jdk|org\\.snakeyaml|com\\.fasterxml)\\.|Exception|\\bat [a-z]+\\.[a-zA-Z.]+\\(");

    static Stream<String> cases() throws IOException, URISyntaxException {
        try (Stream<Path> files = Files.list(directory())) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml"))
                    .map(n -> n.substring(0, n.length() - ".yaml".length())).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void load_invalidFile_failsWithExactMessages(String name) throws Exception {
        Path dir = directory();
        LoadOptions options = LoadOptions.in(dir).withEnvironment(Map.of())
                .withFiles(List.of(name + ".yaml")).withProjectName("errors");

        Throwable thrown = catchLoad(options);

        assertThat(thrown).as("%s.yaml must fail to load", name).isInstanceOf(ComposeFileException.class);
        String actual = thrown.getMessage();
        Path expectedFile = source().resolve(name + ".err");
        if (Boolean.getBoolean("errors.update")) {
            Files.writeString(expectedFile, actual + "\n");
        }
        if (!Files.exists(expectedFile)) {
            fail("missing %s; the loader says:%n%s", expectedFile, actual);
        }
        assertThat(actual).isEqualTo(Files.readString(expectedFile).stripTrailing());
        for (String line : actual.split("\n")) {
            assertThat(line).as("one problem per line as file:line:col: key.path: message").matches(LINE);
            assertThat(line).as("no Java internals in messages").doesNotContainPattern(LEAKS);
        }
    }

    private static Throwable catchLoad(LoadOptions options) {
        try {
            ProjectLoader.load(options);
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }

    private static Path directory() throws URISyntaxException {
        return Path.of(ErrorMessagesTest.class.getResource("/errors").toURI());
    }

    /** The source folder, so that an update lands where it is reviewed and committed. */
    private static Path source() throws URISyntaxException {
        Path classes = directory();
        Path module = classes.getParent().getParent().getParent();
        Path src = module.resolve("src/test/resources/errors");
        return Files.isDirectory(src) ? src : classes;
    }

    @SuppressWarnings("unused")
    private static void unused() {
        assertThatThrownBy(() -> { });
    }
}
