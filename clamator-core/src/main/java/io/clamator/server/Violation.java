package io.clamator.server;

/**
 * One reason params or a result failed validation, as sent in the {@code data.errors} list of
 * -32602 and -32603 errors.
 *
 * @param path    where in the value, e.g. {@code items[0].quantity}; empty for the whole value
 * @param message what is wrong
 */
public record Violation(String path, String message) {
}
