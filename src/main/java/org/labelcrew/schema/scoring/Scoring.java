package org.labelcrew.schema.scoring;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.labelcrew.schema.Field;
import org.labelcrew.schema.LabelSchema;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Scores an item (an exam item, a gold task): the mean over the schema's scorable fields of each field's {@link Scorer}. Fields of a type
 * without a scorer (a type the model does not know) are left out of the mean and named in the feedback.
 */
@Component
public class Scoring {

    private final Map<String, Scorer> scorers = new LinkedHashMap<>();

    public Scoring(List<Scorer> all) {
        for (Scorer s : all) {
            if (scorers.put(s.type(), s) != null) throw new IllegalStateException("Two scorers for type " + s.type());
        }
    }

    public boolean canScore(String type) {
        return scorers.containsKey(type);
    }

    public java.util.Set<String> types() {
        return scorers.keySet();
    }

    public record ItemScore(double score, String feedback, List<FieldResult> fields) {
    }

    /**
     * {@code code} and {@code params} say {@code feedback} for the browser to put in the reader's language; all three
     * are null where the feedback would name an expected answer the reader may not see yet.
     */
    public record FieldResult(String field, String type, @Nullable Double score, @Nullable String feedback,
            @Nullable String code, @Nullable Map<String, Object> params) {
    }

    /** {@code answer} and {@code reference} are results keyed by field name; a missing answer is an empty one. */
    public ItemScore score(JsonNode schema, JsonNode data, JsonNode answer, JsonNode reference) {
        return score(LabelSchema.of(schema), data, answer, reference);
    }

    public ItemScore score(LabelSchema schema, JsonNode data, JsonNode answer, JsonNode reference) {
        List<FieldResult> fields = new ArrayList<>();
        double sum = 0;
        int n = 0;
        for (Field f : schema.fields()) {
            String name = f.name();
            String type = f.type();
            Scorer scorer = scorers.get(type);
            if (scorer == null) {
                fields.add(new FieldResult(name, type, null, "not scored (no scorer for type " + type + ")",
                        "score.notScored", Map.of("type", type)));
                continue;
            }
            JsonNode a = answer == null ? null : answer.get(name);
            JsonNode r = reference == null ? null : reference.get(name);
            FieldScore s;
            if (empty(a) && empty(r)) s = new FieldScore(1, "correctly left empty", "score.leftEmpty", Map.of());
            else if (empty(a)) s = new FieldScore(0, "not answered", "score.notAnswered", Map.of());
            else if (empty(r)) s = new FieldScore(0, "should have been left empty", "score.shouldBeEmpty", Map.of());
            else s = scorer.score(f, a, r, new Scorer.Item(data, answer, reference));
            fields.add(new FieldResult(name, type, s.score(), s.feedback(), s.code(), s.params()));
            sum += s.score();
            n++;
        }
        double score = n == 0 ? 0 : sum / n;
        String feedback = String.join("; ", fields.stream().map(fr -> fr.field() + ": " + fr.feedback()).toList());
        return new ItemScore(Math.round(score * 10_000) / 10_000.0, feedback, fields);
    }

    static boolean empty(JsonNode v) {
        return v == null || v.isNull() || (v.isString() && v.asString().isBlank())
                || ((v.isArray() || v.isObject()) && v.isEmpty());
    }

    /** F1 of two sets: 2|A∩B| / (|A| + |B|); both empty counts as a perfect match. */
    static double f1(java.util.Set<?> answer, java.util.Set<?> reference) {
        if (answer.isEmpty() && reference.isEmpty()) return 1;
        long common = answer.stream().filter(reference::contains).count();
        return 2.0 * common / (answer.size() + reference.size());
    }

    static String pct(double v) {
        return Math.round(v * 100) + "%";
    }
}
