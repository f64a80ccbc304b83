package io.jcompose.engine.linux.image;

import io.jcompose.engine.linux.sys.ErrnoException;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;

/** The file system of the store ran out of space (or quota) while something was written into it. */
public final class StoreFullException extends IOException {

    private static final int ENOSPC = 28;
    private static final int EDQUOT = 122;

    private final Path root;

    private StoreFullException(Path root, IOException cause) {
        super("no space left on device in " + root, cause);
        this.root = root;
    }

    /** The store's directory whose file system is full. */
    public Path root() {
        return root;
    }

    /**
     * {@code e} as a {@code StoreFullException} of the store at {@code root} when it, or what caused it, is a full
     * disk or exceeded quota; else {@code e} itself. The JDK reports these only through the system's error text.
     */
    static IOException classify(IOException e, Path root) {
        if (e instanceof StoreFullException) {
            return e;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (isFull(t)) {
                return new StoreFullException(root, e);
            }
        }
        return e;
    }

    private static boolean isFull(Throwable t) {
        if (t instanceof ErrnoException errno) {
            return errno.errno() == ENOSPC || errno.errno() == EDQUOT;
        }
        String text = t instanceof FileSystemException fs ? fs.getReason() : t.getMessage();
        return text != null && (text.contains("No space left on device") || text.contains("Disk quota exceeded"));
    }
}
