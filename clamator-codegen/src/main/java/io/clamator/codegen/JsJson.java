package io.clamator.codegen;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON text exactly as JavaScript's {@code JSON.stringify} writes it: keys in their order, every
 * number as the JavaScript number it reads as ({@code 1e-7}, {@code 1e+21}, {@code 5} for
 * {@code 5.0}), strings escaped as JavaScript escapes them. What the schema hashes are taken of,
 * and the scalars of the description and of Zod files.
 */
final class JsJson {

    /** Reads JSON the same way everywhere in this module. */
    static final JsonMapper MAPPER = JsonMapper.builder().build();

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private JsJson() {
    }

    /** The compact JSON text of a tree. */
    static String stringify(JsonNode value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    /** A string as a JSON string literal. */
    static String stringify(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2);
        quote(text, out);
        return out.toString();
    }

    private static void write(JsonNode node, StringBuilder out) {
        switch (node.getNodeType()) {
            case OBJECT -> {
                out.append('{');
                String separator = "";
                for (var property : node.properties()) {
                    out.append(separator);
                    quote(property.getKey(), out);
                    out.append(':');
                    write(property.getValue(), out);
                    separator = ",";
                }
                out.append('}');
            }
            case ARRAY -> {
                out.append('[');
                String separator = "";
                for (JsonNode element : node) {
                    out.append(separator);
                    write(element, out);
                    separator = ",";
                }
                out.append(']');
            }
            case STRING -> quote(node.asString(), out);
            case NUMBER -> out.append(number(node.doubleValue()));
            case BOOLEAN -> out.append(node.booleanValue());
            case NULL -> out.append("null");
            default -> throw new IllegalArgumentException("not a JSON value: " + node.getNodeType());
        }
    }

    /**
     * A number as JavaScript writes it (ECMAScript's Number::toString): the fewest digits that read
     * back as the same double, plain from 10<sup>-6</sup> up to 10<sup>21</sup>, else with an
     * exponent; {@code null} for what JSON has no number for.
     */
    static String number(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "null";
        }
        if (value == 0) {
            return "0";
        }
        if (value < 0) {
            return "-" + number(-value);
        }
        BigDecimal shortest = shortestDecimal(value);
        String digits = shortest.unscaledValue().toString();
        int k = digits.length();
        int n = k - shortest.scale();
        StringBuilder out = new StringBuilder(k + 8);
        if (k <= n && n <= 21) {
            out.append(digits).append("0".repeat(n - k));
        } else if (0 < n && n <= 21) {
            out.append(digits, 0, n).append('.').append(digits, n, k);
        } else if (-6 < n && n <= 0) {
            out.append("0.").append("0".repeat(-n)).append(digits);
        } else {
            out.append(digits.charAt(0));
            if (k > 1) {
                out.append('.').append(digits, 1, k);
            }
            out.append('e').append(n - 1 < 0 ? '-' : '+').append(Math.abs(n - 1));
        }
        return out.toString();
    }

    /**
     * The decimal of fewest digits that reads back as the value and, among those, the closest to
     * it (the even one on a tie), without trailing zeros. Both neighbours of each length are tried:
     * at a power of two the doubles below lie twice as close as those above, so the nearest decimal
     * may read back as another double while the one on the far side still reads back as this one.
     */
    private static BigDecimal shortestDecimal(double value) {
        BigDecimal exact = new BigDecimal(value);
        for (int precision = 1; ; precision++) {
            BigDecimal below = exact.round(new MathContext(precision, RoundingMode.FLOOR));
            BigDecimal above = exact.round(new MathContext(precision, RoundingMode.CEILING));
            boolean belowReadsBack = below.doubleValue() == value;
            boolean aboveReadsBack = above.doubleValue() == value;
            if (belowReadsBack && aboveReadsBack) {
                int nearer = exact.subtract(below).compareTo(above.subtract(exact));
                BigDecimal chosen = nearer < 0 ? below : nearer > 0 ? above
                        : below.unscaledValue().testBit(0) ? above : below;
                return chosen.stripTrailingZeros();
            }
            if (belowReadsBack || aboveReadsBack) {
                return (belowReadsBack ? below : above).stripTrailingZeros();
            }
        }
    }

    /** JSON.stringify's quoting: the two-character escapes, other control characters and lone surrogates as lower-case {@code \\u} escapes. */
    private static void quote(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || loneSurrogate(text, i)) {
                        out.append("\\u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 0xF]).append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static boolean loneSurrogate(String text, int i) {
        char c = text.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1));
        }
        return Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(text.charAt(i - 1)));
    }
}
