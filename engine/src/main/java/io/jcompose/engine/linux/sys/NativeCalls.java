package io.jcompose.engine.linux.sys;

/**
 * Whether a system call through the FFM API should replace a helper process (mount, umount, the hybrid-cgroup
 * wrapper). In a JVM that lives on (the supervisor, an embedding program) it should: a call costs microseconds and
 * a process 5-20 ms. A command-line JVM ends with its command, and there the first bindings cost more than the
 * processes they spare (the FFM API generates their classes: some 60 ms for a container start), unless the command
 * bound native calls anyway (a pull, a build).
 */
public final class NativeCalls {

    /** The system property a command-line front end sets to {@code true}: its JVM ends with the command. */
    public static final String SHORT_LIVED = "jcompose.shortLivedJvm";

    private static volatile boolean bound;

    private NativeCalls() {
    }

    /** True unless this JVM is short-lived and has bound no native call yet. */
    public static boolean preferred() {
        return bound || !Boolean.getBoolean(SHORT_LIVED);
    }

    /** Called when libc's bindings are first used. */
    static void markBound() {
        bound = true;
    }
}
