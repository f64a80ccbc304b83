package io.jcompose.cli.standby;

import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

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
        return new Baseline(Thread.getAllStackTraces().keySet(), copy, root().getLevel());
    }

    /** Puts properties and log level back; false when a thread of the last command is still alive. */
    boolean restore() {
        Set<Thread> left = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && !threads.contains(t) && t != Thread.currentThread())
                .filter(t -> POOL_PREFIXES.stream().noneMatch(t.getName()::startsWith))
                .collect(Collectors.toSet());
        if (!left.isEmpty()) {
            org.slf4j.LoggerFactory.getLogger(Baseline.class).debug("threads left by the command: {}",
                    left.stream().map(Thread::getName).sorted().toList());
        }
        root().setLevel(level);
        Properties now = System.getProperties();
        now.keySet().retainAll(properties.keySet());
        now.putAll(properties);
        return left.isEmpty();
    }

    private static ch.qos.logback.classic.Logger root() {
        return (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
