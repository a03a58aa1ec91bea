package org.labelcrew.project;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.labelcrew.account.Role;
import org.labelcrew.support.Fixtures;
import org.labelcrew.support.Fixtures.User;
import org.labelcrew.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Who may see and do what: project membership and project roles, checked on every call. */
@IntegrationTest
class AuthorizationTest {

    @Autowired
    Fixtures fx;

    @Test
    void labelerCannotReadAProjectTheyAreNotIn() {
        User manager = fx.user("mgr", Role.MANAGER);
        long projectId = fx.project(manager, Fixtures.TOPIC_SCHEMA, null).get("id").asLong();
        long taskId = fx.tasks(projectId, "비밀 문장").get(0);
        User outsider = fx.user("out", Role.LABELER);

        JsonNode problem = outsider.api().get("/api/v1/projects/" + projectId).expect(403).json();
        assertThat(problem.get("detail").asString()).contains("not a member");
        outsider.api().get("/api/v1/projects/" + projectId + "/tasks").expect(403);
        outsider.api().get("/api/v1/tasks/" + taskId).expect(403);
        outsider.api().get("/api/v1/tasks/" + taskId + "/history").expect(403);
        outsider.api().post("/api/v1/projects/" + projectId + "/next-task", null).expect(403);
        // The project list shows only one's own projects.
        assertThat(outsider.api().get("/api/v1/projects").expect(200).json().get("items").valueStream()
                .map(p -> p.get("id").asLong())).doesNotContain(projectId);
        // An unknown project is a 404, not a hint.
        outsider.api().get("/api/v1/projects/987654321").expect(404);
    }

    @Test
    void labelerCannotTouchAnotherLabelersAssignment() {
        User manager = fx.user("mgr", Role.MANAGER);
        long projectId = fx.project(manager, Fixtures.TOPIC_SCHEMA, null).get("id").asLong();
        long taskId = fx.tasks(projectId, "남의 작업").get(0);
        User alice = fx.user("alice", Role.LABELER);
        User bob = fx.user("bob", Role.LABELER);
        fx.member(manager, projectId, alice, "LABELER");
        fx.member(manager, projectId, bob, "LABELER");
        long assignmentId = alice.api().post("/api/v1/projects/" + projectId + "/next-task", null).expect(200).json()
                .get("assignmentId").asLong();

        String body = "{\"result\": {\"topic\": \"정치\"}}";
        bob.api().put("/api/v1/assignments/" + assignmentId + "/draft", body).expect(403);
        bob.api().post("/api/v1/assignments/" + assignmentId + "/submit", body).expect(403);
        bob.api().post("/api/v1/assignments/" + assignmentId + "/skip", "{\"reason\": \"x\"}").expect(403);
        // Bob cannot read the task Alice is working on either.
        bob.api().get("/api/v1/tasks/" + taskId).expect(403);
        // Alice sees it, with only her own work.
        assertThat(alice.api().get("/api/v1/tasks/" + taskId).expect(200).json().get("assignments")).hasSize(1);
    }

    @Test
    void labelerCannotReviewNorManage() {
        User manager = fx.user("mgr", Role.MANAGER);
        long projectId = fx.project(manager, Fixtures.TOPIC_SCHEMA, null).get("id").asLong();
        User labeler = fx.user("lab", Role.LABELER);
        fx.member(manager, projectId, labeler, "LABELER");

        labeler.api().post("/api/v1/projects/" + projectId + "/next-review", null).expect(403);
        labeler.api().patch("/api/v1/projects/" + projectId, "{\"overlap\": 3}").expect(403);
        labeler.api().put("/api/v1/projects/" + projectId + "/members/" + labeler.id(), "{\"role\": \"MANAGER\"}")
                .expect(403);
        labeler.api().get("/api/v1/projects/" + projectId + "/tasks").expect(403);
        labeler.api().post("/api/v1/projects", "{\"name\": \"x\", \"schema\": " + Fixtures.TOPIC_SCHEMA + "}")
                .expect(403);
        labeler.api().get("/api/v1/accounts").expect(403);
    }

    @Test
    void pausedLabelerGetsNoNewWork() {
        User manager = fx.user("mgr", Role.MANAGER);
        long projectId = fx.project(manager, Fixtures.TOPIC_SCHEMA, null).get("id").asLong();
        fx.tasks(projectId, "멈춤");
        User labeler = fx.user("lab", Role.LABELER);
        manager.api().put("/api/v1/projects/" + projectId + "/members/" + labeler.id(),
                "{\"role\": \"LABELER\", \"paused\": true}").expect(200);
        JsonNode problem = labeler.api().post("/api/v1/projects/" + projectId + "/next-task", null).expect(403).json();
        assertThat(problem.get("detail").asString()).contains("paused");
    }

    @Test
    void reviewSettingsNeedASampleRateOnlyWhenSampling() {
        User manager = fx.user("mgr", Role.MANAGER);
        JsonNode full = fx.project(manager, Fixtures.TOPIC_SCHEMA, "\"review\": {\"mode\": \"FULL\"}");
        assertThat(full.get("review").get("sampleRate").asDouble()).isEqualTo(1.0);
        JsonNode problem = manager.api().post("/api/v1/projects", "{\"name\": \"표본\", \"schema\": "
                + Fixtures.TOPIC_SCHEMA + ", \"review\": {\"mode\": \"SAMPLE\"}}").expect(422).json();
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("review.sampleRate");
        // The browser words the error by its code, in Korean or English.
        assertThat(problem.get("errors").get(0).get("code").asString()).isEqualTo("number.share");
    }

    @Test
    void invalidSchemaIsRefusedNamingThePath() {
        User manager = fx.user("mgr", Role.MANAGER);
        JsonNode problem = manager.api().post("/api/v1/projects",
                "{\"name\": \"빈 선택지\", \"schema\": {\"fields\": [{\"name\": \"topic\", \"type\": \"choice\", \"options\": []}]}}")
                .expect(422).json();
        assertThat(problem.get("errors").valueStream().map(e -> e.get("field").asString()))
                .anySatisfy(f -> assertThat(f).endsWith("fields[0].options"));
        JsonNode unknownType = manager.api().post("/api/v1/projects/schema/validate",
                "{\"schema\": {\"fields\": [{\"name\": \"x\", \"type\": \"hologram\"}]}}").expect(422).json();
        assertThat(unknownType.get("errors").get(0).get("field").asString()).endsWith("fields[0].type");
        assertThat(unknownType.get("errors").get(0).get("code").asString()).isEqualTo("value.notAllowed");
        assertThat(unknownType.get("errors").get(0).get("params").get("value").asString()).isEqualTo("hologram");
    }

    @Test
    void aForbiddenAnswerNamesItsSentenceByCodeForTheBrowser() {
        Fixtures.Team team = fx.team(1, null);
        JsonNode problem = team.labelers().get(0).api().get("/api/v1/projects/" + team.projectId() + "/tasks")
                .expect(403).json();
        assertThat(problem.get("code").asString()).isEqualTo("project.roleNeeded");
        assertThat(problem.get("params").get("role").asString()).isEqualTo("LABELER");
        assertThat(problem.get("params").get("roles").valueStream().map(JsonNode::asString)).contains("REVIEWER");
        User outsider = fx.user("out", Role.LABELER);
        assertThat(outsider.api().get("/api/v1/projects/" + team.projectId()).expect(403).json().get("code").asString())
                .isEqualTo("project.notMember");
    }
}
