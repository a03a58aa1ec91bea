package org.labelcrew.schema.internal;

import java.text.Normalizer;
import java.util.List;
import org.labelcrew.shared.ApiException.FieldError;
import tools.jackson.databind.JsonNode;

/**
 * The numeric rules fields share: {@code minChars / maxChars}, counted in Unicode code points of the NFC form so Hangul
 * (typed or NFD from a file system) and emoji count as one character each; and {@code min / max} counts of items.
 */
final class Limits {

    private Limits() {
    }

    static void check(JsonNode field, String path, List<FieldError> errors, int hardMax) {
        Integer min = intOrError(field, "minChars", path, errors);
        Integer max = intOrError(field, "maxChars", path, errors);
        if (min != null && min < 0) errors.add(FieldError.coded(path + ".minChars", "number.atLeast", "must be 0 or more", "min", 0));
        if (max != null && (max < 1 || max > hardMax)) errors.add(FieldError.coded(path + ".maxChars", "number.range", "must be 1.." + hardMax, "min", 1, "max", hardMax));
        if (min != null && max != null && min > max) errors.add(FieldError.coded(path + ".minChars", "number.moreThan", "is more than maxChars", "other", "maxChars", "max", max));
    }

    static void checkLength(JsonNode field, String value, String path, List<FieldError> errors, int hardMax) {
        int n = codePoints(value);
        int min = field.path("minChars").asInt(0);
        int max = field.path("maxChars").asInt(hardMax);
        if (n < min) errors.add(FieldError.coded(path, "field.tooShort", "has " + n + " characters; at least " + min + " needed (minChars)", "min", min, "actual", n));
        if (n > max) errors.add(FieldError.coded(path, "field.tooLong", "has " + n + " characters; at most " + max + " allowed (maxChars)", "max", max, "actual", n));
    }

    /** Length in code points of the NFC form: what a person sees as characters, the same on server and browser. */
    static int codePoints(String value) {
        String nfc = Normalizer.normalize(value, Normalizer.Form.NFC);
        return nfc.codePointCount(0, nfc.length());
    }

    /** Optional {@code min} and {@code max} item counts: whole numbers, {@code 0 ≤ min ≤ max ≤ hardMax}. */
    static void checkCount(JsonNode field, String path, List<FieldError> errors, int hardMax) {
        Integer min = intOrError(field, "min", path, errors);
        Integer max = intOrError(field, "max", path, errors);
        if (min != null && (min < 0 || min > hardMax)) errors.add(FieldError.coded(path + ".min", "number.range", "must be 0.." + hardMax, "min", 0, "max", hardMax));
        if (max != null && (max < 1 || max > hardMax)) errors.add(FieldError.coded(path + ".max", "number.range", "must be 1.." + hardMax, "min", 1, "max", hardMax));
        if (min != null && max != null && min > max) errors.add(FieldError.coded(path + ".min", "number.moreThan", "is more than max (" + max + ")", "other", "max", "max", max));
    }

    /** {@code n} items given; {@code noun} is plural ("spans", "sentences"). */
    static void checkCountValue(JsonNode field, int n, String noun, String path, List<FieldError> errors) {
        JsonNode min = field.get("min");
        JsonNode max = field.get("max");
        if (min != null && min.isIntegralNumber() && n < min.asInt()) {
            errors.add(FieldError.coded(path, "field.tooFew", "has " + n + " " + noun + "; at least " + min.asInt() + " needed (min)",
                    "min", min.asInt(), "actual", n));
        }
        if (max != null && max.isIntegralNumber() && n > max.asInt()) {
            errors.add(FieldError.coded(path, "field.tooMany", "has " + n + " " + noun + "; at most " + max.asInt() + " allowed (max)",
                    "max", max.asInt(), "actual", n));
        }
    }

    static void checkBoolean(JsonNode field, String key, String path, List<FieldError> errors) {
        JsonNode v = field.get(key);
        if (v != null && !v.isNull() && !v.isBoolean()) errors.add(FieldError.coded(path + "." + key, "value.notBoolean", "must be true or false"));
    }

    static Integer intOrError(JsonNode field, String key, String path, List<FieldError> errors) {
        JsonNode v = field.get(key);
        if (v == null || v.isNull()) return null;
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            errors.add(FieldError.coded(path + "." + key, "value.notInteger", "must be a whole number"));
            return null;
        }
        return v.asInt();
    }
}
