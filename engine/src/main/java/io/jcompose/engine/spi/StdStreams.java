package io.jcompose.engine.spi;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;

/** Where an exec or attach reads input from and writes output to. */
public record StdStreams(Optional<InputStream> in, OutputStream out, OutputStream err) {
}
