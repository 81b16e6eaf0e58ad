package io.clamator.transport.spi;

/**
 * What a server transport runs for one served service. {@link AbstractRpcServer#stop()} stops
 * every worker the same way, within one grace period: {@link #stopReceiving()}, then
 * {@link #awaitIdle(long)} until the deadline, then {@link #abandon()} if work is left.
 */
public interface ServiceWorker {

    /** The served service's name. */
    String service();

    /** Handlers of the service running now. */
    int handlersActive();

    /** Calls received and waiting for a handler slot. */
    int entriesQueued();

    /**
     * Takes no new calls. Calls received but not started are given back (over Redis they stay
     * unacknowledged, for another instance).
     */
    void stopReceiving();

    /**
     * Waits until no handler of the service is running and nothing the worker started with the
     * transport is under way.
     *
     * @param deadlineNanos a {@link System#nanoTime()} value after which to give up
     * @return whether the worker became idle before the deadline
     */
    boolean awaitIdle(long deadlineNanos) throws InterruptedException;

    /**
     * Gives up on handlers still running: their results are not delivered (over Redis their
     * entries stay unacknowledged, for another instance) and their threads are interrupted.
     */
    void abandon();
}
