package io.jcompose.cli;

/** A flag combination or argument that the command cannot take; printed as one line, exit code 16. */
public final class UsageException extends RuntimeException {

    public UsageException(String message) {
        super(message, null, false, false);
    }
}
