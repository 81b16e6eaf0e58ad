package io.clamator.interop.server;

import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.DisposableBean;

/**
 * Counts handler invocations (notifications included) and reports the count as
 * {@code HANDLED:<n>} on stderr when the application shuts down. It is destroyed after the
 * clamator server has stopped, so the handlers drained at shutdown are counted too.
 */
public class HandledCounter implements DisposableBean {

    private final AtomicInteger handled = new AtomicInteger();

    public void increment() {
        handled.incrementAndGet();
    }

    public int get() {
        return handled.get();
    }

    @Override
    public void destroy() {
        System.err.println("HANDLED:" + handled.get());
        System.err.flush();
    }
}
