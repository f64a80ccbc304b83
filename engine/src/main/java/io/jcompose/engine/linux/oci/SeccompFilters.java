package io.jcompose.engine.linux.oci;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcompose.engine.linux.sys.NativeCalls;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The compiled seccomp filters crun is handed through the annotation {@value #ANNOTATION}, so that it does not
 * compile the profile at every start (some 15 ms of a 57 ms {@code crun run}): one per distinct profile, kept in
 * memory and as {@code <digest>.bpf} files in a directory under the run root, where JVMs that do not bind native
 * calls (a short-lived CLI) find what another compiled. The digest covers the profile, the kernel and the
 * libseccomp file, which are all the program depends on. Where no filter can be had the config stays as it was and
 * crun compiles the profile itself.
 */
public final class SeccompFilters {

    /** crun's annotation: base64 of the program to load instead of compiling {@code linux.seccomp}. */
    public static final String ANNOTATION = "run.oci.seccomp_bpf_data";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<Path> LIBRARY_DIRS = List.of(Path.of("/lib/x86_64-linux-gnu"),
            Path.of("/usr/lib/x86_64-linux-gnu"), Path.of("/lib/aarch64-linux-gnu"),
            Path.of("/usr/lib/aarch64-linux-gnu"), Path.of("/usr/lib64"), Path.of("/lib64"), Path.of("/usr/lib"));

    private final Path directory;
    private final String hostIdentity;
    private final Map<String, byte[]> compiled = new ConcurrentHashMap<>();

    /** Filters cached in {@code directory} (created when the first is written). */
    public SeccompFilters(Path directory) {
        this.directory = directory;
        this.hostIdentity = hostIdentity();
    }

    /** Adds the annotation to {@code config} when it has a {@code linux.seccomp} whose program can be had. */
    public void annotate(ObjectNode config) {
        JsonNode seccomp = config.path("linux").path("seccomp");
        if (seccomp.isObject()) {
            program(seccomp).ifPresent(bpf -> config.withObjectProperty("annotations")
                    .put(ANNOTATION, Base64.getEncoder().encodeToString(bpf)));
        }
    }

    /** The program of {@code seccomp}: remembered, cached on disk, or compiled where native calls are preferred. */
    public Optional<byte[]> program(JsonNode seccomp) {
        String key;
        try {
            key = digest(JSON.writeValueAsBytes(seccomp));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
        byte[] known = compiled.get(key);
        if (known != null) {
            return Optional.of(known);
        }
        Path file = directory.resolve(key + ".bpf");
        Optional<byte[]> stored = read(file);
        if (stored.isPresent()) {
            compiled.put(key, stored.get());
            return stored;
        }
        if (!NativeCalls.preferred()) {
            return Optional.empty(); // binding libseccomp here would cost more than crun's compile
        }
        byte[] bpf;
        try {
            bpf = SeccompCompiler.compile(seccomp);
        } catch (RuntimeException | LinkageError e) {
            return Optional.empty(); // no libseccomp, no native access, or a profile crun will refuse in its words
        }
        compiled.put(key, bpf);
        write(file, bpf);
        return Optional.of(bpf);
    }

    private static Optional<byte[]> read(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            // a BPF instruction is 8 bytes; anything else is not a program we wrote
            return bytes.length > 0 && bytes.length % 8 == 0 ? Optional.of(bytes) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Written under a temporary name and renamed, so that a reader sees the whole program or none. */
    private static void write(Path file, byte[] bpf) {
        try {
            Files.createDirectories(file.getParent());
            Path temp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
            try {
                Files.write(temp, bpf);
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            // the cache is an optimisation: without the file the next JVM compiles again
        }
    }

    private String digest(byte[] profile) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(profile);
            sha.update((byte) 0);
            sha.update(hostIdentity.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The kernel release (which actions libseccomp may use) and which libseccomp (its real file, size and time). */
    private static String hostIdentity() {
        StringBuilder id = new StringBuilder();
        try {
            id.append(Files.readString(Path.of("/proc/sys/kernel/osrelease")).strip());
        } catch (IOException e) {
            id.append("unknown-kernel");
        }
        for (Path dir : LIBRARY_DIRS) {
            Path library = dir.resolve("libseccomp.so.2");
            try {
                Path real = library.toRealPath();
                BasicFileAttributes attributes = Files.readAttributes(real, BasicFileAttributes.class);
                id.append('\n').append(real).append(' ').append(attributes.size()).append(' ')
                        .append(attributes.lastModifiedTime().toMillis());
                break;
            } catch (IOException e) {
                // not in this directory
            }
        }
        return id.toString();
    }
}
