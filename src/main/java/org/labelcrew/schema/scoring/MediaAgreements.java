package org.labelcrew.schema.scoring;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.labelcrew.schema.Field;
import org.labelcrew.schema.Transcripts;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * The agreement measures of the media annotation types (see README.md, "Agreement"). Each pair of workers on an item
 * has its objects matched one to one, same label only, best first ({@link Matching#greedy}, as the scorers do), and the
 * pairs are pooled: F1 = Σ 2·matched / Σ (|A| + |B|), an item both left empty agreeing fully; the mean closeness of
 * the matches (IoU, distance) is over every match of every pair.
 */
final class MediaAgreements {

    private MediaAgreements() {
    }

    /** The objects of one value (none when absent), only those with {@code label} when it is set. */
    static <T extends Matching.Labelled> List<T> only(@Nullable JsonNode v, Function<JsonNode, List<T>> read, @Nullable String label) {
        if (v == null || !v.isArray()) return List.of();
        List<T> out = new ArrayList<>();
        for (T t : read.apply(v)) if (label == null || label.equals(t.label())) out.add(t);
        return out;
    }

    /** Boxes and polygons: matched-pair F1 at IoU ≥ the field's {@code iou} (0.5), and the mean IoU of the matches. */
    static AgreementMeasure.Figures shapes(Field field, List<AgreementMeasure.Unit> units, @Nullable String label, double threshold,
            Function<JsonNode, List<ShapeScorers.Shape>> read) {
        WorkerPairs.PooledF1 f1 = new WorkerPairs.PooledF1();
        WorkerPairs.Mean iou = new WorkerPairs.Mean();
        long items = WorkerPairs.each(units, p -> {
            List<ShapeScorers.Shape> a = only(p.valueA(field), read, label);
            List<ShapeScorers.Shape> b = only(p.valueB(field), read, label);
            List<Matching.Pair> matched = Matching.greedy(a, b, ShapeScorers::iou, threshold);
            f1.add(matched.size(), a.size(), b.size());
            matched.forEach(m -> iou.add(m.similarity()));
        });
        Map<String, Double> out = new LinkedHashMap<>();
        Agreements.put(out, "objectF1", f1.value());
        Agreements.put(out, "meanIou", iou.value());
        return new AgreementMeasure.Figures(items, out);
    }

    @Component
    static final class Boxes implements AgreementMeasure {
        @Override
        public String type() {
            return "boxes";
        }

        @Override
        public AgreementMeasure.Figures measure(Field field, List<Unit> units, @Nullable String label) {
            double threshold = field instanceof Field.Boxes b ? b.iouThreshold() : 0.5;
            return shapes(field, units, label, threshold, ShapeScorers.Boxes::boxes);
        }
    }

    @Component
    static final class Polygons implements AgreementMeasure {
        @Override
        public String type() {
            return "polygons";
        }

        @Override
        public AgreementMeasure.Figures measure(Field field, List<Unit> units, @Nullable String label) {
            double threshold = field instanceof Field.Polygons p ? p.iouThreshold() : 0.5;
            return shapes(field, units, label, threshold, ShapeScorers.Polygons::polygons);
        }
    }

    /**
     * Key points (PCK-like): two workers' points of the same label agree when they lie within the field's
     * {@code agreementDistance} (0.05) of the image's diagonal ({@code width}, {@code height} of the task's data),
     * matched one to one, nearest first. {@code pointF1} is the pooled share of points that agree,
     * {@code meanDistance} the mean distance of the agreeing points as a share of the diagonal. An item whose data
     * carries no image size uses the field's {@code tolerance} in pixels instead and adds nothing to the mean distance.
     */
    @Component
    static final class Keypoints implements AgreementMeasure {
        @Override
        public String type() {
            return "keypoints";
        }

        @Override
        public AgreementMeasure.Figures measure(Field field, List<Unit> units, @Nullable String label) {
            Field.Keypoints k = field instanceof Field.Keypoints kp ? kp : new Field.Keypoints(field.name(), field.definition());
            WorkerPairs.PooledF1 f1 = new WorkerPairs.PooledF1();
            WorkerPairs.Mean distance = new WorkerPairs.Mean();
            long items = WorkerPairs.each(units, p -> {
                double diagonal = diagonal(p.unit().data());
                double within = diagonal > 0 ? k.agreementDistance() * diagonal : k.tolerance();
                List<KeypointsScorer.Point> a = only(p.valueA(field), KeypointsScorer::points, label);
                List<KeypointsScorer.Point> b = only(p.valueB(field), KeypointsScorer::points, label);
                // Closeness 1 − d/within: at least 0 exactly when within reach, larger for nearer points.
                List<Matching.Pair> matched = Matching.greedy(a, b,
                        (x, y) -> 1 - Math.hypot(x.x() - y.x(), x.y() - y.y()) / within, 0);
                f1.add(matched.size(), a.size(), b.size());
                if (diagonal > 0) matched.forEach(m -> distance.add((1 - m.similarity()) * within / diagonal));
            });
            Map<String, Double> out = new LinkedHashMap<>();
            Agreements.put(out, "pointF1", f1.value());
            Agreements.put(out, "meanDistance", distance.value());
            return new AgreementMeasure.Figures(items, out);
        }

        static double diagonal(@Nullable JsonNode data) {
            if (data == null) return 0;
            double w = data.path("width").asDouble(0);
            double h = data.path("height").asDouble(0);
            return w > 0 && h > 0 ? Math.hypot(w, h) : 0;
        }
    }

    /**
     * Speech segments: matched one to one, same speaker (label), by temporal IoU ≥ the field's {@code iou} (0.5);
     * {@code segmentF1} and {@code meanIou} as for boxes. With transcripts, {@code cer} and {@code wer} compare the
     * transcripts of the matched segments in the scorer's normal form ({@link Transcripts#normalForm}, with
     * {@code kspon} its conventions), pooled as for free text: Σ edits / Σ mean length of the two (no reference).
     */
    @Component
    static final class Segments implements AgreementMeasure {
        @Override
        public String type() {
            return "segments";
        }

        @Override
        public AgreementMeasure.Figures measure(Field field, List<Unit> units, @Nullable String label) {
            Field.Segments f = field instanceof Field.Segments s ? s : new Field.Segments(field.name(), field.definition());
            WorkerPairs.PooledF1 f1 = new WorkerPairs.PooledF1();
            WorkerPairs.Mean iou = new WorkerPairs.Mean();
            TextAgreements.ErrorRates rates = new TextAgreements.ErrorRates();
            long items = WorkerPairs.each(units, p -> {
                List<SegmentsScorer.Segment> a = only(p.valueA(field), SegmentsScorer::segments, label);
                List<SegmentsScorer.Segment> b = only(p.valueB(field), SegmentsScorer::segments, label);
                List<Matching.Pair> matched = Matching.greedy(a, b, SegmentsScorer::iou, f.iouThreshold());
                f1.add(matched.size(), a.size(), b.size());
                for (Matching.Pair m : matched) {
                    iou.add(m.similarity());
                    if (!f.transcript()) continue;
                    String ta = a.get(m.answer()).transcript();
                    String tb = b.get(m.reference()).transcript();
                    rates.add(chars(ta, f.kspon()), chars(tb, f.kspon()), Transcripts.normalWords(ta, f.kspon()),
                            Transcripts.normalWords(tb, f.kspon()));
                }
            });
            Map<String, Double> out = new LinkedHashMap<>();
            Agreements.put(out, "segmentF1", f1.value());
            Agreements.put(out, "meanIou", iou.value());
            rates.put(out);
            return new AgreementMeasure.Figures(items, out);
        }

        private static List<String> chars(String transcript, boolean kspon) {
            int[] cps = Transcripts.normalForm(transcript, kspon);
            List<String> out = new ArrayList<>(cps.length);
            for (int c : cps) out.add(Character.toString(c));
            return out;
        }
    }
}
