package org.labelcrew.schema.internal;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.labelcrew.schema.FieldType;
import org.labelcrew.shared.ApiException.FieldError;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Single- or multi-label classification. Options are strings or {@code {value, hotkey?, label?}}; a hotkey is one
 * character and unique within the field. Value: a string, or an array of distinct strings when {@code multiple}, then
 * with {@code min..max} options chosen when the field sets them.
 */
@Component
class ChoiceField implements FieldType {

    static final int MAX_OPTIONS = 500;

    @Override
    public String type() {
        return "choice";
    }

    @Override
    public void checkDefinition(JsonNode field, String path, List<FieldError> errors) {
        JsonNode options = field.get("options");
        if (options == null || !options.isArray() || options.isEmpty()) {
            errors.add(FieldError.coded(path + ".options", "list.empty", "must be a non-empty array"));
            return;
        }
        if (options.size() > MAX_OPTIONS) errors.add(FieldError.coded(path + ".options", "list.tooLong", "at most " + MAX_OPTIONS + " options", "max", MAX_OPTIONS));
        Set<String> values = new HashSet<>();
        Set<String> hotkeys = new HashSet<>();
        for (int i = 0; i < options.size(); i++) {
            JsonNode o = options.get(i);
            String at = path + ".options[" + i + "]";
            String value;
            if (o.isString()) {
                value = o.asString();
            } else if (o.isObject() && o.path("value").isString()) {
                value = o.get("value").asString();
                JsonNode hk = o.get("hotkey");
                if (hk != null && !hk.isNull()) {
                    if (!hk.isString() || hk.asString().codePointCount(0, hk.asString().length()) != 1) {
                        errors.add(FieldError.coded(at + ".hotkey", "hotkey.notOneCharacter", "must be a single character"));
                    } else if (!hotkeys.add(hk.asString().toLowerCase())) {
                        errors.add(FieldError.coded(at + ".hotkey", "value.usedTwice", "'" + hk.asString() + "' is used twice", "value", hk.asString()));
                    }
                }
            } else {
                errors.add(FieldError.coded(at, "value.wrongShape", "must be a string or {\"value\": string, \"hotkey\"?: string}",
                        "shape", "string | {\"value\", \"hotkey\"?, \"label\"?}"));
                continue;
            }
            if (value.isBlank()) errors.add(FieldError.coded(at, "value.blank", "must not be blank"));
            else if (!values.add(value)) errors.add(FieldError.coded(at, "value.listedTwice", "'" + value + "' is listed twice", "value", value));
        }
        JsonNode multiple = field.get("multiple");
        if (multiple != null && !multiple.isBoolean()) errors.add(FieldError.coded(path + ".multiple", "value.notBoolean", "must be true or false"));
        Limits.checkCount(field, path, errors, MAX_OPTIONS);
        if (!field.path("multiple").asBoolean(false)) {
            for (String key : List.of("min", "max")) {
                if (field.hasNonNull(key)) errors.add(FieldError.coded(path + "." + key, "choice.countNeedsMultiple",
                        "only a multiple choice counts selections; set \"multiple\": true"));
            }
        } else if (field.path("min").isIntegralNumber() && field.path("min").asInt() > options.size()) {
            errors.add(FieldError.coded(path + ".min", "choice.minOverOptions", "is more than the " + options.size() + " options",
                    "options", options.size()));
        }
    }

    @Override
    public void checkValue(JsonNode field, JsonNode value, JsonNode data, JsonNode result, String path,
            List<FieldError> errors) {
        Set<String> allowed = new java.util.LinkedHashSet<>();
        for (JsonNode o : field.get("options")) allowed.add(o.isString() ? o.asString() : o.get("value").asString());
        boolean multiple = field.path("multiple").asBoolean(false);
        if (multiple) {
            if (!value.isArray()) {
                errors.add(FieldError.coded(path, "choice.notArray", "must be an array of options (multiple choice)"));
                return;
            }
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < value.size(); i++) {
                JsonNode v = value.get(i);
                if (!v.isString() || !allowed.contains(v.asString())) {
                    errors.add(FieldError.coded(path + "[" + i + "]", "value.notAllowed", "'" + v.asString("") + "' is not an option",
                            "value", v.asString(v.toString()), "allowed", List.copyOf(allowed)));
                } else if (!seen.add(v.asString())) {
                    errors.add(FieldError.coded(path + "[" + i + "]", "choice.chosenTwice", "'" + v.asString() + "' is chosen twice", "value", v.asString()));
                }
            }
            Limits.checkCountValue(field, value.size(), "options chosen", path, errors);
        } else if (!value.isString()) {
            errors.add(FieldError.coded(path, "choice.notString", "must be one option (a string)"));
        } else if (!allowed.contains(value.asString())) {
            errors.add(FieldError.coded(path, "value.notAllowed", "'" + value.asString() + "' is not one of " + allowed,
                    "value", value.asString(), "allowed", List.copyOf(allowed)));
        }
    }
}
