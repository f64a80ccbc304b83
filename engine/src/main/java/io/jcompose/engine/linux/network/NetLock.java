package io.jcompose.engine.linux.network;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The one lock of network changes in a store ({@code locks/network.lock}): allocations, published ports and our
 * iptables rules change together, so one process's check-then-claim never interleaves with another's.
 */
final class NetLock {

    /** File locks belong to the process: its threads take turns on an in-process lock first (reentrant, too). */
    private static final Map<Path, ReentrantLock> LOCAL = new ConcurrentHashMap<>();

    private final Path file;

    NetLock(Path locks) {
        this.file = locks.resolve("network.lock").toAbsolutePath();
    }

    <T> T locked(Supplier<T> action) {
        ReentrantLock local = LOCAL.computeIfAbsent(file, f -> new ReentrantLock());
        local.lock();
        try {
            if (local.getHoldCount() > 1) {
                return action.get();
            }
            Files.createDirectories(file.getParent());
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                return action.get();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + file, e);
        } finally {
            local.unlock();
        }
    }

    void run(Runnable action) {
        locked(() -> {
            action.run();
            return null;
        });
    }
}
