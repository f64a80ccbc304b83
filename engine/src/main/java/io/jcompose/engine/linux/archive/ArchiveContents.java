package io.jcompose.engine.linux.archive;

import io.jcompose.engine.linux.image.DigestMismatchException;
import io.jcompose.engine.linux.image.Digests;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;

/**
 * The files of an image archive spooled to disk, by name, read in any order: {@code docker save} may write the
 * manifest after the layers, and repeats a layer as a link to its first copy.
 */
final class ArchiveContents implements Closeable {

    /** JSON documents (manifests, configs, indexes) larger than this are not what they claim to be. */
    private static final int MAX_DOCUMENT = 32 << 20;
    private static final int MAX_LINKS = 16;

    private final TarFile tar;
    private final Map<String, TarArchiveEntry> entries = new HashMap<>();

    ArchiveContents(Path spooled) throws IOException {
        this.tar = new TarFile(spooled);
        for (TarArchiveEntry entry : tar.getEntries()) {
            if (!entry.isDirectory()) {
                entries.put(normalise(entry.getName()), entry);
            }
        }
    }

    boolean has(String name) {
        return entries.containsKey(normalise(name));
    }

    /** The content of {@code name}, links inside the archive followed. */
    InputStream open(String name) throws IOException {
        String current = normalise(name);
        for (int hops = 0; hops <= MAX_LINKS; hops++) {
            TarArchiveEntry entry = entries.get(current);
            if (entry == null) {
                throw new IOException("the image archive has no file \"" + name + "\"");
            }
            if (entry.isSymbolicLink()) {
                String dir = current.contains("/") ? current.substring(0, current.lastIndexOf('/')) : "";
                current = normalise(entry.getLinkName().startsWith("/") ? entry.getLinkName()
                        : dir + "/" + entry.getLinkName());
            } else if (entry.isLink()) {
                current = normalise(entry.getLinkName());
            } else {
                return tar.getInputStream(entry);
            }
        }
        throw new IOException("the image archive's \"" + name + "\" is a chain of more than " + MAX_LINKS + " links");
    }

    /** A whole (small) file: a manifest, an index, a config. */
    byte[] read(String name) throws IOException {
        try (InputStream in = open(name)) {
            byte[] bytes = in.readNBytes(MAX_DOCUMENT + 1);
            if (bytes.length > MAX_DOCUMENT) {
                throw new IOException("the image archive's \"" + name + "\" is larger than any image document");
            }
            return bytes;
        }
    }

    /** The path of a blob of an OCI layout. */
    static String blobPath(String digest) {
        return "blobs/sha256/" + Digests.hex(digest);
    }

    /** The blob {@code digest} of an OCI layout, checked against its digest. */
    byte[] readBlob(String digest) throws IOException {
        byte[] bytes = read(blobPath(digest));
        String actual = Digests.of(bytes);
        if (!actual.equals(digest)) {
            throw new DigestMismatchException(digest, actual);
        }
        return bytes;
    }

    /** {@code ./a//b/../c} and {@code /a/c} are both {@code a/c}: names as the archive's documents refer to them. */
    static String normalise(String name) {
        Path path = Path.of("/").resolve(name.replace('\\', '/')).normalize();
        return path.toString().substring(1);
    }

    @Override
    public void close() throws IOException {
        tar.close();
    }
}
