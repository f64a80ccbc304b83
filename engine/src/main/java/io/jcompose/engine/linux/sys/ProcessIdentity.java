package io.jcompose.engine.linux.sys;

/** Who this process acts as: the built-in runtime needs root, and tests skip what only root can do. */
public final class ProcessIdentity {

    private ProcessIdentity() {
    }

    public static int effectiveUid() {
        try {
            return (int) LibC.Geteuid.HANDLE.invokeExact();
        } catch (Throwable t) {
            throw LibC.unexpected(t);
        }
    }

    public static boolean isRoot() {
        return effectiveUid() == 0;
    }
}
