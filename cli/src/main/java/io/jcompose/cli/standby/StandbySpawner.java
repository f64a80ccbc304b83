package io.jcompose.cli.standby;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Starts a standby JVM in the background: the same JVM command line as this one, without a command. */
public final class StandbySpawner {

    /** The class every jcompose JVM runs; what follows it on a command line is the command. */
    static final String MAIN_CLASS = "io.jcompose.cli.Jcompose";
    private static final Path SETSID = Path.of("/usr/bin/setsid");
    private static final Path NICE = Path.of("/usr/bin/nice");

    private StandbySpawner() {
    }

    /** The file a spawner touches: a client that finds no standby JVM waits a little while this one is fresh. */
    static Path startingMarkerOf(Path socket) {
        return socket.resolveSibling(socket.getFileName() + ".starting");
    }

    /** The file where the last standby JVM wrote how many ms it took from its spawn to listening. */
    static Path startupRecordOf(Path socket) {
        return socket.resolveSibling(socket.getFileName() + ".startup");
    }

    /** The log where standby JVMs note why they declined a command or ended. */
    static Path logOf(Path socket) {
        return socket.resolveSibling(socket.getFileName() + ".log");
    }

    /** The file whose lock the standby JVM of {@code socket} holds from its start until it takes a command. */
    static Path lockOf(Path socket) {
        return socket.resolveSibling(socket.getFileName() + ".lock");
    }

    /**
     * Starts a standby JVM for {@code socket} unless one is there already (or its directory is not ours to write),
     * in {@code cwd} with {@code env}: the working directory and environment of the command that asks, which the
     * next command most likely shares.
     */
    public static void spawnIfAbsent(Path socket, Map<String, String> env, Path cwd) {
        Path dir = socket.toAbsolutePath().getParent();
        if (dir == null || !Files.isWritable(dir)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(lockOf(socket), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return;
            }
            lock.release();
        } catch (IOException | java.nio.channels.OverlappingFileLockException e) {
            return;
        }
        Path marker = startingMarkerOf(socket);
        try {
            Files.write(marker, new byte[0]);
            spawn(env, cwd);
        } catch (IOException | RuntimeException e) {
            try {
                // nobody is starting: no client should wait for one
                Files.deleteIfExists(marker);
            } catch (IOException ignored) {
                // it goes stale in seconds
            }
            // no standby: the next command starts a JVM of its own, as it would without this feature
        }
    }

    /**
     * Starts the standby JVM at low CPU priority: it starts and warms up on time that commands do not want. It is
     * not this JVM's child but a grandchild (setsid forks it and ends at once): Java's reaper thread would otherwise
     * wait for it in native code, and a JVM waits up to 300 ms at exit for threads there. setsid (util-linux) also
     * gives it a session of its own.
     */
    static void spawn(Map<String, String> env, Path cwd) throws IOException {
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(SETSID)) {
            command.addAll(List.of(SETSID.toString(), "--fork"));
        }
        // nice 19 where it can be undone when the command comes: as root (see ProcessControl.lowPriority)
        if (Files.isExecutable(NICE) && "root".equals(System.getProperty("user.name"))) {
            command.addAll(List.of(NICE.toString(), "-n", "19"));
        }
        command.addAll(standbyCommand(ownCommandLine()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(cwd.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().clear();
        builder.environment().putAll(env);
        Process setsid = builder.start();
        try {
            setsid.waitFor(1, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** This JVM's command line, read from /proc (ProcessHandle's view of it may be cut short). */
    static List<String> ownCommandLine() throws IOException {
        byte[] raw = Files.readAllBytes(Path.of("/proc/self/cmdline"));
        String text = new String(raw, StandardCharsets.UTF_8);
        if (text.endsWith("\0")) {
            text = text.substring(0, text.length() - 1);
        }
        return Arrays.asList(text.split("\0", -1));
    }

    /** {@code jvm}, a jcompose JVM's command line, turned into that of a standby JVM. */
    static List<String> standbyCommand(List<String> jvm) {
        int main = jvm.indexOf(MAIN_CLASS);
        if (main < 1) {
            throw new IllegalArgumentException("not a jcompose command line: " + jvm);
        }
        List<String> command = new ArrayList<>();
        for (String word : jvm.subList(0, main)) {
            if (!word.startsWith("-D" + StandbyJvm.ROLE_PROPERTY + "=")) {
                command.add(word);
            }
        }
        command.add("-D" + StandbyJvm.ROLE_PROPERTY + "=" + StandbyJvm.STANDBY);
        command.add(MAIN_CLASS);
        return command;
    }
}
