package org.labelcrew.schema;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.labelcrew.shared.ApiException;
import org.labelcrew.shared.ApiException.FieldError;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * The label schema is the one source of truth for what an annotation may hold: checked when saved, and every result
 * checked against it on submit. Errors name the exact field ({@code schema.fields[1].options},
 * {@code result.topic}).
 */
@Service
public class SchemaService {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");
    public static final int MAX_FIELDS = 50;

    private final Map<String, FieldType> types = new LinkedHashMap<>();

    SchemaService(List<FieldType> fieldTypes) {
        for (FieldType t : fieldTypes) {
            if (types.put(t.type(), t) != null) throw new IllegalStateException("Two field types named " + t.type());
        }
    }

    public Set<String> supportedTypes() {
        return types.keySet();
    }

    /** Throws 422 listing every problem of the schema document, each with its path under {@code prefix}. */
    public void check(JsonNode schema, String prefix) {
        List<FieldError> errors = problems(schema, prefix);
        if (!errors.isEmpty()) {
            throw ApiException.invalid("The label schema has " + errors.size() + " problem(s)", errors);
        }
    }

    public List<FieldError> problems(JsonNode schema, String prefix) {
        List<FieldError> errors = new ArrayList<>();
        if (schema == null || !schema.isObject()) {
            errors.add(FieldError.coded(prefix, "value.notObject", "must be an object {\"fields\": [...]}", "shape", "{\"fields\": [...]}"));
            return errors;
        }
        JsonNode fields = schema.get("fields");
        if (fields == null || !fields.isArray() || fields.isEmpty()) {
            errors.add(FieldError.coded(prefix + ".fields", "list.empty", "must be a non-empty array of fields"));
            return errors;
        }
        if (fields.size() > MAX_FIELDS) {
            errors.add(FieldError.coded(prefix + ".fields", "list.tooLong", "at most " + MAX_FIELDS + " fields", "max", MAX_FIELDS));
        }
        Set<String> names = new HashSet<>();
        List<Integer> wellFormed = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++) {
            JsonNode f = fields.get(i);
            String path = prefix + ".fields[" + i + "]";
            if (!f.isObject()) {
                errors.add(FieldError.coded(path, "value.notObject", "must be an object with name and type", "shape", "{\"name\", \"type\"}"));
                continue;
            }
            String name = text(f, "name");
            if (name == null || !NAME.matcher(name).matches()) {
                errors.add(FieldError.coded(path + ".name", "name.invalid", "use a letter or _ then letters, digits or _ (at most 64)", "max", 64));
            } else if (!names.add(name)) {
                errors.add(FieldError.coded(path + ".name", "value.usedTwice", "'" + name + "' is used twice", "value", name));
            }
            String type = text(f, "type");
            FieldType ft = type == null ? null : types.get(type);
            if (ft == null) {
                errors.add(FieldError.coded(path + ".type", "value.notAllowed", "must be one of " + types.keySet(), "value", type == null ? "" : type,
                        "allowed", List.copyOf(types.keySet())));
                continue;
            }
            JsonNode required = f.get("required");
            if (required != null && !required.isBoolean()) errors.add(FieldError.coded(path + ".required", "value.notBoolean", "must be true or false"));
            int before = errors.size();
            ft.checkDefinition(f, path, errors);
            if (errors.size() == before) wellFormed.add(i);
        }
        // Cross-field rules (relations → spans) run for each field that is well formed on its own.
        for (int i : wellFormed) {
            JsonNode f = fields.get(i);
            types.get(f.get("type").asString()).checkReferences(f, schema, prefix + ".fields[" + i + "]", errors);
        }
        return errors;
    }

    /** Problems of a submitted result against the schema; empty when it is valid. */
    public List<FieldError> resultProblems(JsonNode schema, JsonNode data, JsonNode result) {
        List<FieldError> errors = new ArrayList<>();
        if (result == null || !result.isObject()) {
            errors.add(FieldError.coded("result", "result.notObject", "must be an object keyed by field name"));
            return errors;
        }
        Set<String> known = new HashSet<>();
        for (Field f : LabelSchema.of(schema).fields()) {
            String name = f.name();
            known.add(name);
            FieldType ft = types.get(f.type());
            JsonNode value = result.get(name);
            String path = "result." + name;
            if (ft.isEmpty(value)) {
                if (isRequired(f.definition())) errors.add(FieldError.coded(path, "field.required", "is required"));
                continue;
            }
            ft.checkValue(f.definition(), value, data, result, path, errors);
        }
        for (String key : result.propertyNames()) {
            if (!known.contains(key)) errors.add(FieldError.coded("result." + key, "field.unknown", "is not a field of the schema", "name", key));
        }
        return errors;
    }

    public void checkResult(JsonNode schema, JsonNode data, JsonNode result) {
        List<FieldError> errors = resultProblems(schema, data, result);
        if (!errors.isEmpty()) {
            throw ApiException.invalid("The annotation breaks the label schema in " + errors.size() + " field(s)", errors);
        }
    }

    /**
     * {@code required}, or when the field does not say: whether it asks for at least one item or character
     * ({@code "min": 3} sentences cannot be met by giving none).
     */
    static boolean isRequired(JsonNode field) {
        JsonNode required = field.get("required");
        if (required != null && required.isBoolean()) return required.asBoolean();
        return field.path("min").asInt(0) > 0 || field.path("minChars").asInt(0) > 0;
    }

    static String text(JsonNode node, String key) {
        JsonNode v = node.get(key);
        return v != null && v.isString() ? v.asString() : null;
    }
}
