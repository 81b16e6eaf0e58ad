package io.clamator.boot.autoconfigure.server;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.task.VirtualThreadTaskExecutor;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Where the application's clamator handlers run: a thread per call, on virtual threads when
 * asked for and the JVM has them (Java 21+). The server lifecycle {@linkplain #drain drains} it
 * at shutdown, so that handlers in flight can finish before the beans they use are destroyed.
 */
public final class ClamatorHandlerExecutor implements Executor, DisposableBean {

    private static final Log logger = LogFactory.getLog(ClamatorHandlerExecutor.class);

    private static final String THREAD_NAME_PREFIX = "clamator-handler-";

    private final ExecutorService delegate;

    private final boolean virtualThreads;

    private final AtomicInteger running = new AtomicInteger();

    private ClamatorHandlerExecutor(ExecutorService delegate, boolean virtualThreads) {
        this.delegate = delegate;
        this.virtualThreads = virtualThreads;
    }

    /**
     * Creates an executor.
     *
     * @param virtualThreads whether to run handlers on virtual threads; ignored before Java 21
     */
    public static ClamatorHandlerExecutor create(boolean virtualThreads) {
        if (virtualThreads) {
            ExecutorService virtual = virtualThreadPerTask();
            if (virtual != null) {
                return new ClamatorHandlerExecutor(virtual, true);
            }
        }
        CustomizableThreadFactory threads = new CustomizableThreadFactory(THREAD_NAME_PREFIX);
        threads.setDaemon(true);
        return new ClamatorHandlerExecutor(Executors.newCachedThreadPool(threads), false);
    }

    /** Whether handlers run on virtual threads. */
    public boolean usesVirtualThreads() {
        return virtualThreads;
    }

    @Override
    public void execute(Runnable command) {
        running.incrementAndGet();
        try {
            delegate.execute(() -> {
                try {
                    command.run();
                } finally {
                    running.decrementAndGet();
                }
            });
        } catch (RuntimeException ex) {
            running.decrementAndGet();
            throw ex;
        }
    }

    /** How many handlers are running or queued. */
    public int runningHandlers() {
        return running.get();
    }

    /**
     * Takes no more handlers and waits for those running to finish.
     *
     * @return whether every handler finished within {@code grace}
     */
    public boolean drain(Duration grace) {
        delegate.shutdown();
        try {
            if (delegate.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                return true;
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        int stillRunning = running.get();
        delegate.shutdownNow();
        if (stillRunning == 0) {
            return true; // only idle pool threads were left
        }
        logger.warn(stillRunning + " clamator handler(s) still running at the end of the shutdown grace period; interrupting them");
        return false;
    }

    /** Whether it has been drained and no handler is running. */
    public boolean isTerminated() {
        return delegate.isTerminated();
    }

    @Override
    public void destroy() {
        delegate.shutdownNow();
    }

    private static ExecutorService virtualThreadPerTask() {
        if (Runtime.version().feature() < 21) {
            return null;
        }
        ThreadFactory factory = new VirtualThreadTaskExecutor(THREAD_NAME_PREFIX).getVirtualThreadFactory();
        try {
            Method perTask = Executors.class.getMethod("newThreadPerTaskExecutor", ThreadFactory.class);
            return (ExecutorService) perTask.invoke(null, factory);
        } catch (ReflectiveOperationException ex) {
            return null;
        }
    }
}
