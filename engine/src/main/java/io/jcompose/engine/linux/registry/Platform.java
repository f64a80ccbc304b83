package io.jcompose.engine.linux.registry;

import java.util.Locale;
import java.util.Optional;

/**
 * An OCI platform ({@code linux/amd64}, {@code linux/arm64/v8}): which entry of a manifest list or image index a
 * pull takes.
 */
public record Platform(String os, String architecture, Optional<String> variant) {

    public Platform {
        os = os.toLowerCase(Locale.ROOT);
        architecture = architecture.toLowerCase(Locale.ROOT);
        variant = variant.filter(v -> !v.isBlank()).map(v -> v.toLowerCase(Locale.ROOT));
    }

    /** Parses {@code os/arch[/variant]}, as {@code --platform} and compose's {@code platform:} write it. */
    public static Platform parse(String text) {
        String[] parts = text.strip().split("/", -1);
        if (parts.length < 2 || parts.length > 3 || parts[0].isBlank() || parts[1].isBlank()) {
            throw new IllegalArgumentException("invalid platform \"" + text + "\": expected os/arch[/variant], "
                    + "like linux/amd64 or linux/arm64/v8");
        }
        return new Platform(parts[0], parts[1], parts.length == 3 ? Optional.of(parts[2]) : Optional.empty());
    }

    /** The platform this JVM runs on, with the JVM's architecture names mapped to OCI's. */
    public static Platform current() {
        String arch = switch (System.getProperty("os.arch", "amd64").toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            case "x86", "i386", "i486", "i586", "i686" -> "386";
            case "arm", "arm32" -> "arm";
            case "ppc64le" -> "ppc64le";
            case "s390x" -> "s390x";
            case "riscv64" -> "riscv64";
            case String other -> other;
        };
        return new Platform("linux", arch, Optional.empty());
    }

    /**
     * Whether an index entry for {@code candidate} serves this platform. A variant we do not ask for matches any;
     * arm64 entries without a variant are v8, as the OCI spec lets them be.
     */
    public boolean accepts(Platform candidate) {
        if (!os.equals(candidate.os) || !architecture.equals(candidate.architecture)) {
            return false;
        }
        if (variant.isEmpty()) {
            return true;
        }
        Optional<String> theirs = candidate.variant.isEmpty() && architecture.equals("arm64")
                ? Optional.of("v8") : candidate.variant;
        return variant.equals(theirs);
    }

    @Override
    public String toString() {
        return os + "/" + architecture + variant.map(v -> "/" + v).orElse("");
    }
}
