package org.labelcrew.task;

import java.time.Instant;

/**
 * Published in the submit's transaction when a labeler's answer to a gold item is scored, for features that act on
 * it (pay, when a project's rate card pays gold answers). Carries no score: a listener has no business with it.
 */
public record GoldAnswered(long projectId, long taskId, long assignmentId, long labelerId, Instant at) {
}
