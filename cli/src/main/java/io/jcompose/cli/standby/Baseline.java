package io.jcompose.cli.standby;

import io.jcompose.cli.LiveThreads;
import java.util.List;
import java.util.Properties;
import java.util.Set;

/**
 * What a standby JVM was like before its first command: its platform threads, system properties and log level.
 * After a command it is put back, or found impossible to put back (a thread the command left running), in which
 * case the JVM must end rather than take another command.
 */
final class Baseline {

    /** Pooled threads that a command may start and leave idle: the JDK's own pools, never the command's code. */
    private static final Set<String> POOL_PREFIXES = Set.of("ForkJoinPool", "process reaper", "CarrierThread",
            "InnocuousThread", "Common-Cleaner", "Cleaner-", "VirtualThread-unblocker", "Attach Listener",
            "Notification Thread", "standby-signals");

    private final Set<Thread> threads;
    private final Properties properties;
    private final ch.qos.logback.classic.Level level;

    private Baseline(Set<Thread> threads, Properties properties, ch.qos.logback.classic.Level level) {
        this.threads = threads;
        this.properties = properties;
        this.level = level;
    }

    static Baseline now() {
        Properties copy = new Properties();
        copy.putAll(System.getProperties());
        return new Baseline(Set.copyOf(LiveThreads.all()), copy, root().getLevel());
    }

    /**
     * Puts properties and log level back, and returns the names of the threads the last command left running: a
     * JVM with any of them must not take another command.
     */
    List<String> restore() {
        List<String> left = LiveThreads.all().stream()
                .filter(t -> !threads.contains(t) && t != Thread.currentThread())
                .filter(t -> POOL_PREFIXES.stream().noneMatch(t.getName()::startsWith))
                .map(Thread::getName).sorted().toList();
        root().setLevel(level);
        Properties now = System.getProperties();
        now.keySet().retainAll(properties.keySet());
        now.putAll(properties);
        return left;
    }

    private static ch.qos.logback.classic.Logger root() {
        return (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
