package org.labelcrew.review;

import java.util.List;

/**
 * Acceptance sampling of a finished batch in the manner of ISO 2859-1 (KS Q ISO 2859-1): single sampling, normal
 * inspection, general inspection level II. The lot size gives a sample-size code letter (Table 1); the code letter and
 * the target AQL give the sample size and the acceptance/rejection numbers (Table 2-A). Inspect {@code sampleSize}
 * items drawn at random; accept the batch with at most {@code accept} nonconforming items, return it with
 * {@code reject} or more.
 * <p>
 * Table 2-A is built on diagonals: each step down the code letters and each step up the preferred AQL series moves one
 * diagonal, and along a diagonal the plan is the same (n × AQL is constant). So the table is this class's diagonal
 * lookup rather than 26 × 16 cells: Ac 0 on diagonal 14, then ↑ (use the plan above), ↓ (use the plan below), then Ac
 * 1, 2, 3, 5, 7, 10, 14, 21; before diagonal 14 the arrows point down to the first plan, after the last one up to it.
 * <p>
 * Checked (2026-12) cell by cell, all 16 letters × the 16 AQLs up to 10, against the resolved normal-inspection
 * single-sampling tables of the R package AQLSchemes (J. S. Lawson; file R/AAZ14Single.R, "MIL-STD-105E ANSI/ASQ
 * Z1.4", whose Table II-A is ISO 2859-1's Table 2-A), and Table 1 (level II) against GOST R ISO 2859-1 Table A.1 and
 * a published Z1.4 chart: 254 of 256 cells agree. The two that differ are in that package's row B (it gives B at 6.5
 * as n 5, 0/1 and B at 10 as n 3, 1/2); neither is a plan of the table's own structure (no 0/1 plan of n 5 lies on
 * the 6.5 column, and 1/2 at n 3 is the AQL 15 plan), so this class keeps the table's arrows there: B at 6.5 ↑ to A
 * (n 2, 0/1), B at 10 ↓ to C (n 5, 1/2). The package confirmed both edge cells below (A at 10 → n 5, 1/2; R at
 * 0.015 → n 800, 0/1, as is Q at 0.015).
 */
final class AcceptanceSampling {

    private AcceptanceSampling() {
    }

    /** Code letters of Table 1 (I and O are not used), general level II, with their sample sizes (Table 2-A). */
    static final List<String> LETTERS = List.of("A", "B", "C", "D", "E", "F", "G", "H", "J", "K", "L", "M", "N", "P", "Q", "R");
    static final int[] SAMPLE_SIZES = {2, 3, 5, 8, 13, 20, 32, 50, 80, 125, 200, 315, 500, 800, 1250, 2000};
    /** Upper lot-size bounds of Table 1, level II, letters A..Q (R is not reached at level II). */
    static final long[] LOT_UPPER = {8, 15, 25, 50, 90, 150, 280, 500, 1200, 3200, 10_000, 35_000, 150_000, 500_000, Long.MAX_VALUE};
    /** The preferred AQL series (percent nonconforming) of Table 2-A, up to 10 %. */
    static final double[] AQLS = {0.010, 0.015, 0.025, 0.040, 0.065, 0.10, 0.15, 0.25, 0.40, 0.65, 1.0, 1.5, 2.5, 4.0, 6.5, 10};

    /** Acceptance numbers along the diagonals 14.. (null: an arrow; see the class comment). */
    private static final Integer[] DIAGONAL_AC = {0, null, null, 1, 2, 3, 5, 7, 10, 14, 21};
    private static final int FIRST = 14;

    /** {@code letter} from the lot; {@code sampleSize}, {@code accept}, {@code reject} after following any arrow. */
    record Plan(long lotSize, double aql, String letter, int sampleSize, int accept, int reject) {
    }

    static String letter(long lotSize) {
        if (lotSize < 2) throw new IllegalArgumentException("lotSize must be at least 2");
        for (int i = 0; i < LOT_UPPER.length; i++) if (lotSize <= LOT_UPPER[i]) return LETTERS.get(i);
        throw new IllegalStateException();
    }

    static Plan plan(long lotSize, double aql) {
        int a = -1;
        for (int i = 0; i < AQLS.length; i++) if (Math.abs(AQLS[i] - aql) < 1e-9) a = i;
        if (a < 0) throw new IllegalArgumentException("aql must be one of the preferred values " + java.util.Arrays.toString(AQLS));
        String letter = letter(lotSize);
        int n = LETTERS.indexOf(letter);
        // Follow the arrows cell by cell, as a reader of Table 2-A does. Two cells at the table's edges point the
        // other way than their diagonal: row A has no row above, so its ↑ cell (A at 10) is ↓; row R has no row below,
        // so its ↓ cell (R at 0.015) is ↑ (R is only reached by an arrow at level II, never on that cell, but the
        // rule is the table's). The earlier one-step lookup indexed row -1 for a lot of 2..8 at AQL 10.
        for (int step = 0; ; step++) {
            if (step > 2 * LETTERS.size()) throw new IllegalStateException("no plan for " + letter + " at " + aql);
            int d = n + a - FIRST;
            if (d < 0) n += 1; // ↓ to the first plan (Ac 0)
            else if (d >= DIAGONAL_AC.length) n -= 1; // ↑ to the last plan (Ac 21)
            else if (DIAGONAL_AC[d] == null) n = d == 1 ? (n > 0 ? n - 1 : n + 1) : (n < LETTERS.size() - 1 ? n + 1 : n - 1);
            else break;
        }
        int ac = DIAGONAL_AC[n + a - FIRST];
        // A sample never exceeds the lot: inspect every item (ISO 2859-1: "carry out 100 % inspection").
        int size = (int) Math.min(SAMPLE_SIZES[n], lotSize);
        return new Plan(lotSize, aql, letter, size, ac, ac + 1);
    }

    /** Accept (true) or return (false) a batch whose sample of {@code plan.sampleSize()} had {@code nonconforming}. */
    static boolean accepts(Plan plan, int nonconforming) {
        return nonconforming <= plan.accept();
    }
}
