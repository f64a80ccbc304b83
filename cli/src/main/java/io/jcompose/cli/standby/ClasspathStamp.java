package io.jcompose.cli.standby;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The size, time and identity of every entry of the class path when a JVM started. A standby JVM loads classes
 * lazily: after a rebuild of the jars it would mix old and new code, so it serves only while its stamp is current.
 */
record ClasspathStamp(List<Entry> entries) {

    /** One class path entry as it was. */
    record Entry(Path path, long size, long modified, Object key) {
    }

    ClasspathStamp {
        entries = List.copyOf(entries);
    }

    /** The stamp of this JVM's class path now. */
    static ClasspathStamp ofThisJvm() {
        return of(System.getProperty("java.class.path", ""));
    }

    static ClasspathStamp of(String classPath) {
        List<Entry> entries = new ArrayList<>();
        for (String element : classPath.split(File.pathSeparator)) {
            if (!element.isEmpty()) {
                entries.add(entry(Path.of(element)));
            }
        }
        return new ClasspathStamp(entries);
    }

    private static Entry entry(Path path) {
        try {
            BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
            return new Entry(path, a.size(), a.lastModifiedTime().toMillis(), a.fileKey());
        } catch (IOException e) {
            return new Entry(path, -1, -1, null);
        }
    }

    /** True when no entry changed since this stamp was taken. */
    boolean current() {
        for (Entry e : entries) {
            if (!Objects.equals(e, entry(e.path()))) {
                return false;
            }
        }
        return true;
    }
}
