package io.jcompose.engine.linux.archive;

import java.util.Locale;

/** This machine as OCI names platforms ({@code linux/amd64}, {@code linux/arm64}): what images are picked for. */
public final class HostPlatform {

    static final String OS = "linux";

    private HostPlatform() {
    }

    /** The OCI architecture name of the running JVM's machine; Java and OCI spell some of them differently. */
    public static String architecture() {
        String arch = System.getProperty("os.arch", "amd64").toLowerCase(Locale.ROOT);
        return switch (arch) {
            case "x86_64", "amd64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            case "x86", "i386", "i686" -> "386";
            case "ppc64le" -> "ppc64le";
            case "s390x" -> "s390x";
            case "riscv64" -> "riscv64";
            default -> arch;
        };
    }
}
