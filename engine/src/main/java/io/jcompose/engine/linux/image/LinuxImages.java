package io.jcompose.engine.linux.image;

import io.jcompose.engine.spi.ConflictException;
import io.jcompose.engine.spi.ImageOps;
import io.jcompose.engine.spi.NotFoundException;
import io.jcompose.engine.spi.RuntimeFailureException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/** Image operations of the built-in runtime over its own store: inspect, pull from a registry, build, remove. */
public final class LinuxImages implements ImageOps {

    /** Pulls an image into the store (the registry client). */
    public interface Puller {
        StoredImage pull(ImageName name, Consumer<String> progress);
    }

    /** Pushes a stored image to a registry under a name. */
    public interface Pusher {
        void push(StoredImage image, ImageName name, Consumer<String> progress);
    }

    /** Builds an image from a Dockerfile into the store (the built-in builder). */
    public interface Builder {
        StoredImage build(BuildSpec spec, Consumer<String> progress);
    }

    private final ImageStore store;
    private final Puller puller;
    private final Pusher pusher;
    private final Builder builder;
    private final Function<String, List<String>> usersOfImage;

    /** {@code usersOfImage} gives the containers created from an image id (they keep it from removal). */
    public LinuxImages(ImageStore store, Puller puller, Pusher pusher, Builder builder,
                       Function<String, List<String>> usersOfImage) {
        this.store = store;
        this.puller = puller;
        this.pusher = pusher;
        this.builder = builder;
        this.usersOfImage = usersOfImage;
    }

    public ImageStore store() {
        return store;
    }

    @Override
    public Optional<ImageInfo> inspect(String reference) {
        return store.find(reference).map(LinuxImages::info);
    }

    static ImageInfo info(StoredImage image) {
        return new ImageInfo(image.id(), image.repoTags().stream().map(t -> ImageName.parse(t).familiar()).toList(),
                image.size(), image.config().labels());
    }

    @Override
    public void pull(String reference, Consumer<String> progress) {
        ImageName name;
        try {
            name = ImageName.parse(reference);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException(e.getMessage());
        }
        puller.pull(name, progress);
    }

    @Override
    public void build(BuildSpec spec, Consumer<String> progress) {
        builder.build(spec, progress);
    }

    @Override
    public void remove(String reference, boolean force) {
        Optional<StoredImage> found = store.find(reference);
        if (found.isEmpty()) {
            return;
        }
        StoredImage image = found.get();
        try {
            boolean byName = !reference.startsWith("sha256:") && !image.id().substring(7).startsWith(reference);
            if (byName && image.repoTags().size() > 1) {
                // one of several names: only that name goes, as with docker rmi
                store.untag(ImageName.parse(reference));
                return;
            }
            List<String> users = usersOfImage.apply(image.id());
            if (!users.isEmpty() && !force) {
                throw new ConflictException(byName
                        ? "conflict: unable to remove repository reference \"" + reference + "\" (must force) -"
                        + " container " + users.getFirst().substring(0, 12) + " is using its referenced image "
                        + Digests.shortId(image.id())
                        : "conflict: unable to delete " + Digests.shortId(image.id()) + " (must be forced) - image"
                        + " is being used by container " + users.getFirst().substring(0, 12));
            }
            if (!users.isEmpty()) {
                // forced while in use: the names go, the image stays for the containers that run it
                for (String tag : image.repoTags()) {
                    store.untag(ImageName.parse(tag));
                }
                return;
            }
            // the untagged build steps under it go too when nothing else needs them, as docker rmi prunes parents
            ImageGraph graph = ImageGraph.of(store.list());
            Set<String> used = new HashSet<>();
            for (StoredImage candidate : graph.withUntaggedParents(List.of(image), Set.of())) {
                if (!candidate.id().equals(image.id()) && !usersOfImage.apply(candidate.id()).isEmpty()) {
                    used.add(candidate.id());
                }
            }
            for (StoredImage gone : graph.withUntaggedParents(List.of(image), used)) {
                store.removeImage(gone.id());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void push(String reference, Consumer<String> progress) {
        StoredImage image = store.find(reference).orElseThrow(() -> new NotFoundException("An image does not exist"
                + " locally with the tag: " + reference));
        try {
            pusher.push(image, ImageName.parse(reference), progress);
        } catch (IllegalArgumentException e) {
            throw new RuntimeFailureException(e.getMessage());
        }
    }
}
