package org.labelcrew.schema;

import java.util.List;
import org.labelcrew.schema.internal.AllFieldTypes;
import org.labelcrew.shared.ApiException.FieldError;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A {@link SchemaService} with every field type, and short ways to ask it about JSON written in a test. */
public final class Schemas {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SchemaService SERVICE = new SchemaService(AllFieldTypes.all());

    private Schemas() {
    }

    public static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    /** Problems of a schema document, as "path: message" lines. */
    public static List<String> schemaProblems(String schema) {
        return lines(SERVICE.problems(json(schema), "schema"));
    }

    /** Problems of a result against a schema and task data, as "path: message" lines. */
    public static List<String> resultProblems(String schema, String data, String result) {
        JsonNode s = json(schema);
        List<FieldError> defs = SERVICE.problems(s, "schema");
        if (!defs.isEmpty()) throw new IllegalArgumentException("The test's schema is invalid: " + lines(defs));
        return lines(SERVICE.resultProblems(s, json(data), json(result)));
    }

    private static List<String> lines(List<FieldError> errors) {
        return errors.stream().map(e -> e.field() + ": " + e.message()).toList();
    }
}
