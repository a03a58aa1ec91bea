package org.labelcrew.schema.scoring;

import java.awt.geom.Area;
import java.awt.geom.Path2D;
import java.awt.geom.PathIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.labelcrew.schema.Field;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Boxes and polygons: objects matched one to one by IoU (intersection over union of their areas) at or above the
 * field's {@code iou} (0.5), same label only; the score is the F1 of the matching, 2·matched / (answers + references).
 */
final class ShapeScorers {

    private ShapeScorers() {
    }

    record Shape(String label, Area area, double size) implements Matching.Labelled {
    }

    static FieldScore score(List<Shape> answer, List<Shape> reference, double threshold, String noun, String code) {
        List<Matching.Pair> matched = Matching.greedy(answer, reference, ShapeScorers::iou, threshold);
        double f1 = Matching.f1(matched.size(), answer.size(), reference.size());
        double meanIou = matched.stream().mapToDouble(Matching.Pair::similarity).average().orElse(0);
        int extra = answer.size() - matched.size();
        return new FieldScore(f1, "F1 " + Scoring.pct(f1) + ": " + matched.size() + " of " + reference.size() + " expected "
                + noun + " matched at IoU ≥ " + Scoring.pct(threshold) + (matched.isEmpty() ? "" : " (mean IoU " + Scoring.pct(meanIou) + ")")
                + (extra > 0 ? ", " + extra + " not expected" : ""), code,
                Map.of("pct", FieldScore.pct(f1), "found", matched.size(), "expected", reference.size(), "extra", extra,
                        "iou", FieldScore.pct(threshold), "meanIou", FieldScore.pct(meanIou)));
    }

    static double iou(Shape a, Shape b) {
        if (a.size() <= 0 || b.size() <= 0) return 0;
        Area inter = new Area(a.area());
        inter.intersect(b.area());
        double i = area(inter);
        double union = a.size() + b.size() - i;
        return union <= 0 ? 0 : i / union;
    }

    /**
     * The area enclosed by an {@link Area} made of straight edges: the signed shoelace sum over its closed sub-paths,
     * where {@link Area} winds holes against their outlines, so holes subtract.
     */
    static double area(Area area) {
        double total = 0;
        double[] c = new double[6];
        double startX = 0, startY = 0, lastX = 0, lastY = 0, sub = 0;
        for (PathIterator it = area.getPathIterator(null); !it.isDone(); it.next()) {
            int type = it.currentSegment(c);
            switch (type) {
                case PathIterator.SEG_MOVETO -> {
                    startX = lastX = c[0];
                    startY = lastY = c[1];
                    sub = 0;
                }
                case PathIterator.SEG_LINETO -> {
                    sub += lastX * c[1] - c[0] * lastY;
                    lastX = c[0];
                    lastY = c[1];
                }
                case PathIterator.SEG_CLOSE -> {
                    sub += lastX * startY - startX * lastY;
                    total += sub / 2;
                    sub = 0;
                    lastX = startX;
                    lastY = startY;
                }
                default -> throw new IllegalStateException("curves in a polygon");
            }
        }
        return Math.abs(total);
    }

    static Shape polygon(String label, double[][] points) {
        Path2D.Double path = new Path2D.Double(Path2D.WIND_EVEN_ODD);
        path.moveTo(points[0][0], points[0][1]);
        for (int k = 1; k < points.length; k++) path.lineTo(points[k][0], points[k][1]);
        path.closePath();
        Area area = new Area(path);
        return new Shape(label, area, area(area));
    }

    @Component
    static class Boxes implements Scorer {
        @Override
        public String type() {
            return "boxes";
        }

        @Override
        public FieldScore score(Field field, JsonNode answer, JsonNode reference, Item item) {
            double threshold = field instanceof Field.Boxes b ? b.iouThreshold() : 0.5;
            return ShapeScorers.score(boxes(answer), boxes(reference), threshold, "boxes", "score.boxes.f1");
        }

        static List<Shape> boxes(JsonNode v) {
            List<Shape> out = new ArrayList<>();
            for (JsonNode b : v) {
                double x = b.path("x").asDouble(0), y = b.path("y").asDouble(0);
                double w = Math.max(0, b.path("w").asDouble(0)), h = Math.max(0, b.path("h").asDouble(0));
                out.add(new Shape(b.path("label").asString(""), new Area(new java.awt.geom.Rectangle2D.Double(x, y, w, h)), w * h));
            }
            return out;
        }
    }

    @Component
    static class Polygons implements Scorer {
        @Override
        public String type() {
            return "polygons";
        }

        @Override
        public FieldScore score(Field field, JsonNode answer, JsonNode reference, Item item) {
            double threshold = field instanceof Field.Polygons p ? p.iouThreshold() : 0.5;
            return ShapeScorers.score(polygons(answer), polygons(reference), threshold, "polygons", "score.polygons.f1");
        }

        static List<Shape> polygons(JsonNode v) {
            List<Shape> out = new ArrayList<>();
            for (JsonNode p : v) {
                JsonNode pts = p.path("points");
                String label = p.path("label").asString("");
                if (!pts.isArray() || pts.size() < 3) {
                    out.add(new Shape(label, new Area(), 0));
                    continue;
                }
                double[][] points = new double[pts.size()][];
                for (int k = 0; k < pts.size(); k++) points[k] = new double[] {pts.path(k).path(0).asDouble(0), pts.path(k).path(1).asDouble(0)};
                out.add(polygon(label, points));
            }
            return out;
        }
    }
}
