package org.labelcrew.io;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.labelcrew.schema.Field;
import org.labelcrew.schema.LabelSchema;
import tools.jackson.databind.JsonNode;

/**
 * Checks each imported task's {@code data.prediction} against the project's schema and tallies what does not fit
 * ({@link ImportWarning}): labels the schema does not list (spans, relations, image shapes, choice options) and spans
 * that overlap in a field without {@code allowOverlap}. Formats bring predictions as {@code data.prediction} (Label
 * Studio, CoNLL, TSV/CSV with {@code labelAs: "prediction"}), so one check in the runner serves them all. The item is
 * stored all the same: the manager decides what to do with a model's hints.
 */
final class PredictionCheck {

    static final String UNKNOWN_LABEL = "prediction.unknownLabel";
    static final String OVERLAP = "prediction.overlap";
    static final String UNKNOWN_REGION = "prediction.unknownRegion";
    /** Examples kept per field and code. */
    static final int EXAMPLES = 5;

    private final LabelSchema schema;
    private final Map<String, Tally> tallies = new LinkedHashMap<>();

    PredictionCheck(JsonNode schema) {
        this.schema = LabelSchema.of(schema);
    }

    private static final class Tally {
        final String field;
        final String code;
        long count;
        final List<ImportWarning.Example> examples = new ArrayList<>();

        Tally(String field, String code) {
            this.field = field;
            this.code = code;
        }
    }

    private void add(String field, String code, ImportWarning.Example example) {
        Tally t = tallies.computeIfAbsent(field + "\u0000" + code, k -> new Tally(field, code));
        t.count++;
        if (t.examples.size() < EXAMPLES) t.examples.add(example);
    }

    private static ImportWarning.Example example(long line, String label, Integer start, Integer end, String with) {
        return new ImportWarning.Example(line, label, start, end, with, null);
    }

    /** Checks one task's data (its {@code prediction}, if any); {@code line} names the task in the file. */
    void check(long line, JsonNode data) {
        JsonNode prediction = data == null ? null : data.get("prediction");
        if (prediction == null || !prediction.isObject()) return;
        for (Field field : schema.fields()) {
            JsonNode v = prediction.get(field.name());
            if (v == null || v.isNull()) continue;
            if (field instanceof Field.Spans spans) spans(line, spans, v);
            else if (field instanceof Field.Relations relations) relations(line, relations, v, prediction);
            else if (field instanceof Field.OnImage image) labelled(line, image.name(), image.labels(), v);
            else if (field instanceof Field.Choice choice) choice(line, choice, v);
        }
    }

    private void spans(long line, Field.Spans field, JsonNode value) {
        if (!value.isArray()) return;
        Set<String> labels = field.labels();
        List<JsonNode> placed = new ArrayList<>();
        for (JsonNode s : value) {
            if (!s.isObject()) continue;
            String label = s.path("label").asString(null);
            if (label == null || !labels.contains(label)) {
                add(field.name(), UNKNOWN_LABEL, example(line, label, offset(s, "start"), offset(s, "end"), null));
            }
            if (offset(s, "start") != null && offset(s, "end") != null) placed.add(s);
        }
        if (field.definition().path("allowOverlap").asBoolean(false)) return;
        placed.sort(Comparator.<JsonNode>comparingInt(s -> s.get("start").asInt()).thenComparingInt(s -> s.get("end").asInt()));
        JsonNode reach = null;
        for (JsonNode s : placed) {
            if (reach != null && s.get("start").asInt() < reach.get("end").asInt()) {
                add(field.name(), OVERLAP, example(line, s.path("label").asString(null),
                        s.get("start").asInt(), s.get("end").asInt(),
                        reach.get("start").asInt() + ".." + reach.get("end").asInt()));
            }
            if (reach == null || s.get("end").asInt() > reach.get("end").asInt()) reach = s;
        }
    }

    private void labelled(long line, String name, Set<String> labels, JsonNode value) {
        if (!value.isArray()) return;
        for (JsonNode o : value) {
            if (!o.isObject() || !o.has("label")) continue;
            String label = o.path("label").asString(null);
            if (label == null || !labels.contains(label)) {
                add(name, UNKNOWN_LABEL, example(line, label, null, null, null));
            }
        }
    }

    /**
     * A relation's label must be one of the field's, and its {@code from} and {@code to} the ids of spans of the same
     * prediction's {@code between} field (Label Studio's {@code from_id}/{@code to_id} become them): a relation to a
     * region the file does not have would be a 422 for the labeler who starts from it.
     */
    private void relations(long line, Field.Relations field, JsonNode value, JsonNode prediction) {
        labelled(line, field.name(), field.labels(), value);
        if (!value.isArray()) return;
        Set<String> ids = new java.util.HashSet<>();
        JsonNode spans = prediction.get(field.between());
        if (spans != null && spans.isArray()) {
            for (JsonNode s : spans) {
                JsonNode id = s.get("id");
                if (id != null && (id.isString() || id.isIntegralNumber())) ids.add(id.toString());
            }
        }
        for (JsonNode r : value) {
            if (!r.isObject()) continue;
            for (String end : List.of("from", "to")) {
                JsonNode id = r.get(end);
                if (id == null || !ids.contains(id.toString())) {
                    add(field.name(), UNKNOWN_REGION, new ImportWarning.Example(line, r.path("label").asString(null),
                            null, null, null, id == null || id.isNull() ? "" : id.asString(id.toString())));
                }
            }
        }
    }

    private void choice(long line, Field.Choice field, JsonNode value) {
        Set<String> options = new java.util.LinkedHashSet<>();
        for (JsonNode o : field.definition().path("options")) {
            options.add(o.isString() ? o.asString() : o.path("value").asString(""));
        }
        for (JsonNode c : value.isArray() ? value : List.of(value)) {
            String label = c.asString(null);
            if (label == null || !options.contains(label)) {
                add(field.name(), UNKNOWN_LABEL, example(line, label, null, null, null));
            }
        }
    }

    private static Integer offset(JsonNode span, String key) {
        JsonNode v = span.get(key);
        return v != null && v.isIntegralNumber() && v.canConvertToInt() ? v.asInt() : null;
    }

    /** The warnings so far, per field and code, in the order first met. */
    List<ImportWarning> warnings() {
        return tallies.values().stream()
                .map(t -> new ImportWarning(t.field, t.code, t.count, List.copyOf(t.examples))).toList();
    }
}
