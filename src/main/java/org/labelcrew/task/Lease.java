package org.labelcrew.task;

import java.time.Instant;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** What next-task hands a labeler: the assignment, the task's data, the saved draft and why this task. */
public record Lease(long assignmentId, long taskId, JsonNode data, @Nullable JsonNode draft, Instant leaseExpiresAt,
        NextTaskReason reason, @Nullable Rejection rejection, JsonNode schema) {

    /** The reviewer's last word on reworked work. */
    public record Rejection(String reason, String reviewer, Instant at) {
    }
}
