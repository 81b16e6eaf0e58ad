package io.clamator.protocol;

/**
 * Something on the wire does not follow the protocol: an envelope that fails the JSON-RPC
 * parsing rules, JSON that cannot be parsed, a reply whose result does not fit the expected
 * type, or a value that cannot be written as JSON (NaN, infinities).
 */
public class ClamatorProtocolException extends ClamatorException {

    public ClamatorProtocolException(String message) {
        super(message);
    }

    public ClamatorProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
