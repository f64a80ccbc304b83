package io.jcompose.engine.linux.image;

import java.io.IOException;

/** Content whose digest is not the one it was announced with: rejected, nothing of it kept. */
public final class DigestMismatchException extends IOException {

    public DigestMismatchException(String expected, String actual) {
        super("content digest mismatch: expected " + expected + ", got " + actual + " (the download was corrupted"
                + " or the registry is serving something else; nothing of it was kept)");
    }
}
