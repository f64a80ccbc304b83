package io.jcompose.engine.linux.registry;

import io.jcompose.engine.linux.image.ImageStore;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * Downloads blobs into the image store, verified against their digest. A failed attempt leaves nothing (the store
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
        IOException foreignFailure = null;
        if (MediaTypes.isForeignLayer(blob.mediaType())) {
            for (String url : blob.urls()) {
                Optional<URI> uri = httpUri(url);
                if (uri.isEmpty()) {
                    continue;
                }
                try {
                    fetch(endpoint, scope, uri.get(), blob, progress);
                    return;
                } catch (IOException e) {
                    foreignFailure = e;
                }
            }
        }
        try {
            fetch(endpoint, scope, endpoint.resolve(path + "/blobs/" + blob.digest()), blob, progress);
        } catch (IOException e) {
            if (foreignFailure != null) {
                e.addSuppressed(foreignFailure);
            }
            throw e;
        }
    }

    private void fetch(RegistryEndpoint endpoint, String scope, URI uri, Descriptor blob, LongConsumer progress)
            throws IOException {
        transport.retrying(() -> {
            try (RegistryResponse response = transport.send(endpoint, scope,
                    RegistryTransport.Call.get(uri, Map.of(), transport.readTimeout()))) {
                if (!response.isSuccess()) {
                    throw RegistryResponseException.of("blob " + blob.digest() + " from registry "
                            + endpoint.registry(), response);
                }
                progress.accept(0);
                store.writeBlob(new MeteredStream(response.body(), blob.size(), "blob " + blob.digest(), progress),
                        Optional.of(blob.digest()));
                return null;
            }
        });
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
