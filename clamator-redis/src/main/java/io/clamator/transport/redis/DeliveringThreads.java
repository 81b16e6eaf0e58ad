package io.clamator.transport.redis;

import io.netty.util.concurrent.FastThreadLocal;
import io.netty.util.concurrent.FastThreadLocalThread;

/**
 * The Lettuce threads that have delivered something to clamator: a reply, a send's result, a
 * timeout. A blocking call made on one of them could hold up its own send or reply, so it fails at
 * once; other Netty threads (a web server's event loops, say) are not among them. A thread is
 * known from its first delivery on: before the first call's send has completed, a blocking call
 * on the command connection's thread waits for its timeout instead.
 */
final class DeliveringThreads {

    private static final FastThreadLocal<Boolean> DELIVERS = new FastThreadLocal<>();

    private DeliveringThreads() {
    }

    /** Marks the current thread, if it is a Netty thread, as one that delivers. */
    static void markCurrent() {
        if (Thread.currentThread() instanceof FastThreadLocalThread && DELIVERS.get() == null) {
            DELIVERS.set(Boolean.TRUE);
        }
    }

    /** Whether the current thread has delivered something to clamator. */
    static boolean isCurrent() {
        return Thread.currentThread() instanceof FastThreadLocalThread && DELIVERS.get() != null;
    }
}
