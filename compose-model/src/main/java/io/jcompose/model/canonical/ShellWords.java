package io.jcompose.model.canonical;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Splits a command string into words the way docker compose does (go-shellwords, without expansion): quotes
 * group, a backslash escapes the next character (inside double quotes too), nothing is expanded, and an unquoted
 * {@code ;}, {@code &}, {@code |}, {@code <} or {@code >} ends the command, the rest being ignored. This is how
 * {@code command: echo "a b"} becomes {@code [echo, a b]}.
 */
public final class ShellWords {

    private ShellWords() {
    }

    /** The words, or empty when a quote is left open or a parenthesis is out of place. */
    public static Optional<List<String>> split(String line) {
        return new Scanner().scan(line);
    }

    /** One pass over a line; the flags mirror go-shellwords' state. */
    private static final class Scanner {
        private final List<String> words = new ArrayList<>();
        private final StringBuilder word = new StringBuilder();
        private boolean inWord;
        private boolean escaped;
        private boolean doubleQuoted;
        private boolean singleQuoted;
        private boolean backQuoted;
        private boolean dollarQuoted;

        Optional<List<String>> scan(String line) {
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (escaped) {
                    append(c);
                    escaped = false;
                } else if (c == '\\') {
                    if (singleQuoted) {
                        word.append(c);
                    } else {
                        escaped = true;
                    }
                } else if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                    if (quoted()) {
                        word.append(c);
                    } else {
                        endWord();
                    }
                } else if (!special(c)) {
                    if (stops(c)) {
                        break;
                    }
                    append(c);
                }
            }
            if (escaped || quoted()) {
                return Optional.empty();
            }
            endWord();
            return invalid ? Optional.empty() : Optional.of(words);
        }

        private boolean invalid;

        /** Handles a quote or parenthesis; true when the character is consumed. */
        private boolean special(char c) {
            switch (c) {
                case '`' -> {
                    if (!singleQuoted && !doubleQuoted && !dollarQuoted) {
                        backQuoted = !backQuoted;
                    }
                    return false;
                }
                case ')' -> {
                    if (!singleQuoted && !doubleQuoted && !backQuoted) {
                        dollarQuoted = !dollarQuoted;
                    }
                    return false;
                }
                case '(' -> {
                    if (!singleQuoted && !doubleQuoted && !backQuoted) {
                        if (!dollarQuoted && word.length() > 0 && word.charAt(word.length() - 1) == '$') {
                            dollarQuoted = true;
                            word.append(c);
                            return true;
                        }
                        invalid = true;
                    }
                    return false;
                }
                case '"' -> {
                    if (!singleQuoted && !dollarQuoted) {
                        toggleQuote(doubleQuoted);
                        doubleQuoted = !doubleQuoted;
                        return true;
                    }
                    return false;
                }
                case '\'' -> {
                    if (!doubleQuoted && !dollarQuoted) {
                        toggleQuote(singleQuoted);
                        singleQuoted = !singleQuoted;
                        return true;
                    }
                    return false;
                }
                default -> {
                    return false;
                }
            }
        }

        /** A closing quote makes a word even when nothing was inside ({@code ''} is an empty argument). */
        private void toggleQuote(boolean closing) {
            if (closing) {
                inWord = true;
            }
        }

        private boolean stops(char c) {
            if (";&|<>".indexOf(c) < 0 || quoted()) {
                return false;
            }
            if (c == '>' && word.length() > 0 && Character.isDigit(word.charAt(0))) {
                // "2>file": the file descriptor goes with the redirection
                word.setLength(0);
                inWord = false;
            }
            return true;
        }

        private boolean quoted() {
            return singleQuoted || doubleQuoted || backQuoted || dollarQuoted;
        }

        private void append(char c) {
            word.append(c);
            inWord = true;
        }

        private void endWord() {
            if (inWord || word.length() > 0) {
                words.add(word.toString());
            }
            word.setLength(0);
            inWord = false;
        }
    }
}
