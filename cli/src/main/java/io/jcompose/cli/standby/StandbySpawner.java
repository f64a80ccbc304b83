package io.jcompose.cli.standby;

import java.io.File;
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
    private static final Path CHRT = Path.of("/usr/bin/chrt");
    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private StandbySpawner() {
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
        try {
            spawn(env, cwd);
        } catch (IOException e) {
            // no standby: the next command starts a JVM of its own, as it would without this feature
        }
    }

    /**
     * Starts the standby JVM, at idle CPU priority: it warms up only on time nothing else wants. It is not this
     * JVM's child but a grandchild (setsid forks it and ends): Java's reaper thread would otherwise wait for it in
     * native code, and a JVM waits 300 ms at exit for such threads.
     */
    static void spawn(Map<String, String> env, Path cwd) throws IOException {
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(SETSID)) {
            command.addAll(List.of(SETSID.toString(), "--fork"));
        }
        if (Files.isExecutable(CHRT)) {
            command.addAll(List.of(CHRT.toString(), "--idle", "0"));
        }
        command.addAll(standbyCommand(ownCommandLine()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(cwd.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
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
