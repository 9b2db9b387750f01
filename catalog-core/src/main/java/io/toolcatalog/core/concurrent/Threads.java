package io.toolcatalog.core.concurrent;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** The one way the server makes threads: named for what they run, so a thread dump reads. */
public final class Threads {

    private Threads() {}

    /**
     * Threads named {@code prefix-1}, {@code prefix-2}, …; daemon threads never keep the JVM
     * alive (the node's executors are shut down by their owners).
     */
    public static ThreadFactory named(String prefix, boolean daemon) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(daemon);
            return thread;
        };
    }
}
