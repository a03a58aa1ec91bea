package org.labelcrew.schema.scoring;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleBiFunction;

/**
 * One-to-one matching of answer objects to reference objects by a similarity (IoU, closeness): every pair at or above
 * the threshold, taken best first, each object used once — the greedy matching COCO evaluation uses. Pairs of
 * different labels never match.
 */
final class Matching {

    private Matching() {
    }

    record Pair(int answer, int reference, double similarity) {
    }

    interface Labelled {
        String label();
    }

    static <T extends Labelled> List<Pair> greedy(List<T> answer, List<T> reference, ToDoubleBiFunction<T, T> similarity,
            double threshold) {
        List<Pair> candidates = new ArrayList<>();
        for (int a = 0; a < answer.size(); a++) {
            for (int r = 0; r < reference.size(); r++) {
                if (!answer.get(a).label().equals(reference.get(r).label())) continue;
                double s = similarity.applyAsDouble(answer.get(a), reference.get(r));
                if (s >= threshold) candidates.add(new Pair(a, r, s));
            }
        }
        candidates.sort(Comparator.comparingDouble(Pair::similarity).reversed()
                .thenComparingInt(Pair::reference).thenComparingInt(Pair::answer));
        boolean[] usedA = new boolean[answer.size()];
        boolean[] usedR = new boolean[reference.size()];
        List<Pair> matched = new ArrayList<>();
        for (Pair p : candidates) {
            if (usedA[p.answer()] || usedR[p.reference()]) continue;
            usedA[p.answer()] = true;
            usedR[p.reference()] = true;
            matched.add(p);
        }
        return matched;
    }

    /** F1 of a matching where each match counts {@code credit} (1, or less for a transcript with errors). */
    static double f1(double credit, int answers, int references) {
        if (answers + references == 0) return 1;
        return Math.min(1, Math.max(0, 2 * credit / (answers + references)));
    }
}
