package io.clamator.transport.redis;

/** There is no dead letter of that id (never was, or replayed or purged meanwhile). */
public final class NoSuchDeadLetterException extends IllegalArgumentException {

    NoSuchDeadLetterException(String message) {
        super(message);
    }
}
