package org.labelcrew.io;

import org.labelcrew.shared.ApiException;

/**
 * A train/validation/test split by seed. Each task's share is decided by a hash of (seed, task id) alone, so the same
 * seed puts a task in the same split in every export, whatever else the project holds, and new tasks do not move old
 * ones. Weights need not sum to 1 ({@code 8, 1, 1} works); they are normalised.
 */
record Split(double train, double validation, double test, long seed) {

    static Split checked(Double train, Double validation, Double test, Long seed) {
        double tr = orZero(train, "split.train"), va = orZero(validation, "split.validation"), te = orZero(test, "split.test");
        if (tr + va + te <= 0) throw IoProblems.invalid(ApiException.FieldError.coded("split", "io.split.noShare", "needs a positive train, validation or test share"));
        return new Split(tr, va, te, seed == null ? 0 : seed);
    }

    private static double orZero(Double v, String field) {
        if (v == null) return 0;
        if (v.isNaN() || v.isInfinite() || v < 0) throw IoProblems.invalid(ApiException.FieldError.coded(field, "number.atLeast", "must be a number of at least 0", "min", 0));
        return v;
    }

    String of(long taskId) {
        double u = (mix(seed * 0x9E3779B97F4A7C15L + taskId) >>> 11) * 0x1.0p-53;
        double x = u * (train + validation + test);
        if (x < train) return "train";
        if (x < train + validation) return "validation";
        return test > 0 ? "test" : validation > 0 ? "validation" : "train";
    }

    /** SplitMix64's finaliser: a fixed, well-mixed 64-bit hash that will never change under us. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
