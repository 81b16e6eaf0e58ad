package io.clamator.transport.spi;

import java.lang.reflect.Method;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Creates the executor a server owns when none is supplied. */
final class HandlerExecutors {

    private HandlerExecutors() {
    }

    /**
     * A thread per task: virtual threads when asked for and the JVM has them (Java 21+), otherwise a
     * cached pool of daemon platform threads named {@code <prefix>-N}.
     */
    static ExecutorService create(String prefix, boolean virtualThreads) {
        if (virtualThreads && Runtime.version().feature() >= 21) {
            try {
                Method perTask = Executors.class.getMethod("newVirtualThreadPerTaskExecutor");
                return (ExecutorService) perTask.invoke(null);
            } catch (ReflectiveOperationException e) {
                // not a JDK with virtual threads after all: platform threads below
            }
        }
        return Executors.newCachedThreadPool(daemonThreads(prefix));
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
