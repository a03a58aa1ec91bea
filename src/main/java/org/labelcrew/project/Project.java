package org.labelcrew.project;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

public record Project(long id, String name, @Nullable String description, JsonNode schema, int schemaVersion, int overlap,
        Review review, int leaseMinutes, double goldRate, @Nullable JsonNode rates, Instant createdAt, @Nullable ProjectRole myRole,
        Map<String, Long> counts, @Nullable AutoPause autoPause,
        @Schema(description = "How the export merges a task's overlapping approved results: MAJORITY, BEST_GOLD or "
                + "REVIEWER; null exports every approved result", allowableValues = {"MAJORITY", "BEST_GOLD", "REVIEWER"})
        @Nullable String consensus) {

    /**
     * Automatic pause: a labeler whose mean gold score is below {@code minAccuracy} (0..1] once they have answered at
     * least {@code minGoldAnswers} gold items is paused on the project. Off when null (a PATCH with both null turns it off).
     */
    public record AutoPause(@Nullable Integer minGoldAnswers, @Nullable Double minAccuracy) {
    }

    /**
     * FULL reviews everything (sampleRate 1); SAMPLE reviews that share of submissions and approves the rest;
     * ADAPTIVE draws each labeler's submissions at their own rate, between {@code minRate} and {@code maxRate} around
     * the base rate {@code sampleRate}, from their last {@code window} inspected submissions and gold answers (a new
     * labeler starts at {@code maxRate}; docs/quality.md has the formula).
     */
    public record Review(@Schema(allowableValues = {"FULL", "SAMPLE", "ADAPTIVE"}) String mode, @Nullable Double sampleRate,
            @Schema(description = "ADAPTIVE: the lowest rate, for reliable labelers") @Nullable Double minRate,
            @Schema(description = "ADAPTIVE: the highest rate, for new labelers and those with many errors") @Nullable Double maxRate,
            @Schema(description = "ADAPTIVE: how many of a labeler's last inspected submissions and last gold answers count")
            @Nullable Integer window) {
        public Review {
            if (mode == null) mode = "FULL";
            if ("FULL".equals(mode) && sampleRate == null) sampleRate = 1.0;
            if ("ADAPTIVE".equals(mode) && window == null) window = 50;
        }

        public Review(String mode, @Nullable Double sampleRate) {
            this(mode, sampleRate, null, null, null);
        }
    }
}
