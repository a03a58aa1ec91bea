package org.labelcrew.io;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * An export as the browser follows it; {@code written} of {@code total} approved tasks. {@code error} when FAILED.
 * A DONE export's file is kept until {@code expiresAt} (its end plus {@code LABELCREW_EXPORT_RETENTION}); once
 * {@code expired}, {@code expiresAt} is when the file was deleted and the download answers 410 ({@link ExportRetention}).
 */
public record ExportJob(long id, long projectId, String format, @Nullable JsonNode options,
        @Schema(implementation = JobStatus.class) String status, long total, long written, @Nullable String error,
        Instant createdAt, @Nullable Instant finishedAt, @Nullable Instant expiresAt, boolean expired) {
}
