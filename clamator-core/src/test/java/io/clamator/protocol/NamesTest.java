package io.clamator.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class NamesTest {

    private static final String ALPHABET = "abcxyzAMZ09-_.$ \n\tüéıＡ٣";

    @Test
    void serviceNamesFollowTheRule() {
        assertThat(Names.isValidService("inventory")).isTrue();
        assertThat(Names.isValidService("stock-levels2")).isTrue();
        assertThat(Names.isValidService("a")).isTrue();
        assertThat(Names.isValidService("Inventory")).isFalse();
        assertThat(Names.isValidService("2inventory")).isFalse();
        assertThat(Names.isValidService("-inventory")).isFalse();
        assertThat(Names.isValidService("stock_levels")).isFalse();
        assertThat(Names.isValidService("inventory\n")).isFalse();
        assertThat(Names.isValidService("")).isFalse();
        assertThat(Names.isValidService(null)).isFalse();
    }

    @Test
    void methodNamesFollowTheRule() {
        assertThat(Names.isValidMethod("getPrice")).isTrue();
        assertThat(Names.isValidMethod("v2Lookup")).isTrue();
        assertThat(Names.isValidMethod("x")).isTrue();
        assertThat(Names.isValidMethod("GetPrice")).isFalse();
        assertThat(Names.isValidMethod("get-price")).isFalse();
        assertThat(Names.isValidMethod("get_price")).isFalse();
        assertThat(Names.isValidMethod("getPrice\n")).isFalse();
        assertThat(Names.isValidMethod("")).isFalse();
        assertThat(Names.isValidMethod(null)).isFalse();
    }

    /** The checks agree with the published patterns on every string tried, non-ASCII letters and digits included. */
    @Test
    void theChecksAgreeWithThePatterns() {
        Random random = new Random(7);
        for (int i = 0; i < 200_000; i++) {
            StringBuilder name = new StringBuilder();
            int length = random.nextInt(6);
            for (int j = 0; j < length; j++) {
                name.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            String candidate = name.toString();
            assertThat(Names.isValidService(candidate)).as("service %s", candidate).isEqualTo(Names.SERVICE.matcher(candidate).matches());
            assertThat(Names.isValidMethod(candidate)).as("method %s", candidate).isEqualTo(Names.METHOD.matcher(candidate).matches());
        }
    }
}
