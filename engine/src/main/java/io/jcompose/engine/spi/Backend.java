package io.jcompose.engine.spi;

import io.jcompose.planner.observed.ObservedState;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where containers run: the Docker daemon, or the built-in Linux runtime. Every operation is idempotent where that
 * makes sense ("already started", "already gone" are successes), and no Docker type crosses this interface.
 */
public interface Backend extends AutoCloseable {

    /** {@code docker} or {@code linux}. */
    String name();

    /** Everything the backend holds that is labelled with {@code project}, plus the images those need. */
    ObservedState observe(String project);

    /** Every project the backend knows of, from the labels of its containers (for {@code ls}). */
    java.util.List<ProjectSummary> projects(boolean all);

    /**
     * Streams what happens to {@code project}'s containers to {@code sink}: from {@code since} (else from now on),
     * until {@code until} or until the calling thread is interrupted, which ends the stream quietly.
     */
    void events(String project, Optional<Instant> since, Optional<Instant> until, Consumer<ContainerEvent> sink);

    /**
     * Holds off other jcompose commands that change {@code project} until closed. A daemon serialises requests
     * itself, so the default holds nothing; the built-in runtime takes a lock file.
     */
    default ProjectLock lockProject(String project) {
        return () -> { };
    }

    /** A held project lock; closing releases it. */
    interface ProjectLock extends AutoCloseable {
        @Override
        void close();
    }

    ContainerOps containers();

    NetworkOps networks();

    VolumeOps volumes();

    ImageOps images();

    @Override
    void close();
}
