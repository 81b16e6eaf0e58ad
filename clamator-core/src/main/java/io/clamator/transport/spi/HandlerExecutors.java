package io.clamator.internal;

import java.lang.reflect.Method;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Creates the executors servers own when none is supplied. */
public final class HandlerExecutors {

    private HandlerExecutors() {
    }

    /**
     * A thread per task: virtual threads when asked for and the JVM has them (Java 21+), otherwise a
     * cached pool of daemon platform threads named {@code <prefix>-N}.
     */
    public static ExecutorService create(String prefix, boolean virtualThreads) {
        if (virtualThreads) {
            ExecutorService virtual = virtualThreadPerTask();
            if (virtual != null) {
                return virtual;
            }
        }
        return Executors.newCachedThreadPool(daemonThreads(prefix));
    }

    /** Whether this JVM supports virtual threads. */
    public static boolean virtualThreadsAvailable() {
        return Runtime.version().feature() >= 21;
    }

    /** A factory of daemon threads named {@code <prefix>-N}. */
    public static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    private static ExecutorService virtualThreadPerTask() {
        if (!virtualThreadsAvailable()) {
            return null;
        }
        try {
            Method factory = Executors.class.getMethod("newVirtualThreadPerTaskExecutor");
            return (ExecutorService) factory.invoke(null);
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }
}
