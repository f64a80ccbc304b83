package io.jcompose.engine.linux.build.dockerfile;

import java.util.Collection;
import java.util.Locale;

/** The "did you mean" of a message: the known word nearest to a misspelt one, when it is near enough. */
final class Suggestions {

    private Suggestions() {
    }

    /** {@code " (did you mean PREFIX+word?)"} for the closest candidate within two edits, or an empty string. */
    static String didYouMean(String word, Collection<String> candidates, String prefix) {
        String lower = word.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int d = distance(lower, candidate.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        // a short word is near everything: two edits of three letters is another word, not a typo
        int limit = Math.min(2, Math.max(1, lower.length() / 3));
        return best != null && bestDistance <= limit ? " (did you mean " + prefix + best + "?)" : "";
    }

    /** Levenshtein distance, with a swap of two neighbours counted as one edit, the commonest typo. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
