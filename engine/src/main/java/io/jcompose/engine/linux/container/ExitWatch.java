package io.jcompose.engine.linux.container;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.concurrent.TimeUnit;

/**
 * Lets a waiter sleep until something changes in a container's exit directory, where its monitor writes the exit
 * code: the kernel (inotify, through the WatchService) wakes it the moment the file appears, where a poll would notice
 * it up to one pause later. The pause still bounds every sleep, for what the directory does not show (a monitor
 * killed before it could write, a supervisor's restart). Without a watch (a filesystem that has none) it sleeps.
 */
final class ExitWatch implements AutoCloseable {

    private final WatchService service;

    private ExitWatch(WatchService service) {
        this.service = service;
    }

    /** Watches {@code exitDir}; to be opened before the first look at the state, so that no change is missed. */
    static ExitWatch on(Path exitDir) {
        WatchService service = null;
        try {
            service = FileSystems.getDefault().newWatchService();
            exitDir.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
            return new ExitWatch(service);
        } catch (IOException | UnsupportedOperationException e) {
            closeQuietly(service);
            return new ExitWatch(null);
        }
    }

    /** Returns after {@code millis}, or sooner when the directory changed. */
    void await(long millis) throws InterruptedException {
        if (service == null) {
            Thread.sleep(millis);
            return;
        }
        WatchKey key = service.poll(millis, TimeUnit.MILLISECONDS);
        if (key != null) {
            key.pollEvents();
            key.reset();
        }
    }

    @Override
    public void close() {
        closeQuietly(service);
    }

    private static void closeQuietly(WatchService service) {
        if (service != null) {
            try {
                service.close();
            } catch (IOException ignored) {
                // nothing was left to release
            }
        }
    }
}
