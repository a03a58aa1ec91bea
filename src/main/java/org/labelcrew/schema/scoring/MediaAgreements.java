package org.labelcrew.schema.scoring;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.jspecify.annotations.Nullable;
import org.labelcrew.schema.Field;
import org.labelcrew.schema.Transcripts;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * The agreement measures of the media annotation types (see README.md, "Agreement"), {@link PairwiseMeasure}s all. Each pair of workers on an item
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
    abstract static class Shapes extends PairwiseMeasure {
        private final Function<JsonNode, List<ShapeScorers.Shape>> read;
        private final ToDoubleFunction<Field> threshold;

        Shapes(String type, Function<JsonNode, List<ShapeScorers.Shape>> read, ToDoubleFunction<Field> threshold) {
            super(type, true);
            this.read = read;
            this.threshold = threshold;
        }

        @Override
        final void score(Field field, WorkerPairs.Pair p, @Nullable String label, Tally tally) {
            List<ShapeScorers.Shape> a = only(p.valueA(field), read, label);
            List<ShapeScorers.Shape> b = only(p.valueB(field), read, label);
            List<Matching.Pair> matched = Matching.greedy(a, b, ShapeScorers::iou, threshold.applyAsDouble(field));
            tally.f1("objectF1", matched.size(), a.size(), b.size());
            matched.forEach(m -> tally.mean("meanIou", m.similarity()));
        }
    }

    @Component
    static final class Boxes extends Shapes {
        Boxes() {
            super("boxes", ShapeScorers.Boxes::boxes, f -> f instanceof Field.Boxes b ? b.iouThreshold() : 0.5);
        }
    }

    @Component
    static final class Polygons extends Shapes {
        Polygons() {
            super("polygons", ShapeScorers.Polygons::polygons, f -> f instanceof Field.Polygons g ? g.iouThreshold() : 0.5);
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
    static final class Keypoints extends PairwiseMeasure {
        Keypoints() {
            super("keypoints", true);
        }

        @Override
        void score(Field field, WorkerPairs.Pair p, @Nullable String label, Tally tally) {
            Field.Keypoints k = field instanceof Field.Keypoints kp ? kp : new Field.Keypoints(field.name(), field.definition());
            double diagonal = diagonal(p.unit().data());
            double within = diagonal > 0 ? k.agreementDistance() * diagonal : k.tolerance();
            List<KeypointsScorer.Point> a = only(p.valueA(field), KeypointsScorer::points, label);
            List<KeypointsScorer.Point> b = only(p.valueB(field), KeypointsScorer::points, label);
            // Closeness 1 − d/within: at least 0 exactly when within reach, larger for nearer points.
            List<Matching.Pair> matched = Matching.greedy(a, b,
                    (x, y) -> 1 - Math.hypot(x.x() - y.x(), x.y() - y.y()) / within, 0);
            tally.f1("pointF1", matched.size(), a.size(), b.size());
            if (diagonal > 0) matched.forEach(m -> tally.mean("meanDistance", (1 - m.similarity()) * within / diagonal));
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
    static final class Segments extends PairwiseMeasure {
        Segments() {
            super("segments", true);
        }

        @Override
        void score(Field field, WorkerPairs.Pair p, @Nullable String label, Tally tally) {
            Field.Segments f = field instanceof Field.Segments s ? s : new Field.Segments(field.name(), field.definition());
            List<SegmentsScorer.Segment> a = only(p.valueA(field), SegmentsScorer::segments, label);
            List<SegmentsScorer.Segment> b = only(p.valueB(field), SegmentsScorer::segments, label);
            List<Matching.Pair> matched = Matching.greedy(a, b, SegmentsScorer::iou, f.iouThreshold());
            tally.f1("segmentF1", matched.size(), a.size(), b.size());
            for (Matching.Pair m : matched) {
                tally.mean("meanIou", m.similarity());
                if (!f.transcript()) continue;
                String ta = a.get(m.answer()).transcript();
                String tb = b.get(m.reference()).transcript();
                tally.errorRates(chars(ta, f.kspon()), chars(tb, f.kspon()), Transcripts.normalWords(ta, f.kspon()),
                        Transcripts.normalWords(tb, f.kspon()));
            }
        }

        private static List<String> chars(String transcript, boolean kspon) {
            int[] cps = Transcripts.normalForm(transcript, kspon);
            List<String> out = new ArrayList<>(cps.length);
            for (int c : cps) out.add(Character.toString(c));
            return out;
        }
    }
}
