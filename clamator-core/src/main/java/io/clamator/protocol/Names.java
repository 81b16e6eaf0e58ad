package io.clamator.protocol;

import java.util.function.IntPredicate;
import java.util.regex.Pattern;

/** The naming rules for services and methods shared by every clamator implementation. */
public final class Names {

    /** Service names: lowercase letters, digits and hyphens, starting with a letter. */
    public static final Pattern SERVICE = Pattern.compile("^[a-z][a-z0-9-]*$");
    /** Method names: camelCase letters and digits, starting with a lowercase letter, no hyphen. */
    public static final Pattern METHOD = Pattern.compile("^[a-z][a-zA-Z0-9]*$");

    private Names() {
    }

    /** Whether {@code name} matches {@link #SERVICE}; checked character by character, as every call's names are. */
    public static boolean isValidService(String name) {
        return startsLowerCaseThen(name, c -> isLowerCaseLetter(c) || isDigit(c) || c == '-');
    }

    /** Whether {@code name} matches {@link #METHOD}; checked character by character, as every call's names are. */
    public static boolean isValidMethod(String name) {
        return startsLowerCaseThen(name, c -> isLowerCaseLetter(c) || isDigit(c) || (c >= 'A' && c <= 'Z'));
    }

    /** Whether {@code name} is a lower-case ASCII letter followed by characters {@code allowed} accepts. */
    private static boolean startsLowerCaseThen(String name, IntPredicate allowed) {
        if (name == null || name.isEmpty() || !isLowerCaseLetter(name.charAt(0))) {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            if (!allowed.test(name.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isLowerCaseLetter(int c) {
        return c >= 'a' && c <= 'z';
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    /**
     * A valid method name close to an invalid one, for messages: {@code get_price} and
     * {@code GetPrice} become {@code getPrice}; {@code null} when none can be made.
     */
    public static String suggestMethod(String name) {
        if (name == null) {
            return null;
        }
        StringBuilder suggestion = new StringBuilder();
        boolean upperNext = false;
        for (char c : name.toCharArray()) {
            if (Character.isLetterOrDigit(c) && c < 128) {
                if (suggestion.isEmpty()) {
                    if (Character.isLetter(c)) {
                        suggestion.append(Character.toLowerCase(c));
                    }
                } else {
                    suggestion.append(upperNext ? Character.toUpperCase(c) : c);
                }
                upperNext = false;
            } else {
                upperNext = !suggestion.isEmpty();
            }
        }
        String candidate = suggestion.toString();
        return isValidMethod(candidate) ? candidate : null;
    }

    /** The wire form {@code <service>.<method>}. */
    public static String qualified(String service, String method) {
        return service + "." + method;
    }
}
