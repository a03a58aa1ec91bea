package org.labelcrew.project;

import java.time.Instant;
import java.util.Map;
import tools.jackson.databind.JsonNode;

public record Project(long id, String name, String description, JsonNode schema, int schemaVersion, int overlap,
        Review review, int leaseMinutes, double goldRate, JsonNode rates, Instant createdAt, ProjectRole myRole,
        Map<String, Long> counts) {

    public record Review(String mode, double sampleRate) {
    }
}
