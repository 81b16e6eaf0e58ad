package io.clamator.transport.spi;

import io.clamator.json.ClamatorJson;
import io.clamator.server.Violation;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.temporal.Temporal;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Says why params did not bind, for the {@code data.errors} of {@code -32602}: where, and what the
 * field expected against what came, in words a caller can show (no Java class names, no library
 * internals), e.g. {@code items[2].quantity: expected an integer, got "two"}.
 */
final class BindingErrors {

    private static final Set<Class<?>> INTEGERS = Set.of(int.class, long.class, short.class, byte.class, Integer.class, Long.class,
            Short.class, Byte.class, BigInteger.class);
    private static final Set<Class<?>> NUMBERS = Set.of(double.class, float.class, Double.class, Float.class, Number.class);
    private static final Map<Class<?>, long[]> RANGES = Map.of(
            int.class, new long[] {Integer.MIN_VALUE, Integer.MAX_VALUE}, Integer.class, new long[] {Integer.MIN_VALUE, Integer.MAX_VALUE},
            long.class, new long[] {Long.MIN_VALUE, Long.MAX_VALUE}, Long.class, new long[] {Long.MIN_VALUE, Long.MAX_VALUE},
            short.class, new long[] {Short.MIN_VALUE, Short.MAX_VALUE}, Short.class, new long[] {Short.MIN_VALUE, Short.MAX_VALUE},
            byte.class, new long[] {Byte.MIN_VALUE, Byte.MAX_VALUE}, Byte.class, new long[] {Byte.MIN_VALUE, Byte.MAX_VALUE});
    private static final int SHOWN_TEXT = 40;

    private final ClamatorJson json;

    BindingErrors(ClamatorJson json) {
        this.json = json;
    }

    /** The violation a binding error of {@code params} amounts to. */
    Violation describe(JacksonException error, JsonNode params) {
        String path = JsonPaths.of(error);
        JsonNode received = JsonPaths.find(params, error);
        if (error instanceof UnrecognizedPropertyException) {
            return new Violation(path, "is not a field of these params");
        }
        Class<?> target = error instanceof MismatchedInputException mismatch ? mismatch.getTargetType() : null;
        if (received == null || received.isMissingNode()) {
            return new Violation(path, "is required");
        }
        if (received.isNull()) {
            return new Violation(path, "must not be null");
        }
        if (target == null) {
            return new Violation(path, "does not fit these params, got " + shown(received));
        }
        if (target.isEnum()) {
            return new Violation(path, "expected one of " + wireNames(target) + ", got " + shown(received));
        }
        if (INTEGERS.contains(target) && received.isNumber()) {
            long[] range = RANGES.get(target);
            return new Violation(path, received.isIntegralNumber() && range != null
                    ? "expected an integer from " + range[0] + " to " + range[1] + ", got " + received
                    : "expected an integer, got " + received);
        }
        return new Violation(path, "expected " + expected(target) + ", got " + shown(received));
    }

    private static String expected(Class<?> type) {
        if (CharSequence.class.isAssignableFrom(type) || type == char.class || type == Character.class) {
            return "a string";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (INTEGERS.contains(type)) {
            return "an integer";
        }
        if (NUMBERS.contains(type)) {
            return "a number";
        }
        if (type == BigDecimal.class) {
            return "a decimal number (a JSON number, or a string holding one)";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (Temporal.class.isAssignableFrom(type) || type == UUID.class) {
            return "a string in the form of a " + type.getSimpleName();
        }
        return Map.class.isAssignableFrom(type) || !type.getName().startsWith("java.") ? "an object" : "a value of another kind";
    }

    private static String shown(JsonNode value) {
        if (value.isString()) {
            String text = value.stringValue();
            return "a string (\"" + (text.length() > SHOWN_TEXT ? text.substring(0, SHOWN_TEXT) + "..." : text) + "\")";
        }
        if (value.isNumber()) {
            return "a number (" + value + ")";
        }
        if (value.isBoolean()) {
            return value.booleanValue() ? "true" : "false";
        }
        return value.isArray() ? "an array" : "an object";
    }

    private String wireNames(Type enumType) {
        Object[] constants = ((Class<?>) enumType).getEnumConstants();
        return Arrays.stream(constants).map(constant -> json.toTree(constant).asString()).collect(Collectors.joining(", ", "[", "]"));
    }
}
