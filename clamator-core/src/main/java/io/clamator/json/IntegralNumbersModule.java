package io.clamator.json;

import java.math.BigDecimal;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * Reads integer fields from integral JSON numbers written either way: Python writes floats as
 * {@code 5.0}, TypeScript as {@code 5}. A number with a fraction, or out of range, is rejected
 * rather than truncated or rounded; every digit counts ({@code 9007199254740993.0} is that long).
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

        private final BigDecimal min;
        private final BigDecimal max;
        private final Narrowing<T> narrowing;

        IntegralDeserializer(Class<T> type, long min, long max, Narrowing<T> narrowing) {
            super(type);
            this.min = BigDecimal.valueOf(min);
            this.max = BigDecimal.valueOf(max);
            this.narrowing = narrowing;
        }

        @Override
        public T deserialize(JsonParser p, DeserializationContext ctxt) {
            JsonToken token = p.currentToken();
            if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
                @SuppressWarnings("unchecked")
                T other = (T) ctxt.handleUnexpectedToken(handledType(), p);
                return other;
            }
            BigDecimal value = p.getDecimalValue();
            if (token == JsonToken.VALUE_NUMBER_FLOAT && value.signum() != 0 && value.stripTrailingZeros().scale() > 0) {
                return ctxt.reportInputMismatch(this, "expected an integer, got %s", p.getString());
            }
            if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
                return ctxt.reportInputMismatch(this, "integer %s out of range [%s, %s]", p.getString(), min, max);
            }
            return narrowing.narrow(value.longValue());
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
