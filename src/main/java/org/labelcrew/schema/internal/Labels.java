package org.labelcrew.schema.internal;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.labelcrew.shared.ApiException.FieldError;
import tools.jackson.databind.JsonNode;

/**
 * The {@code labels} of spans and relations: strings or {@code {value, hotkey?, color?}}. Values are distinct and not
 * blank; a hotkey is one character, unique within the field; a color is a CSS hex color.
 */
final class Labels {

    static final int MAX_LABELS = 200;
    private static final Pattern COLOR = Pattern.compile("#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})");

    private Labels() {
    }

    static void check(JsonNode field, String path, List<FieldError> errors) {
        JsonNode labels = field.get("labels");
        String at = path + ".labels";
        if (labels == null || !labels.isArray() || labels.isEmpty()) {
            errors.add(FieldError.coded(at, "list.empty", "must be a non-empty array"));
            return;
        }
        if (labels.size() > MAX_LABELS) errors.add(FieldError.coded(at, "list.tooLong", "at most " + MAX_LABELS + " labels", "max", MAX_LABELS));
        Set<String> values = new LinkedHashSet<>();
        Set<String> hotkeys = new LinkedHashSet<>();
        for (int i = 0; i < labels.size(); i++) {
            JsonNode l = labels.get(i);
            String li = at + "[" + i + "]";
            String value;
            if (l.isString()) {
                value = l.asString();
            } else if (l.isObject() && l.path("value").isString()) {
                value = l.get("value").asString();
                JsonNode hk = l.get("hotkey");
                if (hk != null && !hk.isNull()) {
                    if (!hk.isString() || hk.asString().codePointCount(0, hk.asString().length()) != 1) {
                        errors.add(FieldError.coded(li + ".hotkey", "hotkey.notOneCharacter", "must be a single character"));
                    } else if (!hotkeys.add(hk.asString().toLowerCase())) {
                        errors.add(FieldError.coded(li + ".hotkey", "value.usedTwice", "'" + hk.asString() + "' is used twice", "value", hk.asString()));
                    }
                }
                JsonNode color = l.get("color");
                if (color != null && !color.isNull() && !(color.isString() && COLOR.matcher(color.asString()).matches())) {
                    errors.add(FieldError.coded(li + ".color", "label.badColor", "must be a hex color like #e11d48"));
                }
            } else {
                errors.add(FieldError.coded(li, "value.wrongShape", "must be a string or {\"value\": string, \"hotkey\"?: string, \"color\"?: string}",
                        "shape", "string | {\"value\", \"hotkey\"?, \"color\"?}"));
                continue;
            }
            if (value.isBlank()) errors.add(FieldError.coded(li, "value.blank", "must not be blank"));
            else if (!values.add(value)) errors.add(FieldError.coded(li, "value.listedTwice", "'" + value + "' is listed twice", "value", value));
        }
    }

    /** The label values of a field whose definition passed {@link #check}. */
    static Set<String> values(JsonNode field) {
        Set<String> values = new LinkedHashSet<>();
        for (JsonNode l : field.path("labels")) {
            if (l.isString()) values.add(l.asString());
            else if (l.path("value").isString()) values.add(l.get("value").asString());
        }
        return values;
    }
}
