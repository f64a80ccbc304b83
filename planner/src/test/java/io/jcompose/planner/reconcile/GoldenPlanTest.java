package io.jcompose.planner.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import io.jcompose.planner.PlanException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Plans every case under {@code src/test/resources/plans} and compares it with the case's {@code plan.txt} (a
 * {@code PlanException} is compared as {@code error: message}). On a mismatch the test prints a line diff; run with
 * {@code -Dgolden.update=true} to rewrite the files, then review their diff like code.
 */
class GoldenPlanTest {

    private static final Path CASES = Path.of("src/test/resources/plans");
    private static final boolean UPDATE = Boolean.getBoolean("golden.update");

    static Stream<GoldenCase> cases() throws IOException {
        try (Stream<Path> dirs = Files.list(CASES)) {
            return dirs.filter(Files::isDirectory).sorted().map(GoldenCase::new).toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void plan_matchesGolden(GoldenCase golden) throws IOException {
        String actual = render(golden);
        Path expectedFile = golden.dir().resolve("plan.txt");
        if (UPDATE) {
            Files.writeString(expectedFile, actual);
            return;
        }
        String expected = golden.read("plan.txt").orElse("");
        if (!expected.equals(actual)) {
            fail("plan of " + golden + " differs from plan.txt (rerun with -Dgolden.update=true to accept):\n"
                    + diff(expected, actual));
        }
        assertThat(actual).isEqualTo(expected);
    }

    private static String render(GoldenCase golden) {
        try {
            return golden.plan().toString();
        } catch (PlanException e) {
            return "error: " + e.getMessage() + "\n";
        }
    }

    /** A plain line diff: {@code -} expected only, {@code +} actual only, from a longest common subsequence. */
    static String diff(String expected, String actual) {
        List<String> a = expected.lines().toList();
        List<String> b = actual.lines().toList();
        int[][] lcs = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<String> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
                out.add("  " + a.get(i++));
                j++;
            } else if (j < b.size() && (i == a.size() || lcs[i][j + 1] >= lcs[i + 1][j])) {
                out.add("+ " + b.get(j++));
            } else {
                out.add("- " + a.get(i++));
            }
        }
        return String.join("\n", out);
    }
}
