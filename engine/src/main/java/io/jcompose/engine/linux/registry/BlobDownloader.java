package io.jcompose.engine.linux.registry;

import io.jcompose.engine.linux.image.DigestMismatchException;
import io.jcompose.engine.linux.image.ImageStore;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * Downloads blobs into the image store, verified against their digest, or hands their bodies to a reader that
 * takes them as they arrive (a layer unpacked while it downloads). A failed attempt leaves nothing (the store
 * writes to scratch space and renames when the digest matched) and the next attempt starts the blob over.
 */
final class BlobDownloader {

    private final RegistryTransport transport;
    private final ImageStore store;

    BlobDownloader(RegistryTransport transport, ImageStore store) {
        this.transport = transport;
        this.store = store;
    }

    /**
     * Brings blob {@code blob} of repository {@code path} into the store. Foreign layers come from their
     * {@code urls} first (the registry need not have them), then from the registry.
     */
    void download(RegistryEndpoint endpoint, String scope, String path, Descriptor blob, LongConsumer progress)
            throws IOException {
        stream(endpoint, scope, path, blob, progress, body -> store.writeBlob(body, Optional.of(blob.digest())));
    }

    /** What reads a blob's body; it may run again, from a new body, after a transient failure. */
    @FunctionalInterface
    interface BodyReader<T> {
        T read(InputStream body) throws IOException;
    }

    /**
     * Hands the body of blob {@code blob} to {@code reader}, from its {@code urls} first for a foreign layer, and
     * returns what the reader made of it; an attempt that fails on the way (the connection, a stall) is repeated.
     */
    <T> T stream(RegistryEndpoint endpoint, String scope, String path, Descriptor blob, LongConsumer progress,
                 BodyReader<T> reader) throws IOException {
        IOException foreignFailure = null;
        if (MediaTypes.isForeignLayer(blob.mediaType())) {
            for (String url : blob.urls()) {
                Optional<URI> uri = httpUri(url);
                if (uri.isEmpty()) {
                    continue;
                }
                try {
                    return fetch(endpoint, scope, uri.get(), blob, progress, reader);
                } catch (IOException e) {
                    foreignFailure = e;
                }
            }
        }
        try {
            return fetch(endpoint, scope, endpoint.resolve(path + "/blobs/" + blob.digest()), blob, progress,
                    reader);
        } catch (IOException e) {
            if (foreignFailure != null) {
                e.addSuppressed(foreignFailure);
            }
            throw e;
        }
    }

    private <T> T fetch(RegistryEndpoint endpoint, String scope, URI uri, Descriptor blob, LongConsumer progress,
                        BodyReader<T> reader) throws IOException {
        return transport.retrying(() -> {
            try (RegistryResponse response = transport.send(endpoint, scope,
                    RegistryTransport.Call.get(uri, Map.of(), transport.readTimeout()))) {
                if (!response.isSuccess()) {
                    throw RegistryResponseException.of("blob " + blob.digest() + " from registry "
                            + endpoint.registry(), response);
                }
                progress.accept(0);
                try {
                    return reader.read(new MeteredStream(response.body(), blob.size(), "blob " + blob.digest(),
                            progress));
                } catch (IOException e) {
                    throw cause(e);
                }
            }
        });
    }

    /**
     * A reader that wraps what it read in an error of its own (the unpacker names the entry it was at) still shows
     * a failed transfer as one, to be retried, and a corrupt blob as a digest mismatch.
     */
    private static IOException cause(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RegistryTransferException || t instanceof DigestMismatchException) {
                return (IOException) t;
            }
        }
        return e;
    }

    private static Optional<URI> httpUri(String url) {
        try {
            URI uri = URI.create(url);
            return uri.getScheme() != null && uri.getScheme().matches("https?") && uri.getHost() != null
                    ? Optional.of(uri) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
