package org.labelcrew.schema.internal;

import java.util.List;
import org.labelcrew.shared.ApiException.FieldError;
import tools.jackson.databind.JsonNode;

/** minChars / maxChars, counted in Unicode code points so Hangul and emoji count as one character each. */
final class Limits {

    private Limits() {
    }

    static void check(JsonNode field, String path, List<FieldError> errors, int hardMax) {
        Integer min = intOrError(field, "minChars", path, errors);
        Integer max = intOrError(field, "maxChars", path, errors);
        if (min != null && min < 0) errors.add(FieldError.field(path + ".minChars", "must be 0 or more"));
        if (max != null && (max < 1 || max > hardMax)) errors.add(FieldError.field(path + ".maxChars", "must be 1.." + hardMax));
        if (min != null && max != null && min > max) errors.add(FieldError.field(path + ".minChars", "is more than maxChars"));
    }

    static void checkLength(JsonNode field, String value, String path, List<FieldError> errors, int hardMax) {
        int n = value.codePointCount(0, value.length());
        int min = field.path("minChars").asInt(0);
        int max = field.path("maxChars").asInt(hardMax);
        if (n < min) errors.add(FieldError.field(path, "has " + n + " characters; at least " + min + " needed"));
        if (n > max) errors.add(FieldError.field(path, "has " + n + " characters; at most " + max + " allowed"));
    }

    private static Integer intOrError(JsonNode field, String key, String path, List<FieldError> errors) {
        JsonNode v = field.get(key);
        if (v == null || v.isNull()) return null;
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            errors.add(FieldError.field(path + "." + key, "must be a whole number"));
            return null;
        }
        return v.asInt();
    }
}
