package io.jcompose.e2e;

import io.jcompose.engine.linux.image.ImageStore;
import io.jcompose.engine.linux.image.StoredImage;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the builder's end-to-end tests share: the default store, image names unique to the test ({@link #tag}),
 * and the removal of the images the test made, with their build steps, and of those only (the store is shared).
 */
abstract class OnBuiltInBuilder extends OnBuiltInRuntime {

    @TempDir
    Path dir;

    final ImageStore store = new ImageStore(LinuxProjectRun.LAYOUT);
    final String tag;
    final TestImages images;

    OnBuiltInBuilder(String prefix) {
        this.tag = prefix + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        this.images = new TestImages(store, tag);
    }

    @AfterEach
    void removeImages() {
        images.removeAll(new LinuxProjectRun(dir));
    }

    static long count(String text, String what) {
        return Stream.of(text.split("\n")).filter(l -> l.contains(what)).count();
    }

    /** The stored image of that name, remembered so that its removal takes it along even once renamed. */
    StoredImage image(String name) {
        return images.remember(name);
    }
}
