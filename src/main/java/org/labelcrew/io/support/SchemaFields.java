package org.labelcrew.io.support;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Reading a project's label schema ({@code {"fields": [{"name", "type", …}]}}) from the formats' side. */
public final class SchemaFields {

    private SchemaFields() {
    }

    /** The fields of the given types, in schema order. */
    public static List<JsonNode> ofType(JsonNode schema, String... types) {
        List<JsonNode> out = new ArrayList<>();
        if (schema == null) return out;
        for (JsonNode f : schema.path("fields")) {
            String type = f.path("type").asString("");
            for (String t : types) {
                if (t.equals(type)) {
                    out.add(f);
                    break;
                }
            }
        }
        return out;
    }

    public static JsonNode named(JsonNode schema, String name) {
        if (schema == null || name == null) return null;
        for (JsonNode f : schema.path("fields")) {
            if (name.equals(f.path("name").asString(null))) return f;
        }
        return null;
    }

    public static String name(JsonNode field) {
        return field.path("name").asString("");
    }

    public static String type(JsonNode field) {
        return field.path("type").asString("");
    }

    /** The data key a spans field points into (schema key {@code source}, default {@code text}). */
    public static String source(JsonNode spansField) {
        JsonNode s = spansField.get("source");
        return s != null && s.isString() ? s.asString() : "text";
    }

    /**
     * The field a converted value goes to: the one of that name when its type is one of {@code types}, else the only
     * field of those types (a Label Studio config names its control "label" where the project says "entities"), else
     * none.
     */
    public static JsonNode match(JsonNode schema, String name, String... types) {
        JsonNode byName = named(schema, name);
        if (byName != null) {
            for (String t : types) if (t.equals(type(byName))) return byName;
        }
        List<JsonNode> candidates = ofType(schema, types);
        return candidates.size() == 1 ? candidates.get(0) : null;
    }
}
