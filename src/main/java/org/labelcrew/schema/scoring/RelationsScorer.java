package org.labelcrew.schema.scoring;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.labelcrew.schema.Field;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Relations: F1 over (from span, to span, label) triples. Span ids are chosen by whoever drew the spans, so two people
 * never share them: each end is matched by the span it points at — its (start, end, label) in the {@code between}
 * field of the same result. A relation between spans the reference does not have is a miss, like a wrong label.
 */
@Component
class RelationsScorer implements Scorer {

    record Link(SpansScorer.Span from, SpansScorer.Span to, String label) {
    }

    @Override
    public String type() {
        return "relations";
    }

    @Override
    public FieldScore score(Field field, JsonNode answer, JsonNode reference, Scorer.Item item) {
        String between = field instanceof Field.Relations r ? r.between() : "";
        Set<Link> a = links(answer, item.answer() == null ? null : item.answer().get(between));
        Set<Link> r = links(reference, item.reference() == null ? null : item.reference().get(between));
        double f1 = Scoring.f1(a, r);
        long found = a.stream().filter(r::contains).count();
        return new FieldScore(f1, "F1 " + Scoring.pct(f1) + ": " + found + " of " + r.size()
                + " expected relations found (ends matched by span position and label)"
                + (a.size() > found ? ", " + (a.size() - found) + " not expected" : ""), "score.relations.f1",
                Map.of("pct", FieldScore.pct(f1), "found", found, "expected", r.size(), "extra", a.size() - found));
    }

    static Set<Link> links(JsonNode relations, JsonNode spans) {
        Map<String, SpansScorer.Span> byId = new HashMap<>();
        if (spans != null && spans.isArray()) {
            for (JsonNode s : spans) {
                JsonNode id = s.get("id");
                if (id != null) byId.put(id.toString(), SpansScorer.span(s));
            }
        }
        Set<Link> out = new LinkedHashSet<>();
        if (relations != null && relations.isArray()) {
            for (JsonNode rel : relations) {
                SpansScorer.Span from = byId.get(String.valueOf(rel.get("from")));
                SpansScorer.Span to = byId.get(String.valueOf(rel.get("to")));
                if (from != null && to != null) out.add(new Link(from, to, rel.path("label").asString("")));
            }
        }
        return out;
    }
}
