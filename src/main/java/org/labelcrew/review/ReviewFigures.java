package org.labelcrew.review;

import java.util.List;
import org.labelcrew.task.TaskStore;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Review's outcomes as the quality report reads them (quality may call review; review never calls quality). An
 * <em>inspected</em> item is work a reviewer decided on; its first decision says whether the work as first submitted
 * was right (APPROVE) or not (REJECT, or CORRECT: the reviewer had to fix it). Later decisions on reworked work and
 * work approved by sampling without a look (AUTO_APPROVE) are not inspections of the submission.
 */
@Component
public class ReviewFigures {

    private final JdbcClient jdbc;

    ReviewFigures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** {@code inspected}: first human decisions; {@code passed}: of them, approvals as submitted. */
    @io.swagger.v3.oas.annotations.media.Schema(name = "InspectedCount")
    public record Inspected(long accountId, long inspected, long passed) {
    }

    /** Inspections per labeler (account id), every labeler with at least one. */
    public List<Inspected> inspectedPerLabeler(long projectId) {
        return jdbc.sql("""
                SELECT a.labeler_id, count(*), count(*) FILTER (WHERE f.verdict = 'APPROVE')
                FROM (SELECT DISTINCT ON (r.assignment_id) r.assignment_id, r.verdict FROM review r
                      WHERE r.project_id = :p AND r.verdict IN ('APPROVE', 'REJECT', 'CORRECT')
                      ORDER BY r.assignment_id, r.decided_at, r.id) f
                JOIN""" + TaskStore.assignments() + """
                a ON a.id = f.assignment_id
                GROUP BY a.labeler_id ORDER BY a.labeler_id""")
                .param("p", projectId)
                .query((rs, i) -> new Inspected(rs.getLong(1), rs.getLong(2), rs.getLong(3)))
                .list();
    }

    @io.swagger.v3.oas.annotations.media.Schema(name = "RejectionReasonCount")
    public record ReasonCount(String reason, long count) {
    }

    /** Rejection reasons (as the reviewers wrote them, trimmed), most frequent first, at most {@code limit}. */
    public List<ReasonCount> rejectionReasons(long projectId, int limit) {
        return jdbc.sql("""
                SELECT btrim(coalesce(reason, '')), count(*) FROM review
                WHERE project_id = :p AND verdict = 'REJECT'
                GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT :n""")
                .param("p", projectId).param("n", limit)
                .query((rs, i) -> new ReasonCount(rs.getString(1), rs.getLong(2)))
                .list();
    }
}
