package io.jcompose.engine.spi;

import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Container lifecycle, inspection, logs, exec, attach, and copying files in and out as tar streams. */
public interface ContainerOps {

    /** Creates a container and returns its id; a name already taken is a {@link ConflictException}. */
    String create(ContainerSpec spec);

    /** Starts it; already running is a success. */
    void start(String nameOrId);

    /** Stops it (signal, then kill after {@code timeout}); not running is a success. */
    void stop(String nameOrId, Duration timeout);

    void kill(String nameOrId, String signal);

    /** Removes it (with its anonymous volumes when {@code volumes}); already gone is a success. */
    void remove(String nameOrId, boolean force, boolean volumes);

    void rename(String nameOrId, String newName);

    void pause(String nameOrId);

    void unpause(String nameOrId);

    Optional<ContainerInfo> inspect(String nameOrId);

    /** Blocks until the container exits and returns its exit code. */
    int waitForExit(String nameOrId);

    /** Streams its logs to {@code sink} until the end (or, with {@code follow}, until the container stops). */
    void logs(String nameOrId, LogOptions options, LogSink sink);

    /** Runs a command in a running container and returns its exit code. */
    int exec(String nameOrId, ExecSpec spec, StdStreams streams);

    /** Attaches to a created container's output (and input when {@code streams} has one) until it exits. */
    int attach(String nameOrId, StdStreams streams);

    /**
     * Attaches to a created container and only then starts it, so that neither its first output nor the input meant
     * for it is lost however fast it runs; returns its exit code once it has exited.
     */
    int startAttached(String nameOrId, StdStreams streams);

    /** What is at {@code path} in the container, a link not followed; empty when nothing is there. */
    Optional<PathStat> stat(String nameOrId, String path);

    /**
     * {@code path} of the container as a tar stream whose top entry is named after the path's last element (a
     * directory's content below it); the caller closes it. Nothing at {@code path} is a {@link NotFoundException}.
     */
    InputStream copyFrom(String nameOrId, String path);

    /**
     * Extracts {@code tar} into {@code directory}, which must exist in the container; with {@code keepOwners} the
     * files keep the tar's user and group ids, else they belong to the container's root user.
     */
    void copyTo(String nameOrId, String directory, InputStream tar, boolean keepOwners);

    void connect(String nameOrId, String network, EndpointSpec endpoint);

    void disconnect(String nameOrId, String network);

    /** The processes running in it: a header row and one row per process, as {@code ps} prints them. */
    List<List<String>> top(String nameOrId);

    /** Options of {@link #logs}. */
    record LogOptions(boolean follow, boolean timestamps, Optional<Integer> tail, Optional<Instant> since,
                      Optional<Instant> until) {
    }

    /** A path in a container: its last element, size, permission bits, whether a directory, and a link's target. */
    record PathStat(String name, long size, int mode, boolean directory, Optional<String> linkTarget) {
    }

    /** Receives log lines; {@code stderr} tells which stream a line came from. */
    interface LogSink {
        void line(String text, boolean stderr);
    }
}
