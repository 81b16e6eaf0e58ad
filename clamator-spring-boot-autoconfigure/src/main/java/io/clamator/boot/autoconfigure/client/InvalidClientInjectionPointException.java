package io.clamator.boot.autoconfigure.client;

import io.clamator.protocol.ClamatorException;

/**
 * An injection point marked {@link io.clamator.boot.ClamatorClient @ClamatorClient} cannot be
 * served: its type is not a contract interface, or it names a backend that is not configured.
 */
public class InvalidClientInjectionPointException extends ClamatorException {

    /** Why the injection point cannot be served. */
    public enum Reason {
        /** The type is not an interface annotated with {@code @ClamatorContract}. */
        NOT_A_CONTRACT,
        /** The backend is not configured under {@code clamator.backends}. */
        UNKNOWN_BACKEND
    }

    private final String injectionPoint;

    private final Class<?> type;

    private final String backend;

    private final Reason reason;

    public InvalidClientInjectionPointException(String injectionPoint, Class<?> type, String backend, Reason reason) {
        super(message(injectionPoint, type, backend, reason));
        this.injectionPoint = injectionPoint;
        this.type = type;
        this.backend = backend;
        this.reason = reason;
    }

    private static String message(String injectionPoint, Class<?> type, String backend, Reason reason) {
        return switch (reason) {
            case NOT_A_CONTRACT -> "@ClamatorClient on " + injectionPoint + ": " + type.getName()
                    + " is not a clamator contract (an interface annotated with @ClamatorContract)";
            case UNKNOWN_BACKEND -> "@ClamatorClient on " + injectionPoint + " names the backend '" + backend
                    + "', which is not configured under clamator.backends";
        };
    }

    /** A description of the field or parameter, e.g. {@code field 'arith' of com.example.Checkout}. */
    public String getInjectionPoint() {
        return injectionPoint;
    }

    public Class<?> getType() {
        return type;
    }

    public String getBackend() {
        return backend;
    }

    public Reason getReason() {
        return reason;
    }
}
