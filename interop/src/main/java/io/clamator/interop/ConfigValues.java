package io.clamator.interop;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Values of a driver's JSON configuration. */
public final class ConfigValues {

    private ConfigValues() {
    }

    /** The strings of a value that is an array of strings or one string; none for a missing value. */
    public static List<String> strings(JsonNode value) {
        List<String> strings = new ArrayList<>();
        if (value.isArray()) {
            value.forEach(each -> strings.add(each.asString()));
        } else if (!value.isMissingNode() && !value.isNull()) {
            strings.add(value.asString());
        }
        return strings;
    }
}
