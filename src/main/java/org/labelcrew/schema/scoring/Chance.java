package org.labelcrew.schema.scoring;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Chance-corrected agreement on nominal categories. Each unit is the list of categories its raters gave (missing
 * answers left out). Where chance agreement is certain (everyone used one category and so agreed), κ and α are 0/0;
 * they are reported as 1 then, the agreement being perfect, as most tools do.
 */
final class Chance {

    private Chance() {
    }

    /** Mean over units (two or more ratings) of the share of rater pairs that agree: Fleiss' P̄. */
    static @Nullable Double observed(List<List<String>> units) {
        double sum = 0;
        int n = 0;
        for (List<String> u : units) {
            if (u.size() < 2) continue;
            sum += pairAgreement(u);
            n++;
        }
        return n == 0 ? null : sum / n;
    }

    private static double pairAgreement(List<String> u) {
        Map<String, Integer> counts = counts(u);
        double agree = 0;
        for (int c : counts.values()) agree += (double) c * (c - 1);
        return agree / ((double) u.size() * (u.size() - 1));
    }

    /**
     * Fleiss' κ, for any number of raters per unit (units with fewer than two ratings are left out): P̄ the mean
     * pairwise agreement per unit, P̄e = Σ p_j² with p_j the share of all ratings in category j.
     */
    static @Nullable Double fleiss(List<List<String>> units) {
        Map<String, Integer> total = new HashMap<>();
        long ratings = 0;
        double pBar = 0;
        int n = 0;
        for (List<String> u : units) {
            if (u.size() < 2) continue;
            pBar += pairAgreement(u);
            n++;
            for (String c : u) total.merge(c, 1, Integer::sum);
            ratings += u.size();
        }
        if (n == 0) return null;
        pBar /= n;
        double pe = 0;
        for (int c : total.values()) pe += Math.pow((double) c / ratings, 2);
        return kappa(pBar, pe);
    }

    /**
     * Krippendorff's α for nominal data: 1 − (n − 1) · Σ_{c≠k} o_ck / Σ_{c≠k} n_c·n_k, with o the coincidence matrix
     * (each ordered pair of values in a unit of m values weighs 1/(m − 1)) and n the number of pairable values.
     */
    static @Nullable Double krippendorff(List<List<String>> units) {
        Map<String, Double> nc = new HashMap<>();
        double disagree = 0;
        double n = 0;
        for (List<String> u : units) {
            int m = u.size();
            if (m < 2) continue;
            Map<String, Integer> counts = counts(u);
            for (Map.Entry<String, Integer> e : counts.entrySet()) {
                nc.merge(e.getKey(), (double) e.getValue(), Double::sum);
                // ordered pairs of this value with a different value in the unit
                disagree += (double) e.getValue() * (m - e.getValue()) / (m - 1);
            }
            n += m;
        }
        if (n == 0) return null;
        double expected = 0;
        for (double c : nc.values()) expected += c * (n - c);
        if (expected == 0) return 1.0;
        return 1 - (n - 1) * disagree / expected;
    }

    /** Cohen's κ of two raters over units both rated: (p_o − p_e) / (1 − p_e), p_e from each rater's own shares. */
    static @Nullable Double cohen(List<String> a, List<String> b) {
        int n = a.size();
        if (n == 0) return null;
        Map<String, Integer> ca = counts(a);
        Map<String, Integer> cb = counts(b);
        int agree = 0;
        for (int i = 0; i < n; i++) if (a.get(i).equals(b.get(i))) agree++;
        double pe = 0;
        for (Map.Entry<String, Integer> e : ca.entrySet()) {
            pe += ((double) e.getValue() / n) * ((double) cb.getOrDefault(e.getKey(), 0) / n);
        }
        return kappa((double) agree / n, pe);
    }

    private static double kappa(double po, double pe) {
        if (pe >= 1 - 1e-12) return po >= 1 - 1e-12 ? 1.0 : 0.0;
        return (po - pe) / (1 - pe);
    }

    private static Map<String, Integer> counts(List<String> u) {
        Map<String, Integer> counts = new HashMap<>();
        for (String c : u) counts.merge(c, 1, Integer::sum);
        return counts;
    }
}
