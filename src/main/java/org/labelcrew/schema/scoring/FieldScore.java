package org.labelcrew.schema.scoring;

import java.util.Map;

/**
 * How well one field matches the reference (0..1) and why: {@code code} and {@code params} for the browser, which
 * says it in the reader's language ({@code score.spans.f1} with {@code pct, found, expected, extra}; the codes are
 * listed in README.md), and {@code feedback}, the same in English for scripts and logs.
 */
public record FieldScore(double score, String feedback, String code, Map<String, Object> params) {

    public FieldScore {
        if (Double.isNaN(score) || score < 0 || score > 1) throw new IllegalArgumentException("score must be 0..1: " + score);
        params = params == null ? Map.of() : params;
    }

    /** A score in 0..1 as the whole percentage the feedback names. */
    static long pct(double v) {
        return Math.round(v * 100);
    }
}
