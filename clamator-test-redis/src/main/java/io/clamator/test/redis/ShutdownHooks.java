package io.clamator.test.redis;

/** JVM shutdown hooks that stop servers a test forgot to close. */
final class ShutdownHooks {

    private ShutdownHooks() {
    }

    static Thread register(String name, Runnable action) {
        Thread hook = new Thread(action, name);
        Runtime.getRuntime().addShutdownHook(hook);
        return hook;
    }

    static void unregister(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shutdownInProgress) {
            // The hook is running or about to: nothing left to unregister.
        }
    }
}
