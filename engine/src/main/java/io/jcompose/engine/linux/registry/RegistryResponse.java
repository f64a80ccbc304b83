package io.jcompose.engine.linux.registry;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.util.Optional;

/** A registry's answer with its body still to read (or close): where it came from after redirects, status, headers. */
record RegistryResponse(URI uri, int status, HttpHeaders headers, InputStream body) implements AutoCloseable {

    Optional<String> header(String name) {
        return headers.firstValue(name);
    }

    boolean isSuccess() {
        return status / 100 == 2;
    }

    @Override
    public void close() throws IOException {
        body.close();
    }
}
