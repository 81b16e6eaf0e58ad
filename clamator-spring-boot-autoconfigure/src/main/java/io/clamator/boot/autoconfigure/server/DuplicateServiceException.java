package io.clamator.boot.autoconfigure.server;

import io.clamator.protocol.ClamatorException;

/** Two beans of one application serve the same clamator service. */
public class DuplicateServiceException extends ClamatorException {

    private final String service;

    private final String first;

    private final String second;

    /**
     * @param service the service name
     * @param first   what serves it already, e.g. {@code bean 'arithService' (com.example.ArithService)}
     * @param second  what would serve it too
     */
    public DuplicateServiceException(String service, String first, String second) {
        super("Service \"" + service + "\" is served twice: by " + first + " and by " + second);
        this.service = service;
        this.first = first;
        this.second = second;
    }

    public String getService() {
        return service;
    }

    public String getFirst() {
        return first;
    }

    public String getSecond() {
        return second;
    }
}
