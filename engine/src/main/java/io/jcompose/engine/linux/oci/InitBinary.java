package io.jcompose.engine.linux.oci;

import java.nio.file.Files;
import java.nio.file.Path;

/** The host's init for {@code init: true}: Debian's static tini, which works in any image since it needs no libc. */
public final class InitBinary {

    /** Where Debian's {@code tini} package puts its static build. */
    public static final Path DEBIAN_TINI_STATIC = Path.of("/usr/bin/tini-static");

    private InitBinary() {
    }

    /** The init binary, or an error telling how to install it. */
    public static Path locate() {
        return locate(DEBIAN_TINI_STATIC);
    }

    static Path locate(Path candidate) {
        if (!Files.isRegularFile(candidate) || !Files.isExecutable(candidate)) {
            throw missing();
        }
        return candidate;
    }

    static OciConfigException missing() {
        return new OciConfigException("init: true needs " + DEBIAN_TINI_STATIC
                + " on this host, which is missing (apt-get install tini)");
    }
}
