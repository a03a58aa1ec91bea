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

    /** FULL reviews everything (sampleRate 1); SAMPLE reviews that share of submissions and approves the rest. */
    public record Review(@Schema(allowableValues = {"FULL", "SAMPLE"}) String mode, @Nullable Double sampleRate) {
        public Review {
            if (mode == null) mode = "FULL";
            if (!"SAMPLE".equals(mode) && sampleRate == null) sampleRate = 1.0;
        }
    }
}
