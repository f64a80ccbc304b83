package io.jcompose.cli;

import java.util.Arrays;
import java.util.List;

/** The live platform threads of this JVM, from its thread groups: no stack is taken, unlike Thread.getAllStackTraces. */
public final class LiveThreads {

    private LiveThreads() {
    }

    /** Every live platform thread (virtual threads are in no thread group). */
    public static List<Thread> all() {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        while (true) {
            Thread[] threads = new Thread[root.activeCount() + 16];
            int count = root.enumerate(threads, true);
            // a full array may have left some out: enumerate again into a larger one
            if (count < threads.length) {
                return Arrays.stream(threads, 0, count).filter(Thread::isAlive).toList();
            }
        }
    }
}
