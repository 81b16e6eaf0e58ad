package io.clamator.client;

import io.clamator.internal.HandlerExecutors;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/** The one timer thread that expires calls of every client in the JVM. */
final class Timeouts {

    static final ScheduledThreadPoolExecutor SCHEDULER = create();

    private Timeouts() {
    }

    private static ScheduledThreadPoolExecutor create() {
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, HandlerExecutors.daemonThreads("clamator-timeouts"));
        scheduler.setRemoveOnCancelPolicy(true);
        return scheduler;
    }
}
