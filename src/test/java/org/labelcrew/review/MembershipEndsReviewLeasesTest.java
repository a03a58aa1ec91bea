package org.labelcrew.review;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.labelcrew.account.Role;
import org.labelcrew.support.Api;
import org.labelcrew.support.Fixtures;
import org.labelcrew.support.Fixtures.User;
import org.labelcrew.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * A reviewer removed from a project, paused, or made a labeler there loses their held review leases at once: deciding
 * and taking the next review answer 403 with a problem detail that names the project and says why, and the work goes
 * back to the review queue for someone else. A reviewer made manager still reviews.
 */
@IntegrationTest
class MembershipEndsReviewLeasesTest {

    @Autowired
    Fixtures fx;

    private record Held(long projectId, User manager, User reviewer, long reviewId, long assignmentId) {
    }

    /** One submitted piece of work, taken for review by a reviewer. */
    private Held reviewOne() {
        User manager = fx.user("mgr", Role.MANAGER);
        long projectId = fx.project(manager, Fixtures.TOPIC_SCHEMA, "\"overlap\": 1").get("id").asLong();
        User labeler = fx.user("lab", Role.LABELER);
        User reviewer = fx.user("rev", Role.REVIEWER);
        fx.member(manager, projectId, labeler, "LABELER");
        fx.member(manager, projectId, reviewer, "REVIEWER");
        fx.tasks(projectId, "한 문장");
        long assignmentId = labeler.api().post("/api/v1/projects/" + projectId + "/next-task", null).expect(200).json()
                .get("assignmentId").asLong();
        labeler.api().post("/api/v1/assignments/" + assignmentId + "/submit", "{\"result\": {\"topic\": \"경제\"}}")
                .expect(200);
        long reviewId = reviewer.api().post("/api/v1/projects/" + projectId + "/next-review", null).expect(200).json()
                .get("reviewId").asLong();
        return new Held(projectId, manager, reviewer, reviewId, assignmentId);
    }

    private String member(Held h) {
        return "/api/v1/projects/" + h.projectId() + "/members/" + h.reviewer().id();
    }

    private void assertForbidden(Api.Response r, Held h, String because) {
        assertThat(r.status()).as(r.call()).isEqualTo(403);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().get("detail").asString()).contains("project " + h.projectId()).contains(because);
    }

    private void assertReviewLeaseEndedAndWorkRefused(Held h, String because) {
        assertThat(fx.jdbc().sql("SELECT verdict FROM review WHERE id = :r").param("r", h.reviewId())
                .query(String.class).single()).isEqualTo("EXPIRED");
        assertThat(fx.jdbc().sql("SELECT state FROM assignment WHERE id = :a").param("a", h.assignmentId())
                .query(String.class).single()).isEqualTo("SUBMITTED");
        for (String verdict : new String[] {"{\"verdict\": \"APPROVE\"}",
                "{\"verdict\": \"REJECT\", \"reason\": \"다시\"}",
                "{\"verdict\": \"CORRECT\", \"result\": {\"topic\": \"정치\"}}"}) {
            assertForbidden(h.reviewer().api().post("/api/v1/reviews/" + h.reviewId() + "/decision", verdict), h,
                    because);
        }
        assertForbidden(h.reviewer().api().post("/api/v1/projects/" + h.projectId() + "/next-review", null), h,
                because);
        // Nothing decided, and the work is back in the queue for another reviewer.
        assertThat(fx.jdbc().sql("SELECT count(*) FROM annotation WHERE assignment_id = :a AND kind = 'CORRECTION'")
                .param("a", h.assignmentId()).query(Long.class).single()).isZero();
        User other = fx.user("rev2", Role.REVIEWER);
        fx.member(h.manager(), h.projectId(), other, "REVIEWER");
        JsonNode next = other.api().post("/api/v1/projects/" + h.projectId() + "/next-review", null).expect(200).json();
        assertThat(next.get("assignmentId").asLong()).isEqualTo(h.assignmentId());
        other.api().post("/api/v1/reviews/" + next.get("reviewId").asLong() + "/decision", "{\"verdict\": \"APPROVE\"}")
                .expect(200);
    }

    @Test
    void removingAReviewerEndsTheirReviewLeasesAtOnce() {
        Held h = reviewOne();
        h.manager().api().delete(member(h)).expect(204);
        assertReviewLeaseEndedAndWorkRefused(h, "member");
    }

    @Test
    void pausingAReviewerEndsTheirReviewLeasesAtOnce() {
        Held h = reviewOne();
        h.manager().api().put(member(h), "{\"role\": \"REVIEWER\", \"paused\": true}").expect(200);
        assertReviewLeaseEndedAndWorkRefused(h, "paused");
    }

    @Test
    void aReviewerMadeLabelerKeepsNoReviewLease() {
        Held h = reviewOne();
        fx.member(h.manager(), h.projectId(), h.reviewer(), "LABELER");
        assertReviewLeaseEndedAndWorkRefused(h, "a reviewer in project");
    }

    @Test
    void aReviewerMadeManagerStillDecides() {
        Held h = reviewOne();
        fx.member(h.manager(), h.projectId(), h.reviewer(), "MANAGER");
        h.reviewer().api().post("/api/v1/reviews/" + h.reviewId() + "/decision", "{\"verdict\": \"APPROVE\"}")
                .expect(200);
    }
}
