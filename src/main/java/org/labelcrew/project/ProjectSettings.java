package org.labelcrew.project;

import tools.jackson.databind.JsonNode;

/** What the workflow needs of a project: its current schema and its queue and review settings. */
public record ProjectSettings(long id, JsonNode schema, int schemaVersion, int overlap, String reviewMode,
        double sampleRate, int leaseMinutes) {
}
