package org.labelcrew.io;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/** An export as the browser follows it; {@code written} of {@code total} approved tasks. {@code error} when FAILED. */
public record ExportJob(long id, long projectId, String format, JsonNode options, String status, long total,
        long written, String error, Instant createdAt, Instant finishedAt) {
}
