package org.labelcrew.schema.scoring;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.labelcrew.schema.Field;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Key points: each matched one to one with a reference point of the same label within the field's {@code tolerance}
 * (pixels, default 10), nearest first; the score is the F1 of the matching.
 */
@Component
class KeypointsScorer implements Scorer {

    record Point(String label, double x, double y) implements Matching.Labelled {
    }

    @Override
    public String type() {
        return "keypoints";
    }

    @Override
    public FieldScore score(Field field, JsonNode answer, JsonNode reference, Item item) {
        double tolerance = field instanceof Field.Keypoints k ? k.tolerance() : 10;
        List<Point> a = points(answer);
        List<Point> r = points(reference);
        // Closeness 1 - d/tolerance: at least 0 exactly when within tolerance, and larger for nearer points.
        List<Matching.Pair> matched = Matching.greedy(a, r,
                (p, q) -> 1 - Math.hypot(p.x() - q.x(), p.y() - q.y()) / tolerance, 0);
        double f1 = Matching.f1(matched.size(), a.size(), r.size());
        double meanDistance = matched.stream().mapToDouble(m -> (1 - m.similarity()) * tolerance).average().orElse(0);
        int extra = a.size() - matched.size();
        String tol = tolerance == Math.rint(tolerance) ? Long.toString((long) tolerance) : Double.toString(tolerance);
        return new FieldScore(f1, "F1 " + Scoring.pct(f1) + ": " + matched.size() + " of " + r.size()
                + " expected points within " + tol + " px" + (matched.isEmpty() ? "" : String.format(" (mean distance %.1f px)", meanDistance))
                + (extra > 0 ? ", " + extra + " not expected" : ""), "score.keypoints.f1",
                Map.of("pct", FieldScore.pct(f1), "found", matched.size(), "expected", r.size(), "extra", extra,
                        "tolerance", tolerance, "meanDistance", Math.round(meanDistance * 10) / 10.0));
    }

    static List<Point> points(JsonNode v) {
        List<Point> out = new ArrayList<>();
        for (JsonNode p : v) out.add(new Point(p.path("label").asString(""), p.path("x").asDouble(Double.NaN), p.path("y").asDouble(Double.NaN)));
        return out;
    }
}
