package io.clamator.server;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.util.Comparator;
import java.util.List;

/** Validates params and results with Jakarta Bean Validation constraints. */
public final class BeanValidationPayloadValidator implements PayloadValidator {

    private final Validator validator;

    public BeanValidationPayloadValidator(Validator validator) {
        this.validator = validator;
    }

    static PayloadValidator createDefault() {
        return new BeanValidationPayloadValidator(Validation.buildDefaultValidatorFactory().getValidator());
    }

    @Override
    public List<Violation> validate(Object value) {
        return validator.validate(value).stream()
                .map(BeanValidationPayloadValidator::toViolation)
                .sorted(Comparator.comparing(Violation::path).thenComparing(Violation::message))
                .toList();
    }

    private static Violation toViolation(ConstraintViolation<Object> violation) {
        return new Violation(violation.getPropertyPath().toString(), violation.getMessage());
    }
}
