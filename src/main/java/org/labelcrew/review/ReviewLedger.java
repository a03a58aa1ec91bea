package org.labelcrew.review;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.labelcrew.task.Lease;
import org.labelcrew.task.ReviewRecords;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Review's records as the work queue reads and writes them (task cannot call review: review depends on task). */
@Component
class ReviewLedger implements ReviewRecords {

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher publisher;
    private final InspectionRates rates;

    ReviewLedger(JdbcClient jdbc, ApplicationEventPublisher publisher, InspectionRates rates) {
        this.jdbc = jdbc;
        this.publisher = publisher;
        this.rates = rates;
    }

    @Override
    public double inspectionRate(org.labelcrew.project.ProjectSettings project, long labelerId) {
        return rates.rateFor(project, labelerId);
    }

    @Override
    public Optional<Lease.Rejection> lastRejection(long assignmentId) {
        return jdbc.sql("""
                SELECT r.reason, acc.username, r.decided_at FROM review r JOIN account acc ON acc.id = r.reviewer_id
                WHERE r.assignment_id = :a AND r.verdict = 'REJECT' ORDER BY r.decided_at DESC LIMIT 1""")
                .param("a", assignmentId)
                .query((rs, i) -> new Lease.Rejection(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant()))
                .optional();
    }

    @Override
    public void approvedBySampling(long assignmentId, long annotationId, long projectId, double rate, Instant at) {
        autoApproved(assignmentId, annotationId, projectId, "not drawn for review (sampling)", at);
    }

    /** Records work approved without a reviewer ({@code reason}: why) and tells pay, as a decision would. */
    void autoApproved(long assignmentId, long annotationId, long projectId, String reason, Instant at) {
        long reviewId = jdbc.sql("""
                INSERT INTO review (assignment_id, annotation_id, project_id, verdict, reason, created_at, decided_at)
                VALUES (:a, :ann, :p, 'AUTO_APPROVE', :reason, :now, :now) RETURNING id""")
                .param("a", assignmentId).param("ann", annotationId).param("p", projectId).param("reason", reason)
                .param("now", Timestamp.from(at)).query(Long.class).single();
        publisher.publishEvent(new WorkReviewed(reviewId, projectId, assignmentId, "AUTO_APPROVE", annotationId, null, at));
    }
}
