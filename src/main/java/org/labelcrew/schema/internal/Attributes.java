package org.labelcrew.schema.internal;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.labelcrew.shared.ApiException.FieldError;
import tools.jackson.databind.JsonNode;

/**
 * Per-object attributes of boxes, polygons and key points: the definition lists
 * {@code [{"name", "type": "boolean"|"choice", "values"?: [...], "required"?: bool}]}; an object carries
 * {@code "attributes": {name: value}}. A boolean attribute left out reads as false; a required choice must be given.
 */
final class Attributes {

    static final int MAX_ATTRIBUTES = 50;
    static final int MAX_VALUES = 200;
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");

    private Attributes() {
    }

    static void checkDefinition(JsonNode field, String path, List<FieldError> errors) {
        JsonNode attributes = field.get("attributes");
        if (attributes == null || attributes.isNull()) return;
        String at = path + ".attributes";
        if (!attributes.isArray()) {
            errors.add(FieldError.coded(at, "value.notArray", "must be an array of {\"name\", \"type\": \"boolean\" | \"choice\", \"values\"}",
                    "shape", "{\"name\", \"type\", \"values\"?}"));
            return;
        }
        if (attributes.size() > MAX_ATTRIBUTES) errors.add(FieldError.coded(at, "list.tooLong", "at most " + MAX_ATTRIBUTES + " attributes", "max", MAX_ATTRIBUTES));
        Set<String> names = new HashSet<>();
        for (int i = 0; i < attributes.size(); i++) {
            JsonNode a = attributes.get(i);
            String ai = at + "[" + i + "]";
            if (!a.isObject()) {
                errors.add(FieldError.coded(ai, "value.notObject", "must be an object {\"name\", \"type\"}", "shape", "{\"name\", \"type\"}"));
                continue;
            }
            String name = a.path("name").isString() ? a.get("name").asString() : null;
            if (name == null || !NAME.matcher(name).matches()) {
                errors.add(FieldError.coded(ai + ".name", "name.invalid", "use a letter or _ then letters, digits or _ (at most 64)", "max", 64));
            } else if (!names.add(name)) {
                errors.add(FieldError.coded(ai + ".name", "value.usedTwice", "'" + name + "' is used twice", "value", name));
            }
            Limits.checkBoolean(a, "required", ai, errors);
            String type = a.path("type").asString("");
            switch (type) {
                case "boolean" -> {
                    if (a.has("values")) errors.add(FieldError.coded(ai + ".values", "attribute.booleanHasNoValues", "a boolean attribute has no values"));
                }
                case "choice" -> {
                    JsonNode values = a.get("values");
                    if (values == null || !values.isArray() || values.isEmpty()) {
                        errors.add(FieldError.coded(ai + ".values", "list.empty", "must be a non-empty array of strings"));
                    } else {
                        if (values.size() > MAX_VALUES) errors.add(FieldError.coded(ai + ".values", "list.tooLong", "at most " + MAX_VALUES + " values", "max", MAX_VALUES));
                        Set<String> seen = new HashSet<>();
                        for (int v = 0; v < values.size(); v++) {
                            JsonNode value = values.get(v);
                            if (!value.isString() || value.asString().isBlank()) {
                                errors.add(FieldError.coded(ai + ".values[" + v + "]", "value.blank", "must be a non-blank string"));
                            } else if (!seen.add(value.asString())) {
                                errors.add(FieldError.coded(ai + ".values[" + v + "]", "value.listedTwice", "'" + value.asString() + "' is listed twice",
                                        "value", value.asString()));
                            }
                        }
                    }
                }
                default -> errors.add(FieldError.coded(ai + ".type", "value.notAllowed", "must be \"boolean\" or \"choice\"",
                        "value", type, "allowed", List.of("boolean", "choice")));
            }
        }
    }

    /** The attribute definitions of a field whose definition passed {@link #checkDefinition}, by name. */
    static Map<String, JsonNode> definitions(JsonNode field) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (JsonNode a : field.path("attributes")) out.put(a.path("name").asString(""), a);
        return out;
    }

    /** Checks an object's {@code attributes}; {@code at} is the object's path ({@code result.objects[3]}). */
    static void checkValue(Map<String, JsonNode> defs, JsonNode object, String at, List<FieldError> errors) {
        JsonNode given = object.get("attributes");
        String path = at + ".attributes";
        if (given != null && !given.isNull() && !given.isObject()) {
            errors.add(FieldError.coded(path, "value.notObject", "must be an object {name: value}", "shape", "{name: value}"));
            return;
        }
        if (given != null && given.isObject()) {
            for (String name : given.propertyNames()) {
                JsonNode def = defs.get(name);
                JsonNode v = given.get(name);
                if (def == null) {
                    errors.add(FieldError.coded(path + "." + name, "attribute.unknown", "is not an attribute of this field"
                            + (defs.isEmpty() ? "" : " (" + defs.keySet() + ")"), "name", name, "allowed", List.copyOf(defs.keySet())));
                } else if ("boolean".equals(def.path("type").asString())) {
                    if (!v.isBoolean()) errors.add(FieldError.coded(path + "." + name, "value.notBoolean", "must be true or false"));
                } else if (!v.isNull()) {
                    Set<String> values = new LinkedHashSet<>();
                    for (JsonNode value : def.path("values")) values.add(value.asString());
                    if (!v.isString() || !values.contains(v.asString())) {
                        String shown = v.isString() ? v.asString() : v.toString();
                        errors.add(FieldError.coded(path + "." + name, "value.notAllowed", "'" + shown + "' is not one of " + values,
                                "value", shown, "allowed", List.copyOf(values)));
                    }
                }
            }
        }
        for (Map.Entry<String, JsonNode> d : defs.entrySet()) {
            JsonNode def = d.getValue();
            if ("choice".equals(def.path("type").asString()) && def.path("required").asBoolean(false)) {
                JsonNode v = given == null ? null : given.get(d.getKey());
                if (v == null || v.isNull()) errors.add(FieldError.coded(path + "." + d.getKey(), "field.required", "is required"));
            }
        }
    }
}
