package io.clamator.server;

import java.util.List;

/**
 * Validates bound params and handler results beyond what JSON binding checks. The default is
 * Jakarta Bean Validation when a provider is on the classpath.
 */
@FunctionalInterface
public interface PayloadValidator {

    /** A validator that accepts everything. */
    PayloadValidator NONE = value -> List.of();

    /** The violations of the value; empty when it is valid. Never called with {@code null}. */
    List<Violation> validate(Object value);
}
