package io.jcompose.engine.spi;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** Images: what is local, pulling, building, removing, pushing. */
public interface ImageOps {

    Optional<ImageInfo> inspect(String reference);

    /** Pulls it; {@code progress} receives one line per status change. A missing image is a NotFoundException. */
    void pull(String reference, Consumer<String> progress);

    /** Builds it from a context directory; a failing step is a {@link BuildFailedException}. */
    void build(BuildSpec spec, Consumer<String> progress);

    /** Removes it; not there is a success, in use is a {@link ConflictException} unless {@code force}. */
    void remove(String reference, boolean force);

    void push(String reference, Consumer<String> progress);

    /** A local image. */
    record ImageInfo(String id, List<String> tags, long size, Map<String, String> labels) {
    }

    /** A build: context directory, Dockerfile (relative to it) or inline text, and the options compose has. */
    record BuildSpec(Path context, String dockerfile, Optional<String> dockerfileInline, List<String> tags,
                     Map<String, String> args, Optional<String> target, Map<String, String> labels,
                     boolean noCache, boolean pull, Optional<String> network, List<String> extraHosts,
                     Optional<Long> shmSize) {
    }
}
