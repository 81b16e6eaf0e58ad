package io.clamator.transport.spi;

import io.clamator.health.ClamatorHealth;
import java.util.Map;

/**
 * The one-way life of a server or client: new, running, stopped. Start and stop are idempotent;
 * a stopped instance cannot be started again. Not thread-safe on its own: callers synchronise.
 */
final class Lifecycle {

    /** Where an instance is in its life. */
    enum State { NEW, RUNNING, STOPPED }

    private final String subject;
    private volatile State state = State.NEW;

    /** @param subject what is being started, for error messages, e.g. {@code "server"} */
    Lifecycle(String subject) {
        this.subject = subject;
    }

    State state() {
        return state;
    }

    boolean isRunning() {
        return state == State.RUNNING;
    }

    /** The health of an instance that does not run (yet, or any more). */
    ClamatorHealth notRunning() {
        return ClamatorHealth.down(Map.of("state", state == State.NEW ? "not started" : "stopped"));
    }

    /**
     * Whether a start has work to do. The state stays as it is until {@link #started()}, so that
     * nothing treats the instance as running while it is being brought up.
     *
     * @return {@code true} if it is new, {@code false} if it is already running
     * @throws IllegalStateException if it has been stopped
     */
    boolean needsStart() {
        if (state == State.STOPPED) {
            throw new IllegalStateException(subject + " has been stopped; create a new instance");
        }
        return state == State.NEW;
    }

    /** Moves to running, once everything the instance needs is in place. */
    void started() {
        state = State.RUNNING;
    }

    /**
     * Moves to stopped.
     *
     * @return the state it was in: {@link State#RUNNING} when there is a transport to shut down,
     *         {@link State#NEW} when only what its construction holds is to be released
     */
    State stop() {
        State was = state;
        state = State.STOPPED;
        return was;
    }
}
