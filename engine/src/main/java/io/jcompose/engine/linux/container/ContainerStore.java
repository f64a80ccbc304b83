package io.jcompose.engine.linux.container;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.jcompose.engine.linux.image.ImageStore;
import io.jcompose.engine.linux.store.StoreLayout;
import io.jcompose.engine.spi.ConflictException;
import io.jcompose.engine.spi.NotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.DirectoryStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;

/**
 * Container records on disk ({@code containers/<id>/container.json}), found by name, id or id prefix. Writes are
 * atomic renames under a lock file, so a command and the supervisor can update the same record safely.
 */
public final class ContainerStore {

    static final ObjectMapper JSON = new ObjectMapper().registerModule(new Jdk8Module())
            .registerModule(new JavaTimeModule()).disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final ReentrantLock IN_PROCESS = new ReentrantLock();

    private final StoreLayout layout;
    private final Map<Path, Parsed> parsed = new ConcurrentHashMap<>();

    public ContainerStore(StoreLayout layout) {
        this.layout = layout;
    }

    public StoreLayout layout() {
        return layout;
    }

    /** The persistent directory of a container: record, upper and work dirs, log, exit file. */
    public Path dir(String id) {
        return layout.containers().resolve(id);
    }

    /** The directory that lives until reboot: rootfs mount point, bundle, pid files, sockets. */
    public Path runDir(String id) {
        return layout.runContainers().resolve(id);
    }

    public Path logFile(String id) {
        return dir(id).resolve("ctr.log");
    }

    /** Where the container's monitor writes the exit code, in a file named after the container id. */
    public Path exitDir(String id) {
        return dir(id).resolve("exit");
    }

    public Path exitFile(String id) {
        return exitDir(id).resolve(id);
    }

    public List<ContainerRecord> list() {
        List<ContainerRecord> out = new ArrayList<>();
        if (!Files.isDirectory(layout.containers())) {
            return out;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(layout.containers())) {
            for (Path d : dirs) {
                read(d.resolve("container.json")).ifPresent(out::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.sort(Comparator.comparing(ContainerRecord::created));
        return out;
    }

    /** By exact name, exact id, or unambiguous id prefix, as the docker CLI finds containers. */
    public Optional<ContainerRecord> find(String nameOrId) {
        String key = nameOrId.startsWith("/") ? nameOrId.substring(1) : nameOrId;
        if (key.matches("[0-9a-f]{64}")) {
            Optional<ContainerRecord> exact = read(dir(key).resolve("container.json"));
            if (exact.isPresent()) {
                return exact;
            }
        }
        List<ContainerRecord> all = list();
        for (ContainerRecord r : all) {
            if (r.name().equals(key)) {
                return Optional.of(r);
            }
        }
        if (key.matches("[0-9a-f]{1,64}")) {
            List<ContainerRecord> byPrefix = all.stream().filter(r -> r.id().startsWith(key)).toList();
            if (byPrefix.size() > 1) {
                throw new ConflictException("multiple containers match the id prefix \"" + key + "\"");
            }
            return byPrefix.stream().findFirst();
        }
        return Optional.empty();
    }

    public ContainerRecord get(String nameOrId) {
        return find(nameOrId).orElseThrow(() -> new NotFoundException("No such container: " + nameOrId));
    }

    /** Saves a new record; a name already taken is a {@link ConflictException} like Docker's. */
    public void create(ContainerRecord record) {
        locked(() -> {
            for (ContainerRecord other : list()) {
                if (other.name().equals(record.name())) {
                    throw new ConflictException("Conflict. The container name \"/" + record.name()
                            + "\" is already in use by container \"" + other.id() + "\". You have to remove (or"
                            + " rename) that container to be able to reuse that name.");
                }
            }
            Files.createDirectories(exitDir(record.id()));
            write(record);
            return null;
        });
    }

    /** Re-reads the record and applies {@code change} under the lock, so concurrent updates are not lost. */
    public ContainerRecord update(String id, UnaryOperator<ContainerRecord> change) {
        return locked(() -> {
            ContainerRecord current = read(dir(id).resolve("container.json"))
                    .orElseThrow(() -> new NotFoundException("No such container: " + id));
            ContainerRecord next = change.apply(current);
            write(next);
            return next;
        });
    }

    public void rename(String id, String newName) {
        locked(() -> {
            for (ContainerRecord other : list()) {
                if (other.name().equals(newName) && !other.id().equals(id)) {
                    throw new ConflictException("Error when allocating new name: Conflict. The container name \"/"
                            + newName + "\" is already in use by container \"" + other.id() + "\"");
                }
            }
            ContainerRecord current = get(id);
            write(current.withName(newName));
            return null;
        });
    }

    /** Deletes the record and the container's directories. */
    public void delete(String id) {
        locked(() -> {
            ImageStore.deleteTree(runDir(id));
            ImageStore.deleteTree(dir(id));
            return null;
        });
    }

    private void write(ContainerRecord record) throws IOException {
        Path target = dir(record.id()).resolve("container.json");
        Files.createDirectories(target.getParent());
        Path tmp = target.resolveSibling("container.json.tmp");
        Files.write(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(record));
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * The record in {@code file}, parsed again only when the file changed: a record is replaced by a rename, so a
     * file of the same inode, size and modification time holds the same record. Long-lived readers (the
     * supervisor's DNS answers every query from the store) then pay a stat per container instead of a parse.
     */
    private Optional<ContainerRecord> read(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            if (!attributes.isRegularFile()) {
                return Optional.empty();
            }
            Parsed cached = parsed.get(file);
            if (cached != null && cached.sameFile(attributes)) {
                return Optional.of(cached.record());
            }
            ContainerRecord record = JSON.readValue(file.toFile(), ContainerRecord.class);
            parsed.put(file, new Parsed(attributes.fileKey(), attributes.size(), attributes.lastModifiedTime(),
                    record));
            return Optional.of(record);
        } catch (NoSuchFileException gone) {
            parsed.remove(file);
            return Optional.empty();
        } catch (IOException e) {
            // a record from an incompatible version or torn by a crash: skip it rather than break every command
            return Optional.empty();
        }
    }

    /** A record as parsed from a file, with what identifies that version of the file. */
    private record Parsed(Object fileKey, long size, FileTime modified, ContainerRecord record) {
        boolean sameFile(BasicFileAttributes a) {
            return java.util.Objects.equals(fileKey, a.fileKey()) && size == a.size()
                    && modified.equals(a.lastModifiedTime());
        }
    }

    private interface IoAction<T> {
        T run() throws IOException;
    }

    private <T> T locked(IoAction<T> action) {
        IN_PROCESS.lock();
        try {
            Files.createDirectories(layout.locks());
            try (FileChannel channel = FileChannel.open(layout.locks().resolve("containers.lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                return action.run();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            IN_PROCESS.unlock();
        }
    }
}
