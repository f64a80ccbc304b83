package io.jcompose.engine.linux.build.dockerfile;

import java.util.Optional;

/**
 * A {@code RUN --mount=}: what is mounted where for that one command. Paths and ids are as written, unexpanded.
 */
public sealed interface Mount {

    /** The directory the mount appears at in the container, when it has one. */
    Optional<String> target();

    /** {@code type=bind}: a directory of the context or of another stage or image, read-only unless {@code rw}. */
    record Bind(String path, Optional<String> source, Optional<String> from, boolean readWrite) implements Mount {
        @Override
        public Optional<String> target() {
            return Optional.of(path);
        }
    }

    /** {@code type=cache}: a directory kept between builds under {@code id} (the target when not given). */
    record Cache(String path, String id, Sharing sharing, Optional<String> from, Optional<String> source,
            boolean readOnly, int mode, int uid, int gid) implements Mount {
        @Override
        public Optional<String> target() {
            return Optional.of(path);
        }
    }

    /** {@code type=tmpfs}: an empty in-memory directory. */
    record Tmpfs(String path, Optional<Long> sizeBytes) implements Mount {
        @Override
        public Optional<String> target() {
            return Optional.of(path);
        }
    }

    /**
     * {@code type=secret}: a build secret as a file ({@code target}, {@code /run/secrets/<id>} unless it goes to an
     * environment variable only) and/or an environment variable ({@code env}).
     */
    record Secret(String id, Optional<String> target, Optional<String> env, boolean required, int mode, int uid,
            int gid) implements Mount {
    }

    /** {@code type=ssh}: an SSH agent socket; the target, when not given, is chosen by the executor. */
    record Ssh(String id, Optional<String> target, boolean required, int mode, int uid, int gid) implements Mount {
    }

    /** How concurrent builds share a cache mount. */
    enum Sharing {
        SHARED, PRIVATE, LOCKED
    }
}
