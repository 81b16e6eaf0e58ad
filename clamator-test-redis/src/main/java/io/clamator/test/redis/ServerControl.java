package io.clamator.test.redis;

/** Starting and stopping the server behind a {@link TestRedisServer}. */
interface ServerControl {

    /** Starts the server on its port and waits until it answers PING; does nothing if it runs. */
    void start();

    /** Stops the server, keeping its port; does nothing if it is stopped. */
    void stop();

    boolean isRunning();

    /** Kills the server process at once (SIGKILL), keeping its port; does nothing if it is stopped. */
    default void kill() {
        throw new UnsupportedOperationException("only a redis-server process started for the test can be killed");
    }

    /** Suspends the server process (SIGSTOP): connections stay open and nothing answers. */
    default void freeze() {
        throw new UnsupportedOperationException("only a redis-server process started for the test can be frozen");
    }

    /** Lets a frozen server process go on (SIGCONT). */
    default void resume() {
        throw new UnsupportedOperationException("only a redis-server process started for the test can be resumed");
    }

    /** Stops the server for good and frees what it used. */
    void close();
}
