package org.labelcrew.task;

/** One labeler's turn at a task (the {@code assignment.state} column); SCORED: a gold answer, scored, never reviewed. */
public enum AssignmentState {
    LEASED, SUBMITTED, IN_REVIEW, APPROVED, REJECTED, EXPIRED, SKIPPED, SCORED
}
