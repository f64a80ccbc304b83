package io.jcompose.cli.standby;

import io.jcompose.cli.Console;
import io.jcompose.cli.Jcompose;
import io.jcompose.engine.linux.sys.Descriptors;
import io.jcompose.engine.linux.sys.ErrnoException;
import io.jcompose.engine.linux.sys.ProcessControl;
import io.jcompose.engine.linux.sys.ProcessIdentity;
import io.jcompose.engine.linux.sys.UnixSockets;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A JVM started ahead of the command it will run. A JVM needs 100 ms here to print "hello" and jcompose three times
 * that to be ready, where a cached build or a {@code ps} is then a matter of 20 ms. So a command leaves a JVM behind
 * that waits on a Unix socket for the next command: it listens as soon as it has started, then warms up on the AOT
 * training commands at low CPU priority until a command comes. bin/jcompose runs the tiny native jcompose-client,
 * which hands over its arguments, working directory, environment and standard streams (the descriptors themselves,
 * so terminals, pipes and shared file offsets behave as they would for the JVM's own), forwards signals, and exits
 * with the command's status.
 *
 * <p>After a command that only reads and prints or builds ({@link ReusableCommands}), and left no thread running
 * ({@link Baseline}), the JVM listens again and takes the next command: commands run back to back then cost tens of
 * milliseconds, not a JVM start each. After any other command (one that follows logs, attaches, starts containers)
 * it ends, as a JVM started for that command would, and a successor takes its place: started when the command
 * is over or has run for half a second, so that the next command finds it. It serves only a client of its own user, in the directory and
 * environment it was started with (Java fixes both at start-up), while its class path is unchanged; it declines
 * anything else and ends, and the client starts a JVM as before. Unused, it ends after {@link #IDLE}.
 * JCOMPOSE_STANDBY=0 turns the whole thing off.
 *
 * <p>Protocol (version 1): the client sends "JCS1", a big-endian 32-bit body length and the body of a
 * {@link StandbyRequest}, with its descriptors 0, 1 and 2 attached to the first message (SCM_RIGHTS). The answer is
 * 'N' (declined) or 'A' (accepted); after 'A' the client sends 'S', a signal number and 1 if the terminal sent it
 * (else 0) for every signal it receives, and the standby JVM sends 'X' and the exit status as a big-endian 32-bit
 * integer when the command is over, after it has let go of the client's descriptors; the client exits then.
 */
public final class StandbyJvm {

    /** The system property that names the socket (bin/jcompose sets it when standby JVMs are on). */
    public static final String SOCKET_PROPERTY = "jcompose.standby.socket";
    /** The system property that names the file of training command lines a standby JVM warms up on. */
    public static final String TRAINING_PROPERTY = "jcompose.standby.training";
    /** The system property that makes a JVM a standby one; see {@link #STANDBY}. */
    public static final String ROLE_PROPERTY = "jcompose.standby.role";
    static final String STANDBY = "standby";
    /** How long a standby JVM waits for a command before it ends. */
    static final Duration IDLE = Duration.ofMinutes(10);
    private static final int CHECK_MILLIS = 5_000;
    private static final int REQUEST_MILLIS = 2_000;
    private static final int MAX_BODY = 16 << 20;
    private static final int SIGHUP = 1;
    /** After this many commands a standby JVM hands over to a fresh one, whatever it may have accumulated. */
    private static final int MAX_COMMANDS = 200;
    /** How long a command that ends this JVM runs before the successor starts (at the latest: when it is over). */
    public static final Duration SUCCESSOR_DELAY = Duration.ofMillis(500);

    private final Path socket;
    private final ClasspathStamp stamp;
    private volatile boolean finished;
    private long readySince;

    private StandbyJvm(Path socket, ClasspathStamp stamp) {
        this.socket = socket;
        this.stamp = stamp;
    }

    /** True when this JVM was started as a standby one. */
    public static boolean isStandby() {
        return STANDBY.equals(System.getProperty(ROLE_PROPERTY));
    }

    /** Runs this JVM as a standby one: returns when it has nothing to do (another standby is there, or idle). */
    public static void run() {
        ClasspathStamp stamp = ClasspathStamp.ofThisJvm();
        String socket = System.getProperty(SOCKET_PROPERTY);
        if (socket == null || socket.isBlank()) {
            return;
        }
        new StandbyJvm(Path.of(socket), stamp).standBy();
    }

    private void standBy() {
        try (FileChannel lockChannel = FileChannel.open(StandbySpawner.lockOf(socket), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE)) {
            FileLock lock = lockChannel.tryLock();
            if (lock == null) {
                return;
            }
            Listener listener = listen();
            recordStartup();
            // listening before warming up: a command run right after the last one is better served by a JVM that
            // is half warm than by one that starts from nothing; the warm-up stops as soon as a command is there
            ProcessControl.lowPriority();
            int fd = listener.fd();
            warmUp(() -> pending(fd));
            Baseline baseline = Baseline.now();
            for (int served = 1; listener != null; served++) {
                int connection = awaitClient(listener);
                listener.close();
                if (connection < 0) {
                    return;
                }
                listener = take(connection, lock, served, baseline);
            }
        } catch (IOException | RuntimeException e) {
            // a standby JVM that cannot stand by ends; commands start their own JVMs meanwhile
            note("ends after a failure: " + e);
        }
    }

    /** The listening socket and the identity of its file, which a later standby JVM may replace. */
    private record Listener(int fd, Object identity, Path path) {
        void close() {
            Descriptors.close(fd);
            removeIfOurs();
        }

        void removeIfOurs() {
            if (identity != null && identity.equals(StandbyJvm.identity(path))) {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException ignored) {
                    // a later standby replaces it
                }
            }
        }
    }

    private Listener listen() throws IOException {
        Files.deleteIfExists(socket);
        int fd = UnixSockets.listen(socket, 16);
        Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
        return new Listener(fd, identity(socket), socket);
    }

    /** The next client's connection, or -1 when this JVM should end (idle, replaced, or its jars rebuilt). */
    private int awaitClient(Listener listener) throws ErrnoException {
        readySince = System.nanoTime();
        long idleUntil = readySince + IDLE.toNanos();
        while (true) {
            if (UnixSockets.readable(listener.fd(), CHECK_MILLIS)) {
                return UnixSockets.accept(listener.fd());
            }
            if (System.nanoTime() > idleUntil) {
                note("ends: idle for " + IDLE.toMinutes() + " minutes");
                return -1;
            }
            if (!Objects.equals(listener.identity(), identity(socket))) {
                note("ends: another JVM took its socket");
                return -1;
            }
            if (!stamp.current()) {
                note("ends: a jar of its class path changed");
                return -1;
            }
        }
    }

    /**
     * Writes down how long this JVM took from its spawn (the time of the starting marker) to listening, and removes
     * the marker: a client that finds the next standby JVM still starting waits for it only when that is sooner
     * than a JVM of its own would be.
     */
    private void recordStartup() {
        Path marker = StandbySpawner.startingMarkerOf(socket);
        try {
            long spawned = Files.getLastModifiedTime(marker).toMillis();
            long took = System.currentTimeMillis() - spawned;
            if (took >= 0 && took < 60_000) {
                Path record = StandbySpawner.startupRecordOf(socket);
                Path fresh = record.resolveSibling(record.getFileName() + "." + ProcessHandle.current().pid());
                Files.writeString(fresh, took + "\n");
                Files.move(fresh, record, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
            Files.deleteIfExists(marker);
        } catch (IOException e) {
            // started by hand, or the marker is gone: nothing to learn
        }
    }

    /** True when a client waits to be accepted. */
    private static boolean pending(int listener) {
        try {
            return UnixSockets.readable(listener, 0);
        } catch (ErrnoException e) {
            return true;
        }
    }

    /** The command lines of the AOT training, run with their output discarded: C1 compiles what they all use. */
    private static void warmUp(BooleanSupplier stop) {
        try {
            // a terminal's signal reaches the process group of the command: this JVM's own from here on
            ProcessControl.newSession();
        } catch (ErrnoException ignored) {
            // already a group leader (spawned with a session of its own)
        }
        bindNativeCalls();
        // the first System.exit looks up a logger through the service loader (tens of ms), and Logback reads its
        // configuration at the first logger (nearly 200 ms here): once, now
        System.getLogger("java.lang.Runtime").isLoggable(System.Logger.Level.DEBUG);
        org.slf4j.LoggerFactory.getLogger(StandbyJvm.class);
        String training = System.getProperty(TRAINING_PROPERTY);
        if (training != null && Files.isRegularFile(Path.of(training))) {
            Jcompose.train(Path.of(training), stop);
        }
    }

    private static void bindNativeCalls() {
        // bind the native calls a handover makes (the FFM API generates classes for each) on a descriptor that is
        // never open: each fails at once with EBADF
        byte[] scratch = new byte[8];
        Call[] calls = {
            () -> UnixSockets.receive(-1, scratch, 0, 3), () -> UnixSockets.read(-1, scratch, 0, 1),
            () -> UnixSockets.send(-1, scratch), () -> UnixSockets.peer(-1), () -> UnixSockets.shutdownInput(-1),
            () -> Descriptors.duplicateOnto(-1, -1), () -> Descriptors.isTerminal(-1),
            () -> Descriptors.close(Descriptors.openNullDevice()), ProcessIdentity::effectiveUid,
            () -> ProcessControl.signal(ProcessHandle.current().pid(), 0)};
        for (Call call : calls) {
            try {
                call.call();
            } catch (ErrnoException | RuntimeException expected) {
                // EBADF, as intended
            }
        }
    }

    /** A native call made once to bind it. */
    private interface Call {
        void call() throws ErrnoException;
    }

    /**
     * Runs the command of {@code connection}. Returns the socket to listen on for the next command when this JVM
     * may take another, else null (a declined request) or not at all (the JVM ends with the command).
     */
    private Listener take(int connection, FileLock lock, int served, Baseline baseline) throws IOException {
        Handover handover;
        try {
            handover = receive(connection);
        } catch (IOException | IllegalArgumentException e) {
            note("declines a request it cannot read (" + e.getMessage() + ") and ends");
            decline(connection, null);
            return null;
        }
        int uid = UnixSockets.peer(connection).uid();
        Optional<String> mismatch = uid != ProcessIdentity.effectiveUid()
                ? Optional.of("another user")
                : stamp.current()
                ? handover.request().mismatch(Path.of("").toAbsolutePath(), System.getenv())
                : Optional.of("the class path changed");
        if (mismatch.isPresent()) {
            note("declines a command and ends: " + mismatch.get());
            decline(connection, handover.descriptors());
            return null;
        }
        UnixSockets.send(connection, new byte[] {'A'});
        StandbyRequest request = handover.request();
        boolean mayStay = ReusableCommands.mayReuseAfter(request.args());
        if (mayStay && served >= MAX_COMMANDS) {
            note("ends after " + served + " commands");
            mayStay = false;
        }
        Thread spawner = null;
        CountDownLatch done = new CountDownLatch(1);
        if (!mayStay) {
            // this JVM ends with the command: the post is free for a successor, started once the command is over
            // or has run for a moment (commands run meanwhile find it then). Not at once: two JVMs starting side
            // by side take twice as long each here, and most commands are over sooner than a JVM starts.
            lock.release();
            spawner = Thread.ofPlatform().daemon().start(() -> {
                try {
                    done.await(SUCCESSOR_DELAY.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    return;
                }
                StandbySpawner.spawnIfAbsent(socket, request.env(), request.cwd());
            });
        }
        int[] fds = handover.descriptors();
        for (int i = 0; i < 3; i++) {
            Descriptors.duplicateOnto(fds[i], i);
            Descriptors.close(fds[i]);
        }
        // a fresh System.in: the buffer of the last one may hold what the last client sent
        System.setIn(new java.io.BufferedInputStream(new java.io.FileInputStream(java.io.FileDescriptor.in)));
        ProcessControl.normalPriority();
        finished = false;
        Thread signals = Thread.ofPlatform().daemon().name("standby-signals").start(() -> forwardSignals(connection));
        PrintWriter out = new PrintWriter(System.out, false, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        boolean terminal = Descriptors.isTerminal(0) && Descriptors.isTerminal(1);
        int code = Jcompose.run(new Console(out, err, System.in, request.env(), request.cwd(), terminal),
                request.args().toArray(String[]::new));
        out.flush();
        err.flush();
        // with --verbose (the level is DEBUG by now): how this command was run, for whoever wonders about timings
        org.slf4j.LoggerFactory.getLogger(StandbyJvm.class).debug(
                "ran in standby JVM {} (command {}), waiting since {} ms", ProcessHandle.current().pid(), served,
                (System.nanoTime() - readySince) / 1_000_000);
        err.flush();
        // a JVM waits up to 300 ms at exit for threads blocked in native code: the signal forwarder leaves first
        finished = true;
        UnixSockets.shutdownInput(connection);
        try {
            signals.join(Duration.ofMillis(200));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // the client exits with the status, before this JVM's own teardown (tens of ms): the command's locks are
        // released by now (jcompose has no shutdown hooks), and the client's streams are let go first, so that a
        // shell reading the output through a pipe sees its end at once
        done.countDown();
        boolean stay = mayStay;
        if (mayStay) {
            List<String> left = baseline.restore();
            if (!left.isEmpty()) {
                note("ends: the command left threads running: " + left);
                stay = false;
            }
        }
        err.flush();
        releaseStandardStreams();
        if (stay) {
            // listening again before the status goes out: a command run right after this one finds this JVM
            Listener next = listen();
            sendStatus(connection, code);
            Descriptors.close(connection);
            return next;
        }
        if (spawner == null) {
            lock.release();
            spawner = Thread.ofPlatform().daemon().start(
                    () -> StandbySpawner.spawnIfAbsent(socket, request.env(), request.cwd()));
        }
        try {
            spawner.join(Duration.ofSeconds(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sendStatus(connection, code);
        System.exit(code);
        return null;
    }

    private static void sendStatus(int connection, int code) throws ErrnoException {
        UnixSockets.send(connection, ByteBuffer.allocate(5).put((byte) 'X').putInt(code).array());
    }

    /**
     * Appends a line to the log next to the socket: why a standby JVM declined a command or ended, for whoever
     * wonders why a command started a JVM of its own. Kept short: it starts over past 256 KiB.
     */
    private void note(String what) {
        Path log = StandbySpawner.logOf(socket);
        try {
            if (Files.size(log) > 256 << 10) {
                Files.delete(log);
            }
        } catch (IOException absent) {
            // a first line
        }
        try {
            Files.writeString(log, java.time.Instant.now() + " standby JVM " + ProcessHandle.current().pid() + " "
                    + what + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException ignored) {
            // no log is no reason to stop
        }
    }

    /** Points descriptors 0, 1 and 2 at /dev/null: nothing of this JVM keeps the client's streams open. */
    private static void releaseStandardStreams() throws ErrnoException {
        System.out.flush();
        System.err.flush();
        int devNull = Descriptors.openNullDevice();
        for (int i = 0; i < 3; i++) {
            Descriptors.duplicateOnto(devNull, i);
        }
        Descriptors.close(devNull);
    }

    private void decline(int connection, int[] descriptors) {
        try {
            UnixSockets.send(connection, new byte[] {'N'});
        } catch (ErrnoException ignored) {
            // the client has gone: it starts its own JVM or nothing at all
        }
        if (descriptors != null) {
            for (int fd : descriptors) {
                Descriptors.close(fd);
            }
        }
        Descriptors.close(connection);
    }

    /** A request and the client's descriptors 0, 1 and 2. */
    private record Handover(StandbyRequest request, int[] descriptors) {
    }

    private static Handover receive(int connection) throws IOException {
        byte[] header = new byte[8];
        int[] fds = new int[0];
        int have = 0;
        while (have < header.length) {
            if (!UnixSockets.readable(connection, REQUEST_MILLIS)) {
                throw new IOException("no request");
            }
            UnixSockets.Received r = UnixSockets.receive(connection, header, have, 3);
            if (r.length() == 0) {
                throw new IOException("the client closed");
            }
            if (r.descriptors().length > 0) {
                fds = r.descriptors();
            }
            have += r.length();
        }
        ByteBuffer h = ByteBuffer.wrap(header);
        byte[] magic = new byte[4];
        h.get(magic);
        int length = h.getInt();
        if (!java.util.Arrays.equals(magic, StandbyRequest.MAGIC) || length < 0 || length > MAX_BODY
                || fds.length != 3) {
            for (int fd : fds) {
                Descriptors.close(fd);
            }
            throw new IllegalArgumentException("not a version 1 request with three descriptors");
        }
        byte[] body = new byte[length];
        for (int at = 0; at < length; ) {
            if (!UnixSockets.readable(connection, REQUEST_MILLIS)) {
                throw new IOException("the request stopped half-way");
            }
            int n = UnixSockets.read(connection, body, at, length - at);
            if (n == 0) {
                throw new IOException("the client closed");
            }
            at += n;
        }
        return new Handover(StandbyRequest.decode(body), fds);
    }

    /** Delivers the client's signals here: a terminal's to this process group, as to a foreground job. */
    private void forwardSignals(int connection) {
        byte[] message = new byte[3];
        try {
            while (true) {
                int have = 0;
                while (have < message.length) {
                    int n = UnixSockets.read(connection, message, have, message.length - have);
                    if (n == 0) {
                        if (!finished) {
                            // the client died (SIGKILL, a closed terminal): hang up, as its terminal would
                            ProcessControl.signal(ProcessHandle.current().pid(), SIGHUP);
                        }
                        return;
                    }
                    have += n;
                }
                if (message[0] == 'S' && message[1] > 0) {
                    ProcessControl.signal(message[2] == 1 ? 0 : ProcessHandle.current().pid(), message[1]);
                }
            }
        } catch (ErrnoException e) {
            // the connection broke: nothing more to forward
        }
    }

    private static Object identity(Path path) {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class).fileKey();
        } catch (IOException e) {
            return null;
        }
    }

}
