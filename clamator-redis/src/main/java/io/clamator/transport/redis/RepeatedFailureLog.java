package io.clamator.transport.redis;

import io.clamator.internal.AsyncResults;
import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;

/**
 * The log of a periodic task that talks to Redis (reclaiming, keeping entries claimed, cleaning
 * up): a failure is logged at WARN the first time its cause is seen, again only at DEBUG, and the
 * task's recovery at INFO. A task that fails for good (Redis too old, an ACL without the command)
 * says so once, loudly, instead of on every interval, and a flood of failures cannot flood the log.
 */
final class RepeatedFailureLog {

    private final Logger log;
    private final String task;
    /** Guarded by {@code this}: the causes logged at WARN since the task last succeeded. */
    private final Set<String> reported = new HashSet<>();

    /** @param task what fails, for the log, e.g. {@code "reclaiming entries of service arith"} */
    RepeatedFailureLog(Logger log, String task) {
        this.log = log;
        this.task = task;
    }

    /** Logs a failure; {@code consequence} says what happens next, e.g. {@code "trying again in 15 s"}. */
    void failed(Throwable failure, String consequence) {
        Throwable error = AsyncResults.unwrap(failure);
        boolean first;
        synchronized (this) {
            first = reported.add(causeOf(error));
        }
        if (first) {
            log.warn("{} failed: {}; {}", task, error.toString(), consequence);
        } else {
            log.debug("{} failed again: {}", task, error.toString());
        }
    }

    /** Records a success; logs the recovery if the task had failed. */
    void succeeded() {
        boolean recovered;
        synchronized (this) {
            recovered = !reported.isEmpty();
            reported.clear();
        }
        if (recovered) {
            log.info("{} works again", task);
        }
    }

    /** Error replies are told apart by their text (which names the command); other failures by their kind. */
    private static String causeOf(Throwable error) {
        RedisErrorKind kind = RedisErrorKind.of(error);
        return kind == RedisErrorKind.OTHER_ERROR_REPLY || kind == RedisErrorKind.NO_PERMISSION
                ? kind + " " + error.getMessage()
                : kind.name();
    }
}
