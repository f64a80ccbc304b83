package io.jcompose.engine.spi;

import io.jcompose.planner.observed.ObservedState;

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

    ContainerOps containers();

    NetworkOps networks();

    VolumeOps volumes();

    ImageOps images();

    @Override
    void close();
}
