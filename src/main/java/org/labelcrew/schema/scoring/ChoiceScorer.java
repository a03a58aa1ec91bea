package org.labelcrew.schema.scoring;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.labelcrew.schema.Field;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/** Classification: exact match for one option; Jaccard (|A∩B| / |A∪B|) when the field is {@code multiple}. */
@Component
class ChoiceScorer implements Scorer {

    @Override
    public String type() {
        return "choice";
    }

    @Override
    public FieldScore score(Field field, JsonNode answer, JsonNode reference, Scorer.Item item) {
        if (answer.isArray() || reference.isArray()) {
            Set<String> a = values(answer);
            Set<String> r = values(reference);
            Set<String> union = new LinkedHashSet<>(a);
            union.addAll(r);
            Set<String> both = new LinkedHashSet<>(a);
            both.retainAll(r);
            double j = union.isEmpty() ? 1 : (double) both.size() / union.size();
            Set<String> missed = new LinkedHashSet<>(r);
            missed.removeAll(a);
            Set<String> extra = new LinkedHashSet<>(a);
            extra.removeAll(r);
            String fb = j == 1 ? "all options right" : "Jaccard " + Scoring.pct(j)
                    + (missed.isEmpty() ? "" : "; missed " + missed) + (extra.isEmpty() ? "" : "; not expected " + extra);
            return new FieldScore(j, fb, j == 1 ? "score.choice.allRight" : "score.choice.jaccard",
                    Map.of("pct", FieldScore.pct(j), "missed", List.copyOf(missed), "extra", List.copyOf(extra)));
        }
        String a = answer.asString("");
        String r = reference.asString("");
        return a.equals(r) ? new FieldScore(1, "right (" + r + ")", "score.choice.right", Map.of("expected", r))
                : new FieldScore(0, "expected " + r + ", you chose " + a, "score.choice.wrong", Map.of("expected", r, "chosen", a));
    }

    private static Set<String> values(JsonNode v) {
        Set<String> out = new LinkedHashSet<>();
        if (v.isArray()) v.forEach(x -> out.add(x.asString("")));
        else out.add(v.asString(""));
        return out;
    }
}
