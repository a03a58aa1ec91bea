package org.labelcrew.schema.internal;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.labelcrew.schema.Field;
import org.labelcrew.schema.FieldType;
import org.labelcrew.schema.LabelSchema;
import org.labelcrew.shared.ApiException.FieldError;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Labelled links between two spans of the {@code spans} field named by {@code between}:
 * {@code [{"from": spanId, "to": spanId, "label"}]}. A span never links to itself and a (from, to, label) triple is
 * given once; the direction matters (A 소속 B is not B 소속 A).
 */
@Component
class RelationsField implements FieldType {

    static final int MAX_RELATIONS = 10_000;

    @Override
    public String type() {
        return "relations";
    }

    @Override
    public void checkDefinition(JsonNode field, String path, List<FieldError> errors) {
        Labels.check(field, path, errors);
        Limits.checkCount(field, path, errors, MAX_RELATIONS);
        JsonNode between = field.get("between");
        if (between == null || !between.isString() || between.asString().isBlank()) {
            errors.add(FieldError.coded(path + ".between", "relations.noBetween", "must name the spans field whose spans are linked"));
        }
    }

    @Override
    public void checkReferences(JsonNode field, JsonNode schema, String path, List<FieldError> errors) {
        String between = field.get("between").asString();
        Field target = LabelSchema.of(schema).field(between).orElse(null);
        if (target == null) {
            errors.add(FieldError.coded(path + ".between", "relations.noSuchField", "there is no field named '" + between + "'", "name", between));
        } else if (!(target instanceof Field.Spans)) {
            errors.add(FieldError.coded(path + ".between", "relations.notSpans", "'" + between + "' is not a spans field (it is "
                    + target.type() + ")", "name", between, "type", target.type()));
        }
    }

    @Override
    public void checkValue(JsonNode field, JsonNode value, JsonNode data, JsonNode result, String path,
            List<FieldError> errors) {
        if (!value.isArray()) {
            errors.add(FieldError.coded(path, "value.notArray", "must be an array of {\"from\", \"to\", \"label\"}", "shape", "{\"from\", \"to\", \"label\"}"));
            return;
        }
        String between = field.get("between").asString();
        Set<String> spanIds = SpansField.ids(result.get(between));
        Set<String> labels = Labels.values(field);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode r = value.get(i);
            String at = path + "[" + i + "]";
            if (!r.isObject()) {
                errors.add(FieldError.coded(at, "value.notObject", "must be an object {\"from\", \"to\", \"label\"}", "shape", "{\"from\", \"to\", \"label\"}"));
                continue;
            }
            boolean ok = true;
            for (String end : List.of("from", "to")) {
                JsonNode id = r.get(end);
                if (!SpansField.isId(id)) {
                    errors.add(FieldError.coded(at + "." + end, "relation.badEnd", "must be the id of a span in " + between, "between", between));
                    ok = false;
                } else if (!spanIds.contains(SpansField.idKey(id))) {
                    errors.add(FieldError.coded(at + "." + end, "relation.noSpan", "there is no span with id " + id + " in " + between,
                            "id", id.toString(), "between", between));
                    ok = false;
                }
            }
            if (ok && SpansField.idKey(r.get("from")).equals(SpansField.idKey(r.get("to")))) {
                errors.add(FieldError.coded(at + ".to", "relation.toItself", "a span cannot be linked to itself"));
                ok = false;
            }
            JsonNode label = r.get("label");
            if (label == null || !label.isString() || !labels.contains(label.asString())) {
                String given = label == null ? "" : label.asString("");
                errors.add(FieldError.coded(at + ".label", "value.notAllowed", "'" + given + "' is not one of " + labels,
                        "value", given, "allowed", List.copyOf(labels)));
                ok = false;
            }
            if (ok && !seen.add(SpansField.idKey(r.get("from")) + "\u0000" + SpansField.idKey(r.get("to")) + "\u0000"
                    + label.asString())) {
                errors.add(FieldError.coded(at, "relation.givenTwice", "the same relation (" + r.get("from") + " → " + r.get("to") + ", "
                        + label.asString() + ") is given twice", "from", r.get("from").toString(), "to", r.get("to").toString(),
                        "label", label.asString()));
            }
        }
        Limits.checkCountValue(field, value.size(), "relations", path, errors);
    }
}
