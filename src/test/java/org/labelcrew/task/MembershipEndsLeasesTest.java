package org.labelcrew.task;

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
 * A labeler removed from a project, paused, or given another role there loses their held leases at once: draft and
 * submit answer 403 with a problem detail that says why, the slot is free for someone else, and the draft is kept.
 */
@IntegrationTest
class MembershipEndsLeasesTest {

    @Autowired
    Fixtures fx;

    private record Held(long projectId, User manager, User labeler, long assignmentId, long taskId) {
    }

    private Held leaseOne() {
        User manager = fx.user("mgr", Role.MANAGER);
        long projectId = fx.project(manager, Fixtures.TOPIC_SCHEMA, "\"overlap\": 1").get("id").asLong();
        User labeler = fx.user("lab", Role.LABELER);
        fx.member(manager, projectId, labeler, "LABELER");
        long taskId = fx.tasks(projectId, "한 문장").get(0);
        JsonNode lease = labeler.api().post("/api/v1/projects/" + projectId + "/next-task", null).expect(200).json();
        long assignmentId = lease.get("assignmentId").asLong();
        labeler.api().put("/api/v1/assignments/" + assignmentId + "/draft", "{\"result\": {\"topic\": \"경제\"}}").expect(200);
        return new Held(projectId, manager, labeler, assignmentId, taskId);
    }

    private String state(long assignmentId) {
        return fx.jdbc().sql("SELECT state FROM assignment WHERE id = :a").param("a", assignmentId)
                .query(String.class).single();
    }

    private void assertLeaseEndedAndWorkRefused(Held h, String because) {
        assertThat(state(h.assignmentId())).isEqualTo("EXPIRED");
        Api.Response draft = h.labeler().api().put("/api/v1/assignments/" + h.assignmentId() + "/draft",
                "{\"result\": {\"topic\": \"정치\"}}");
        Api.Response submit = h.labeler().api().post("/api/v1/assignments/" + h.assignmentId() + "/submit",
                "{\"result\": {\"topic\": \"정치\"}}");
        for (Api.Response r : new Api.Response[] {draft, submit}) {
            assertThat(r.status()).as(r.call()).isEqualTo(403);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.json().get("detail").asString()).contains("project " + h.projectId()).contains(because);
        }
        // Nothing stored, the draft kept as it was, and the slot free for someone else.
        assertThat(fx.jdbc().sql("SELECT count(*) FROM annotation WHERE assignment_id = :a").param("a", h.assignmentId())
                .query(Long.class).single()).isZero();
        assertThat(fx.jdbc().sql("SELECT draft->>'topic' FROM assignment WHERE id = :a").param("a", h.assignmentId())
                .query(String.class).single()).isEqualTo("경제");
        User other = fx.user("lab2", Role.LABELER);
        fx.member(h.manager(), h.projectId(), other, "LABELER");
        JsonNode lease = other.api().post("/api/v1/projects/" + h.projectId() + "/next-task", null).expect(200).json();
        assertThat(lease.get("taskId").asLong()).isEqualTo(h.taskId());
    }

    @Test
    void removingALabelerEndsTheirLeasesAtOnce() {
        Held h = leaseOne();
        h.manager().api().delete("/api/v1/projects/" + h.projectId() + "/members/" + h.labeler().id()).expect(204);
        assertLeaseEndedAndWorkRefused(h, "no longer a member");
    }

    @Test
    void pausingALabelerEndsTheirLeasesAtOnce() {
        Held h = leaseOne();
        h.manager().api().put("/api/v1/projects/" + h.projectId() + "/members/" + h.labeler().id(),
                "{\"role\": \"LABELER\", \"paused\": true}").expect(200);
        assertLeaseEndedAndWorkRefused(h, "paused");
    }

    @Test
    void aLabelerMadeReviewerKeepsNoLabelingLease() {
        Held h = leaseOne();
        fx.member(h.manager(), h.projectId(), h.labeler(), "REVIEWER");
        assertLeaseEndedAndWorkRefused(h, "no longer a labeler");
    }

    @Test
    void anUnpausedLabelerGetsTheirDraftBack() {
        Held h = leaseOne();
        String member = "/api/v1/projects/" + h.projectId() + "/members/" + h.labeler().id();
        h.manager().api().put(member, "{\"role\": \"LABELER\", \"paused\": true}").expect(200);
        h.manager().api().put(member, "{\"role\": \"LABELER\", \"paused\": false}").expect(200);
        JsonNode lease = h.labeler().api().post("/api/v1/projects/" + h.projectId() + "/next-task", null).expect(200).json();
        assertThat(lease.get("assignmentId").asLong()).isEqualTo(h.assignmentId());
        assertThat(lease.get("draft").get("topic").asString()).isEqualTo("경제");
        h.labeler().api().post("/api/v1/assignments/" + h.assignmentId() + "/submit", "{\"result\": {\"topic\": \"경제\"}}")
                .expect(200);
    }
}
