package org.labelcrew.schema.scoring;

/** How well one field matches the reference (0..1) and why, in words. */
public record FieldScore(double score, String feedback) {

    public FieldScore {
        if (Double.isNaN(score) || score < 0 || score > 1) throw new IllegalArgumentException("score must be 0..1: " + score);
    }
}
