package io.jcompose.engine.linux.build.dockerfile;

import java.util.ArrayList;
import java.util.List;

/**
 * How Docker cuts an instruction's text into words before expanding them: on whitespace outside quotes for ENV,
 * LABEL and ARG (quotes and escapes stay in the words, for {@link WordExpander} to take out), and on any whitespace
 * for the instructions that take plain lists (FROM, EXPOSE, COPY, ADD and VOLUME's shell forms).
 */
public final class Words {

    private Words() {
    }

    /**
     * The words of {@code text} split on whitespace that is not quoted or escaped; the quotes and escape characters
     * are kept. An escape character ends nothing inside single quotes, as in the shell.
     */
    public static List<String> split(String text, char escape) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (quote == 0 && isSpace(ch)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                continue;
            }
            inWord = true;
            if (quote == '\'') {
                if (ch == '\'') {
                    quote = 0;
                }
                word.append(ch);
                continue;
            }
            if (ch == escape) {
                if (i + 1 == text.length()) {
                    continue; // a lone escape at the end escapes nothing
                }
                word.append(ch).append(text.charAt(++i));
                continue;
            }
            if (quote == 0 && (ch == '\'' || ch == '"')) {
                quote = ch;
            } else if (ch == quote) {
                quote = 0;
            }
            word.append(ch);
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    /** The words of {@code text} between runs of whitespace, quotes meaning nothing. */
    public static List<String> splitOnWhitespace(String text) {
        List<String> words = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            while (i < text.length() && isSpace(text.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < text.length() && !isSpace(text.charAt(i))) {
                i++;
            }
            if (i > start) {
                words.add(text.substring(start, i));
            }
        }
        return words;
    }

    static boolean isSpace(char ch) {
        return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n' || ch == '\f' || ch == '\u000B';
    }
}
