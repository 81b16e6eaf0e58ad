package io.clamator.test.redis;

/** Starting and stopping the server behind a {@link TestRedisServer}. */
interface ServerControl {

    /** Starts the server on its port and waits until it answers PING; does nothing if it runs. */
    void start();

    /** Stops the server, keeping its port; does nothing if it is stopped. */
    void stop();

    boolean isRunning();

    /** Stops the server for good and frees what it used. */
    void close();
}
