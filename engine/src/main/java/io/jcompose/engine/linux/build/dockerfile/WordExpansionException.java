package io.jcompose.engine.linux.build.dockerfile;

/** A word {@link WordExpander} cannot expand: an unclosed quote or brace, a bad substitution, a {@code ${X?}} unset. */
public final class WordExpansionException extends RuntimeException {

    public WordExpansionException(String message) {
        super(message);
    }
}
