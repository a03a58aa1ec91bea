package org.labelcrew.schema.scoring;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.labelcrew.schema.Field;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/** Extractive summary: F1 over the chosen sentence indices. */
@Component
class ExtractiveScorer implements Scorer {

    @Override
    public String type() {
        return "extractive";
    }

    @Override
    public FieldScore score(Field field, JsonNode answer, JsonNode reference, Scorer.Item item) {
        Set<Long> a = indices(answer);
        Set<Long> r = indices(reference);
        double f1 = Scoring.f1(a, r);
        return new FieldScore(f1, "F1 " + Scoring.pct(f1) + ": expected sentences " + r + ", you chose " + a,
                "score.extractive.f1", Map.of("pct", FieldScore.pct(f1), "expected", List.copyOf(r), "chosen", List.copyOf(a)));
    }

    private static Set<Long> indices(JsonNode v) {
        Set<Long> out = new TreeSet<>();
        if (v.isArray()) v.forEach(i -> out.add(i.asLong()));
        return out;
    }
}
