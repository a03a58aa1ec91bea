package org.labelcrew.schema.scoring;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.labelcrew.schema.Field;
import tools.jackson.databind.JsonNode;

/**
 * The pairs of workers on each item — the one loop every pairwise agreement measure ({@link PairwiseMeasure}: spans,
 * relations, summaries, text, shapes, key points, segments) and the per-pair breakdown of {@link Agreements} walk. Workers are taken in
 * account-id order, so {@code a < b} in each pair.
 */
final class WorkerPairs {

    private WorkerPairs() {
    }

    /** Two workers' whole results on one item, {@code a < b}. */
    record Pair(AgreementMeasure.Unit unit, long a, long b, JsonNode resultA, JsonNode resultB) {

        /** Worker {@code a}'s value of {@code field} (null when absent). */
        @Nullable JsonNode valueA(Field field) {
            return field.value(resultA);
        }

        @Nullable JsonNode valueB(Field field) {
            return field.value(resultB);
        }
    }

    /** Every pair of the workers who annotated {@code u}; none when one worker did. */
    static List<Pair> of(AgreementMeasure.Unit u) {
        List<Long> ids = u.results().keySet().stream().sorted().toList();
        List<Pair> out = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            for (int j = i + 1; j < ids.size(); j++) {
                out.add(new Pair(u, ids.get(i), ids.get(j), u.results().get(ids.get(i)), u.results().get(ids.get(j))));
            }
        }
        return out;
    }

    /**
     * Visits each pair of workers on each item; returns the number of items with at least one pair (the items behind
     * the figures: one annotated by one worker only is left out).
     */
    static long each(List<AgreementMeasure.Unit> units, Consumer<Pair> visit) {
        long items = 0;
        for (AgreementMeasure.Unit u : units) {
            List<Pair> ps = of(u);
            if (ps.isEmpty()) continue;
            items++;
            ps.forEach(visit);
        }
        return items;
    }

    /**
     * F1 pooled over pairs: Σ 2·matched / Σ (|A| + |B|), where a match may count less than 1 ({@code credit}); null
     * without a pair, 1 when every pair left the field empty.
     */
    static final class PooledF1 implements PairwiseMeasure.Pooled {
        private double credit2;
        private long sizes;
        private long pairs;

        void add(double matchedCredit, int sizeA, int sizeB) {
            credit2 += 2 * matchedCredit;
            sizes += sizeA + sizeB;
            pairs++;
        }

        @Nullable Double value() {
            if (pairs == 0) return null;
            return sizes == 0 ? 1.0 : credit2 / sizes;
        }

        @Override
        public void put(Map<String, Double> out, String name) {
            Agreements.put(out, name, value());
        }
    }

    /** A mean that is null when nothing was added. */
    static final class Mean implements PairwiseMeasure.Pooled {
        private double sum;
        private long n;

        void add(double v) {
            sum += v;
            n++;
        }

        @Nullable Double value() {
            return n == 0 ? null : sum / n;
        }

        @Override
        public void put(Map<String, Double> out, String name) {
            Agreements.put(out, name, value());
        }
    }
}
