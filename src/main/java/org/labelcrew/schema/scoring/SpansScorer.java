package org.labelcrew.schema.scoring;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.labelcrew.schema.Field;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/** Entity spans: F1 over exact (start, end, label) triples; a span with the right label but a shifted edge is a miss. */
@Component
class SpansScorer implements Scorer {

    record Span(long start, long end, String label) {
    }

    @Override
    public String type() {
        return "spans";
    }

    @Override
    public FieldScore score(Field field, JsonNode answer, JsonNode reference, Scorer.Item item) {
        Set<Span> a = spans(answer);
        Set<Span> r = spans(reference);
        double f1 = Scoring.f1(a, r);
        long found = a.stream().filter(r::contains).count();
        return new FieldScore(f1, "F1 " + Scoring.pct(f1) + ": " + found + " of " + r.size() + " expected spans found exactly"
                + (a.size() > found ? ", " + (a.size() - found) + " not expected" : ""), "score.spans.f1",
                Map.of("pct", FieldScore.pct(f1), "found", found, "expected", r.size(), "extra", a.size() - found));
    }

    static Span span(JsonNode s) {
        return new Span(s.path("start").asLong(-1), s.path("end").asLong(-1), s.path("label").asString(""));
    }

    private static Set<Span> spans(JsonNode v) {
        Set<Span> out = new LinkedHashSet<>();
        if (v.isArray()) {
            for (JsonNode s : v) out.add(span(s));
        }
        return out;
    }
}
