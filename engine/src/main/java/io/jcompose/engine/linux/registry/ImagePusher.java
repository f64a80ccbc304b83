package io.jcompose.engine.linux.registry;

import io.jcompose.engine.linux.image.Digests;
import io.jcompose.engine.linux.image.ImageName;
import io.jcompose.engine.linux.image.ImageStore;
import io.jcompose.engine.linux.image.StoredImage;
import io.jcompose.engine.spi.RuntimeFailureException;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * Pushes a stored image to a repository: its compressed layer blobs as the store keeps them from the pull or load
 * (never recompressed, so their digests stay those of other copies of the image), a few at a time, then the config
 * blob, then the manifest under the tag; and records the manifest's digest in the store.
 */
final class ImagePusher {

    private final RegistryTransport transport;
    private final ImageStore store;
    private final BlobUploader uploader;
    private final int parallelUploads;

    ImagePusher(RegistryTransport transport, ImageStore store, int parallelUploads) {
        this.transport = transport;
        this.store = store;
        this.uploader = new BlobUploader(transport);
        this.parallelUploads = parallelUploads;
    }

    /** A layer to push: the blob, and the diff id progress lines name it by (as Docker does). */
    private record LayerBlob(String diffId, OutgoingManifest.Blob blob) {
    }

    RegistryClient.Pushed push(StoredImage image, ImageName target, RegistryEndpoint endpoint, PullProgress report)
            throws IOException, InterruptedException {
        String tag = target.tag().orElseThrow();
        List<LayerBlob> layers = layerBlobs(image, target);
        Path config = store.blobPath(image.id());
        if (!Files.isRegularFile(config)) {
            throw new RuntimeFailureException("the config blob " + image.id() + " of " + target.familiar()
                    + " is missing from the image store: pull or load the image again");
        }
        Optional<String> mountFrom = mountSource(image, target);
        // pull access to the source is asked for along with the push: one token serves every request of the push
        String scope = "repository:" + target.path() + ":pull,push"
                + mountFrom.map(from -> " repository:" + from + ":pull").orElse("");

        report.line("The push refers to repository [" + target.repository() + "]");
        pushLayers(endpoint, scope, target, layers, mountFrom, report);
        uploader.upload(endpoint, scope, target.path(), image.id(), config, mountFrom, done -> { });

        OutgoingManifest manifest = OutgoingManifest.of(image.id(), Files.size(config),
                layers.stream().map(LayerBlob::blob).toList());
        putManifest(endpoint, scope, target, tag, manifest);
        report.line(tag + ": digest: " + manifest.digest() + " size: " + manifest.body().length);
        store.addImage(store.readBlob(image.id()), image.layers(), List.of(),
                Optional.of(target.repository() + "@" + manifest.digest()));
        return new RegistryClient.Pushed(manifest.digest(), manifest.body().length);
    }

    /** The layers' blobs, checked before anything is sent: a push that would fail half-way should not start. */
    private List<LayerBlob> layerBlobs(StoredImage image, ImageName target) throws IOException {
        List<LayerBlob> layers = new ArrayList<>();
        for (StoredImage.Layer layer : image.layers()) {
            Optional<String> blob = layer.blobDigest().filter(store::hasBlob);
            if (blob.isEmpty() || layer.mediaType().filter(MediaTypes::isLayer).isEmpty()) {
                throw new RuntimeFailureException("layer " + layer.diffId() + " of " + target.familiar()
                        + " has no stored blob to push: pull or load the image again");
            }
            layers.add(new LayerBlob(layer.diffId(), new OutgoingManifest.Blob(blob.get(),
                    Files.size(store.blobPath(blob.get())), layer.mediaType().get())));
        }
        return layers;
    }

    /**
     * A repository of the target's registry the image was pulled from or pushed to: the registry can link its blobs
     * into the target without our sending them.
     */
    private static Optional<String> mountSource(StoredImage image, ImageName target) {
        for (String repoDigest : image.repoDigests()) {
            try {
                ImageName source = ImageName.parse(repoDigest);
                if (source.domain().equals(target.domain()) && !source.path().equals(target.path())) {
                    return Optional.of(source.path());
                }
            } catch (IllegalArgumentException notAName) {
                // a record from an older store format: no mount, the blobs get uploaded
            }
        }
        return Optional.empty();
    }

    /** Each distinct blob once (an image may repeat a layer), a few at a time; the first failure cancels the rest. */
    private void pushLayers(RegistryEndpoint endpoint, String scope, ImageName target, List<LayerBlob> layers,
                            Optional<String> mountFrom, PullProgress report)
            throws IOException, InterruptedException {
        Map<String, LayerBlob> distinct = new LinkedHashMap<>();
        layers.forEach(l -> distinct.putIfAbsent(l.blob().digest(), l));
        distinct.values().forEach(l -> report.layer(l.diffId(), "Preparing"));
        Semaphore slots = new Semaphore(parallelUploads);
        List<Future<?>> futures = new ArrayList<>();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (LayerBlob layer : distinct.values()) {
                futures.add(executor.submit(() -> {
                    slots.acquire();
                    try {
                        pushLayer(endpoint, scope, target, layer, mountFrom, report);
                    } finally {
                        slots.release();
                    }
                    return null;
                }));
            }
            ParallelTransfers.awaitAll(futures);
        }
    }

    private void pushLayer(RegistryEndpoint endpoint, String scope, ImageName target, LayerBlob layer,
                           Optional<String> mountFrom, PullProgress report) throws IOException {
        OutgoingManifest.Blob blob = layer.blob();
        String id = Digests.shortId(layer.diffId());
        BlobUploader.Outcome outcome = uploader.upload(endpoint, scope, target.path(), blob.digest(),
                store.blobPath(blob.digest()), mountFrom,
                done -> report.transferring(blob.digest(), id, "Pushing", done, blob.size()));
        report.layer(layer.diffId(), switch (outcome) {
            case ALREADY_EXISTS -> "Layer already exists";
            case MOUNTED -> "Mounted from " + mountFrom.orElseThrow();
            case UPLOADED -> "Pushed";
        });
    }

    private void putManifest(RegistryEndpoint endpoint, String scope, ImageName target, String tag,
                             OutgoingManifest manifest) throws IOException {
        RegistryTransport.Call put = new RegistryTransport.Call("PUT",
                endpoint.resolve(target.path() + "/manifests/" + tag), Map.of("Content-Type", manifest.mediaType()),
                HttpRequest.BodyPublishers.ofByteArray(manifest.body()), false, transport.readTimeout());
        transport.retrying(() -> {
            try (RegistryResponse response = transport.send(endpoint, scope, put)) {
                if (!response.isSuccess()) {
                    throw RegistryResponseException.of("sending the manifest to registry "
                            + endpoint.registry(), response);
                }
                Optional<String> stored = response.header("Docker-Content-Digest").filter(Digests::isValid);
                if (stored.isPresent() && !stored.get().equals(manifest.digest())) {
                    throw new IOException("registry " + endpoint.registry() + " stored the manifest of "
                            + target.familiar() + " as " + stored.get() + ", not as the " + manifest.digest()
                            + " that was sent");
                }
                return null;
            }
        });
    }
}
