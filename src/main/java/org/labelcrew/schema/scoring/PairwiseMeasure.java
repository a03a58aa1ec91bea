package org.labelcrew.schema.scoring;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.labelcrew.schema.Field;

/**
 * The one shape of every pairwise agreement measure (spans, relations, summaries, free text, shapes, key points,
 * segments): each pair of workers on each item ({@link WorkerPairs#each}) is scored by the measure's {@link #score},
 * which adds what the pair says to named figures of a {@link Tally} (an F1 pooled over pairs, a mean, error rates);
 * the figures come out in the order they were first added to, each left out when nothing was added to it. A measure
 * names its type and whether a per-label breakdown means anything; the loop, the pooling and the rounding are here.
 */
abstract class PairwiseMeasure implements AgreementMeasure {

    private final String type;
    private final boolean perLabel;

    /** {@code perLabel}: false for a type without labels (summaries, free text): no per-label breakdown. */
    PairwiseMeasure(String type, boolean perLabel) {
        this.type = type;
        this.perLabel = perLabel;
    }

    @Override
    public final String type() {
        return type;
    }

    @Override
    public Set<String> labels(Field field, List<Unit> units) {
        return perLabel ? AgreementMeasure.super.labels(field, units) : Set.of();
    }

    /** What one pair of workers says about {@code field} (only {@code label} when it is set), added to {@code tally}. */
    abstract void score(Field field, WorkerPairs.Pair pair, @Nullable String label, Tally tally);

    @Override
    public final Figures measure(Field field, List<Unit> units, @Nullable String label) {
        Tally tally = new Tally();
        long items = WorkerPairs.each(units, p -> score(field, p, label, tally));
        return new Figures(items, tally.values());
    }

    /** A figure pooled over pairs that writes itself (or, for error rates, its two) into the figures. */
    interface Pooled {
        void put(Map<String, Double> out, String name);
    }

    /** The named figures of one measure, each made on its first use. */
    static final class Tally {

        private final Map<String, Pooled> figures = new LinkedHashMap<>();

        @SuppressWarnings("unchecked")
        private <P extends Pooled> P figure(String name, Supplier<P> make) {
            return (P) figures.computeIfAbsent(name, n -> make.get());
        }

        /** One pair's part of an F1 pooled over pairs ({@link WorkerPairs.PooledF1}). */
        void f1(String name, double matched, int sizeA, int sizeB) {
            figure(name, WorkerPairs.PooledF1::new).add(matched, sizeA, sizeB);
        }

        /** One value of a mean over pairs or matches. */
        void mean(String name, double value) {
            figure(name, WorkerPairs.Mean::new).add(value);
        }

        /** One pair's texts for {@code cer} and {@code wer} ({@link TextAgreements.ErrorRates}). */
        void errorRates(List<String> charsA, List<String> charsB, List<String> wordsA, List<String> wordsB) {
            figure("cer", TextAgreements.ErrorRates::new).add(charsA, charsB, wordsA, wordsB);
        }

        Map<String, Double> values() {
            Map<String, Double> out = new LinkedHashMap<>();
            figures.forEach((name, figure) -> figure.put(out, name));
            return out;
        }
    }
}
