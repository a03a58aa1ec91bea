package org.labelcrew.schema.scoring;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.labelcrew.schema.Field;
import org.labelcrew.schema.Transcripts;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Speech segments: matched one to one with reference segments of the same speaker by temporal IoU (overlap over
 * union of the two time ranges) at or above the field's {@code iou} (0.5). Without transcripts the score is the F1 of
 * the matching; with transcripts each match counts 1 − CER of its transcript (character error rate after
 * normalisation: {@link Transcripts#normalForm}, at least 0), so the score is 2·Σ(1 − CER) / (answers + references).
 */
@Component
class SegmentsScorer implements Scorer {

    record Segment(String label, double start, double end, String transcript) implements Matching.Labelled {
    }

    @Override
    public String type() {
        return "segments";
    }

    @Override
    public FieldScore score(Field field, JsonNode answer, JsonNode reference, Item item) {
        Field.Segments f = field instanceof Field.Segments s ? s : new Field.Segments(field.name(), field.definition());
        List<Segment> a = segments(answer);
        List<Segment> r = segments(reference);
        List<Matching.Pair> matched = Matching.greedy(a, r, SegmentsScorer::iou, f.iouThreshold());
        double credit = 0;
        double cerSum = 0;
        for (Matching.Pair m : matched) {
            double cer = f.transcript() ? Transcripts.cer(a.get(m.answer()).transcript(), r.get(m.reference()).transcript(), f.kspon()) : 0;
            cerSum += cer;
            credit += Math.max(0, 1 - cer);
        }
        double score = Matching.f1(credit, a.size(), r.size());
        double meanCer = matched.isEmpty() ? 0 : cerSum / matched.size();
        int extra = a.size() - matched.size();
        String text = "score " + Scoring.pct(score) + ": " + matched.size() + " of " + r.size() + " expected segments matched at IoU ≥ "
                + Scoring.pct(f.iouThreshold()) + (f.transcript() && !matched.isEmpty() ? " (transcript CER " + Scoring.pct(meanCer) + ")" : "")
                + (extra > 0 ? ", " + extra + " not expected" : "");
        return new FieldScore(score, text, f.transcript() ? "score.segments.transcripts" : "score.segments.f1",
                Map.of("pct", FieldScore.pct(score), "found", matched.size(), "expected", r.size(), "extra", extra,
                        "iou", FieldScore.pct(f.iouThreshold()), "cer", FieldScore.pct(meanCer)));
    }

    static double iou(Segment a, Segment b) {
        double inter = Math.min(a.end(), b.end()) - Math.max(a.start(), b.start());
        if (inter <= 0) return 0;
        double union = Math.max(a.end(), b.end()) - Math.min(a.start(), b.start());
        return union <= 0 ? 0 : inter / union;
    }

    static List<Segment> segments(JsonNode v) {
        List<Segment> out = new ArrayList<>();
        for (JsonNode s : v) {
            out.add(new Segment(s.path("label").asString(""), s.path("start").asDouble(0), s.path("end").asDouble(0),
                    s.path("transcript").asString("")));
        }
        return out;
    }
}
