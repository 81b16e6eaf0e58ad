package io.clamator.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * Reads {@link BigDecimal} and {@link BigInteger} fields exactly, from a JSON number or from a
 * string holding one: Python (Pydantic) writes a {@code Decimal} as a string, and a string is how
 * a TypeScript peer carries a number beyond 2<sup>53</sup>. Anything else is rejected, and so is a
 * value whose exponent would make it absurdly large to hold.
 */
final class ExactNumbersModule extends SimpleModule {

    /** The largest exponent accepted, either way; far beyond any amount, small enough to compute with. */
    static final int MAX_SCALE = 9_999;

    ExactNumbersModule() {
        super("clamator-exact-numbers");
        addDeserializer(BigDecimal.class, new DecimalDeserializer());
        addDeserializer(BigInteger.class, new BigIntegerDeserializer());
    }

    private static BigDecimal decimalOf(JsonParser p, DeserializationContext ctxt, StdScalarDeserializer<?> reader, String expected) {
        JsonToken token = p.currentToken();
        BigDecimal value;
        if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
            value = p.getDecimalValue();
        } else if (token == JsonToken.VALUE_STRING) {
            try {
                value = new BigDecimal(p.getString());
            } catch (NumberFormatException e) {
                return ctxt.reportInputMismatch(reader, "expected %s, got \"%s\"", expected, p.getString());
            }
        } else {
            return (BigDecimal) ctxt.handleUnexpectedToken(reader.handledType(), p);
        }
        if (Math.abs((long) value.scale()) > MAX_SCALE) {
            return ctxt.reportInputMismatch(reader, "number %s out of range", p.getString());
        }
        return value;
    }

    private static final class DecimalDeserializer extends StdScalarDeserializer<BigDecimal> {

        DecimalDeserializer() {
            super(BigDecimal.class);
        }

        @Override
        public BigDecimal deserialize(JsonParser p, DeserializationContext ctxt) {
            return decimalOf(p, ctxt, this, "a decimal number");
        }
    }

    private static final class BigIntegerDeserializer extends StdScalarDeserializer<BigInteger> {

        BigIntegerDeserializer() {
            super(BigInteger.class);
        }

        @Override
        public BigInteger deserialize(JsonParser p, DeserializationContext ctxt) {
            if (p.currentToken() == JsonToken.VALUE_NUMBER_INT) {
                return p.getBigIntegerValue();
            }
            BigDecimal value = decimalOf(p, ctxt, this, "an integer");
            try {
                return value.toBigIntegerExact();
            } catch (ArithmeticException e) {
                return ctxt.reportInputMismatch(this, "expected an integer, got %s", p.getString());
            }
        }
    }
}
