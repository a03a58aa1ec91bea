package org.labelcrew.task;

import java.time.Instant;
import java.util.Optional;

/**
 * What the work queue needs from review's records, answered by review (which owns the {@code review} table and
 * depends on task, so task cannot call it): the reason a reworked assignment was rejected, and the record of work
 * approved by the sampling rule without a reviewer.
 */
public interface ReviewRecords {

    /** The reviewer's last rejection of the assignment, if any. */
    Optional<Lease.Rejection> lastRejection(long assignmentId);

    /**
     * Records that the submission was approved without review (not drawn by the project's sampling rule);
     * {@code rate}: the draw rate it was not drawn at.
     */
    void approvedBySampling(long assignmentId, long annotationId, long projectId, double rate, Instant at);

    /** The labeler's own draw rate in an ADAPTIVE project now, 0..1 (review.InspectionRates). */
    double inspectionRate(org.labelcrew.project.ProjectSettings project, long labelerId);
}
