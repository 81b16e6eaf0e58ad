package io.clamator.server;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Finds the default {@link PayloadValidator}. */
final class PayloadValidators {

    private static final Logger log = LoggerFactory.getLogger(PayloadValidators.class);

    private PayloadValidators() {
    }

    /**
     * Jakarta Bean Validation when its API and a provider are on the classpath, otherwise
     * {@link PayloadValidator#NONE}.
     */
    static PayloadValidator detect() {
        try {
            Class.forName("jakarta.validation.Validation", false, PayloadValidators.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            return PayloadValidator.NONE;
        }
        try {
            return BeanValidationPayloadValidator.createDefault();
        } catch (RuntimeException | LinkageError e) {
            log.debug("Jakarta Bean Validation API present but no usable provider; params and results are not validated", e);
            return PayloadValidator.NONE;
        }
    }
}
