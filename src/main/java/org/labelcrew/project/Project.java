package org.labelcrew.project;

import java.time.Instant;
import java.util.Map;
import tools.jackson.databind.JsonNode;

public record Project(long id, String name, String description, JsonNode schema, int schemaVersion, int overlap,
        Review review, int leaseMinutes, double goldRate, JsonNode rates, Instant createdAt, ProjectRole myRole,
        Map<String, Long> counts) {

    /** FULL reviews everything (sampleRate 1); SAMPLE reviews that share of submissions and approves the rest. */
    public record Review(String mode, Double sampleRate) {
        public Review {
            if (mode == null) mode = "FULL";
            if (!"SAMPLE".equals(mode) && sampleRate == null) sampleRate = 1.0;
        }
    }
}
