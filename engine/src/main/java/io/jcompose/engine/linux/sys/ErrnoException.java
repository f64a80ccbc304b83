package io.jcompose.engine.linux.sys;

import java.io.IOException;

/** A libc call that failed: the call, what it was applied to, the errno and the system's text for it. */
public final class ErrnoException extends IOException {

    /** errno values the callers of this package tell apart. */
    public static final int EPERM = 1;
    public static final int ENOENT = 2;
    public static final int EEXIST = 17;
    public static final int EINVAL = 22;
    public static final int ERANGE = 34;
    public static final int ENODATA = 61;
    public static final int ENOTSUP = 95;

    private final int errno;

    ErrnoException(String call, String subject, int errno, String text) {
        super(call + "(" + subject + "): " + text + " (errno " + errno + ")");
        this.errno = errno;
    }

    public int errno() {
        return errno;
    }
}
