package io.clamator.json;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * Reads integer fields from integral JSON numbers written either way: Python writes floats as
 * {@code 5.0}, TypeScript as {@code 5}. A number with a fraction, or out of range, is rejected
 * rather than truncated.
 */
final class IntegralNumbersModule extends SimpleModule {

    IntegralNumbersModule() {
        super("clamator-integral-numbers");
        addDeserializer(Integer.class, new IntegralDeserializer<>(Integer.class, Integer.MIN_VALUE, Integer.MAX_VALUE, Long::intValue));
        addDeserializer(int.class, new IntegralDeserializer<>(int.class, Integer.MIN_VALUE, Integer.MAX_VALUE, Long::intValue));
        addDeserializer(Long.class, new IntegralDeserializer<>(Long.class, Long.MIN_VALUE, Long.MAX_VALUE, Long::longValue));
        addDeserializer(long.class, new IntegralDeserializer<>(long.class, Long.MIN_VALUE, Long.MAX_VALUE, Long::longValue));
        addDeserializer(Short.class, new IntegralDeserializer<>(Short.class, Short.MIN_VALUE, Short.MAX_VALUE, Long::shortValue));
        addDeserializer(short.class, new IntegralDeserializer<>(short.class, Short.MIN_VALUE, Short.MAX_VALUE, Long::shortValue));
    }

    private interface Narrowing<T> {
        T narrow(Long value);
    }

    private static final class IntegralDeserializer<T> extends StdScalarDeserializer<T> {

        private final long min;
        private final long max;
        private final Narrowing<T> narrowing;

        IntegralDeserializer(Class<T> type, long min, long max, Narrowing<T> narrowing) {
            super(type);
            this.min = min;
            this.max = max;
            this.narrowing = narrowing;
        }

        @Override
        public T deserialize(JsonParser p, DeserializationContext ctxt) {
            JsonToken token = p.currentToken();
            if (token == JsonToken.VALUE_NUMBER_INT) {
                return inRange(p, ctxt, p.getNumberValue().doubleValue(), p.getValueAsLong());
            }
            if (token == JsonToken.VALUE_NUMBER_FLOAT) {
                double value = p.getDoubleValue();
                if (!Double.isFinite(value) || value != Math.rint(value)) {
                    return ctxt.reportInputMismatch(this, "expected an integer, got %s", p.getText());
                }
                return inRange(p, ctxt, value, (long) value);
            }
            @SuppressWarnings("unchecked")
            T other = (T) ctxt.handleUnexpectedToken(handledType(), p);
            return other;
        }

        private T inRange(JsonParser p, DeserializationContext ctxt, double approximate, long exact) {
            if (approximate < min || approximate > max || exact < min || exact > max) {
                return ctxt.reportInputMismatch(this, "integer %s out of range [%d, %d]", p.getText(), min, max);
            }
            return narrowing.narrow(exact);
        }

        @Override
        public Object getNullValue(DeserializationContext ctxt) {
            if (handledType().isPrimitive()) {
                if (ctxt.isEnabled(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)) {
                    return ctxt.reportInputMismatch(this, "null is not allowed for a required %s", handledType().getName());
                }
                return narrowing.narrow(0L);
            }
            return null;
        }
    }
}
