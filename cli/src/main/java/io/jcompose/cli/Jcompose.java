package io.jcompose.cli;

import io.jcompose.cli.standby.StandbyJvm;
import io.jcompose.cli.standby.StandbySpawner;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/** The entry point: builds the command line and runs it; {@link #run} is what tests call in-process. */
public final class Jcompose {

    /** The system property bin/jcompose sets, to a file of command lines, when it trains the AOT cache. */
    static final String TRAINING_PROPERTY = "jcompose.aotTraining";

    private Jcompose() {
    }

    public static void main(String[] args) {
        // picocli's default factory looks for Groovy's Closure class when it starts: a search through every jar of
        // the class path (three dozen, with the Docker client's) for a class that is never there
        System.setProperty("picocli.disable.closures", "true");
        if (StandbyJvm.isStandby()) {
            StandbyJvm.run();
            // it ran no command, or it would have exited with the command's status
            System.exit(0);
        }
        // this JVM ends with the command: helper processes cost it less than first bindings of native calls
        System.setProperty(io.jcompose.engine.linux.sys.NativeCalls.SHORT_LIVED, "true");
        String training = System.getProperty(TRAINING_PROPERTY);
        if (training != null) {
            train(Path.of(training));
            return;
        }
        CountDownLatch over = new CountDownLatch(1);
        Thread standby = startStandby(over);
        PrintWriter out = new PrintWriter(System.out, false, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        int code = run(new Console(out, err, System.in, System.getenv(), Path.of("").toAbsolutePath(),
                System.console() != null), args);
        out.flush();
        err.flush();
        over.countDown();
        if (standby != null) {
            try {
                standby.join(Duration.ofSeconds(2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        // System.exit looks up a logger for the exit, which scans every jar for a logging service: tens of
        // milliseconds that a successful short command does not need. Returning from main ends the JVM the same
        // way (shutdown hooks run) as long as no other thread keeps it alive.
        if (code != ExitCodes.OK || !onlyDaemonThreadsLeft()) {
            System.exit(code);
        }
    }

    /**
     * Starts a standby JVM for the next command in the background, when bin/jcompose asks for standby JVMs (it names
     * their socket) and none is there: see {@link StandbyJvm}.
     */
    private static Thread startStandby(CountDownLatch over) {
        String socket = System.getProperty(StandbyJvm.SOCKET_PROPERTY);
        if (socket == null || socket.isBlank()) {
            return null;
        }
        Map<String, String> env = System.getenv();
        Path cwd = Path.of("").toAbsolutePath();
        return Thread.ofPlatform().daemon().name("standby-spawner").start(() -> {
            try {
                // once the command is over, or has run for a moment: two JVMs starting side by side take twice as
                // long each here
                over.await(StandbyJvm.SUCCESSOR_DELAY.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            StandbySpawner.spawnIfAbsent(Path.of(socket), env, cwd);
        });
    }

    /**
     * Runs every command line of the training file in this JVM, their output discarded: the AOT cache made from
     * this run then holds what they all load, where a single {@code config} left {@code version}, {@code --help},
     * JSON output, error handling and most of the compose syntax to be loaded from the jars at every start.
     */
    public static void train(Path file) {
        train(file, () -> false);
    }

    /** As {@link #train(Path)}, stopping early (between two command lines) once {@code stop} says so. */
    public static void train(Path file, BooleanSupplier stop) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        PrintWriter sink = new PrintWriter(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
        Path base = file.toAbsolutePath().getParent();
        // commands of the built-in runtime train against a store of their own, removed afterwards: a build must
        // not touch the machine's containers (without root they fail at once, which trains the error path)
        Path store;
        try {
            store = Files.createTempDirectory("jcompose-aot-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        java.util.Map<String, String> env = new java.util.HashMap<>(System.getenv());
        env.put("JCOMPOSE_ROOT", store.resolve("root").toString());
        env.put("JCOMPOSE_RUN_ROOT", store.resolve("run").toString());
        // a standby JVM may be ended while it trains: the store goes with it, once the command line under way is
        // over (it would write into the store after its removal)
        AtomicBoolean ending = new AtomicBoolean();
        CountDownLatch trained = new CountDownLatch(1);
        Thread removal = new Thread(() -> {
            ending.set(true);
            try {
                trained.await(2, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                // remove what is there
            }
            deleteTree(store);
        });
        Runtime.getRuntime().addShutdownHook(removal);
        try {
            for (String line : lines) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (stop.getAsBoolean() || ending.get()) {
                    break;
                }
                String[] words = line.strip().split("\\s+");
                Path dir = base.resolve(words[0]).normalize();
                run(new Console(sink, sink, InputStream.nullInputStream(), env, dir, false),
                        Arrays.copyOfRange(words, 1, words.length));
            }
        } finally {
            deleteTree(store);
            trained.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(removal);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs, and finds the store gone
            }
        }
    }

    private static void deleteTree(Path root) {
        try (var walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // a temporary directory left behind is harmless
        }
    }

    /** True when no thread but this one would keep the JVM running after main returns. */
    private static boolean onlyDaemonThreadsLeft() {
        return LiveThreads.all().stream().allMatch(t -> t == Thread.currentThread() || t.isDaemon());
    }

    /** Runs one command line and returns its exit code; nothing here calls System.exit. */
    public static int run(Console console, String... args) {
        try {
            return JcomposeCommand.commandLine(console, args).execute(args);
        } catch (Throwable t) {
            // an Error escapes picocli's handlers: still one line, the trace only when asked for
            console.err().println("internal error: " + t + " (run again with --verbose for details, and report it)");
            if (Arrays.asList(args).contains("--verbose")) {
                t.printStackTrace(console.err());
            }
            console.err().flush();
            return ExitCodes.FAILURE;
        }
    }

    /** Convenience for tests: a console over the given writers, environment and directory. */
    public static int run(PrintWriter out, PrintWriter err, InputStream in, Map<String, String> env, Path cwd,
                          String... args) {
        int code = run(new Console(out, err, in, env, cwd, false), args);
        out.flush();
        err.flush();
        return code;
    }
}
