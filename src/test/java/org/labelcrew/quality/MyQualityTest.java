package org.labelcrew.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.labelcrew.account.Role;
import org.labelcrew.support.Api;
import org.labelcrew.support.Fixtures;
import org.labelcrew.support.Fixtures.User;
import org.labelcrew.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** GET /me/quality: a labeler's own gold accuracy, against the real database, and nothing that gives gold away. */
@IntegrationTest
class MyQualityTest {

    private static final String SCHEMA = """
            {"fields": [{"name": "topic", "type": "choice", "options": ["정치", "경제", "사회"], "required": true},
                        {"name": "tone", "type": "choice", "options": ["긍정", "부정"], "required": true}]}""";

    @Autowired
    Fixtures fx;

    private record Setup(long projectId, User manager, User labeler, List<Long> goldIds) {
    }

    /** A project whose every task is gold (reference: 경제 / 긍정), and one labeler. */
    private Setup setup(int goldItems) {
        User manager = fx.user("mgr", Role.MANAGER);
        long projectId = fx.project(manager, SCHEMA, "\"goldRate\": 1").get("id").asLong();
        User labeler = fx.user("lab", Role.LABELER);
        fx.member(manager, projectId, labeler, "LABELER");
        List<Long> ids = fx.tasks(projectId, java.util.stream.IntStream.range(0, goldItems)
                .mapToObj(i -> "금리 기사 " + i).toArray(String[]::new));
        for (long id : ids) {
            manager.api().put("/api/v1/tasks/" + id + "/gold", "{\"reference\": {\"topic\": \"경제\", \"tone\": \"긍정\"}}")
                    .expect(200);
        }
        return new Setup(projectId, manager, labeler, ids);
    }

    /** Answers the next task (a gold item here): topic right or not, tone right or not. */
    private static void answer(User labeler, long projectId, boolean topicRight, boolean toneRight) {
        JsonNode lease = labeler.api().post("/api/v1/projects/" + projectId + "/next-task", null).expect(200).json();
        String body = "{\"result\": {\"topic\": \"" + (topicRight ? "경제" : "정치") + "\", \"tone\": \""
                + (toneRight ? "긍정" : "부정") + "\"}}";
        labeler.api().post("/api/v1/assignments/" + lease.get("assignmentId").asLong() + "/submit", body).expect(200);
    }

    private static JsonNode mine(User who, long projectId) {
        return who.api().get("/api/v1/me/quality?projectId=" + projectId).expect(200).json();
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.propertyNames().forEach(names::add);
        return names;
    }

    @Test
    void aLabelerWithNoGoldAnswersGetsZerosAndNulls() {
        Setup s = setup(1);
        JsonNode q = mine(s.labeler(), s.projectId());
        assertThat(q.get("projectId").asLong()).isEqualTo(s.projectId());
        assertThat(q.get("goldRate").asDouble()).isEqualTo(1.0);
        assertThat(q.get("answers").asLong()).isZero();
        assertThat(q.get("counted").asLong()).isZero();
        assertThat(q.get("pending").asLong()).isEqualTo(5);
        assertThat(q.get("meanScore").isNull()).isTrue();
        assertThat(q.get("recent").get("answers").asLong()).isZero();
        assertThat(q.get("recent").get("meanScore").isNull()).isTrue();
        assertThat(q.get("trend")).isEmpty();
        assertThat(q.get("perField")).isEmpty();
        // The manager, a member too, has no answers of their own: zeros as well.
        assertThat(mine(s.manager(), s.projectId()).get("answers").asLong()).isZero();
    }

    @Test
    void figuresMoveInWholeStepsOfFiveAnswersAndAreCorrect() {
        Setup s = setup(10);
        // First step: 0.5, 1, 1, 1, 0.5 → 0.8; topic 4/5, tone 4/5.
        answer(s.labeler(), s.projectId(), true, false);
        answer(s.labeler(), s.projectId(), true, true);
        answer(s.labeler(), s.projectId(), true, true);
        JsonNode three = mine(s.labeler(), s.projectId());
        assertThat(three.get("answers").asLong()).isEqualTo(3);
        assertThat(three.get("counted").asLong()).as("no figure before a whole step").isZero();
        assertThat(three.get("pending").asLong()).isEqualTo(2);
        assertThat(three.get("meanScore").isNull()).isTrue();
        assertThat(three.get("perField")).isEmpty();

        answer(s.labeler(), s.projectId(), true, true);
        answer(s.labeler(), s.projectId(), false, true);
        // Two more answers, both half or fully wrong: they wait for their step and do not move the figures.
        answer(s.labeler(), s.projectId(), true, false);
        answer(s.labeler(), s.projectId(), false, false);
        JsonNode seven = mine(s.labeler(), s.projectId());
        assertThat(seven.get("answers").asLong()).isEqualTo(7);
        assertThat(seven.get("counted").asLong()).isEqualTo(5);
        assertThat(seven.get("pending").asLong()).isEqualTo(3);
        assertThat(seven.get("meanScore").asDouble()).isEqualTo(0.8);
        assertThat(seven.get("recent").get("answers").asLong()).isEqualTo(5);
        assertThat(seven.get("recent").get("meanScore").asDouble()).isEqualTo(0.8);
        assertThat(seven.get("trend")).hasSize(1);
        assertThat(seven.get("trend").get(0).get("through").asLong()).isEqualTo(5);
        assertThat(seven.get("trend").get(0).get("meanScore").asDouble()).isEqualTo(0.8);
        JsonNode fields = seven.get("perField");
        assertThat(fields).hasSize(2);
        assertThat(fields.get(0).get("field").asString()).isEqualTo("tone");
        assertThat(fields.get(0).get("type").asString()).isEqualTo("choice");
        assertThat(fields.get(0).get("answers").asLong()).isEqualTo(5);
        assertThat(fields.get(0).get("meanScore").asDouble()).isEqualTo(0.8);
        assertThat(fields.get(1).get("field").asString()).isEqualTo("topic");
        assertThat(fields.get(1).get("meanScore").asDouble()).isEqualTo(0.8);

        // Second step: 0.5, 0, 1, 1, 1 → 0.7; topic 4/5 (✓✗✓✓✓), tone 3/5 (✗✗✓✓✓).
        answer(s.labeler(), s.projectId(), true, true);
        answer(s.labeler(), s.projectId(), true, true);
        answer(s.labeler(), s.projectId(), true, true);
        Api.Response response = s.labeler().api().get("/api/v1/me/quality?projectId=" + s.projectId()).expect(200);
        JsonNode ten = response.json();
        assertThat(ten.get("answers").asLong()).isEqualTo(10);
        assertThat(ten.get("counted").asLong()).isEqualTo(10);
        assertThat(ten.get("pending").asLong()).isEqualTo(5);
        assertThat(ten.get("meanScore").asDouble()).isEqualTo(0.75);
        assertThat(ten.get("recent").get("answers").asLong()).isEqualTo(10);
        assertThat(ten.get("recent").get("meanScore").asDouble()).isEqualTo(0.75);
        assertThat(ten.get("trend")).hasSize(2);
        assertThat(ten.get("trend").get(1).get("through").asLong()).isEqualTo(10);
        assertThat(ten.get("trend").get(1).get("meanScore").asDouble()).isEqualTo(0.7);
        assertThat(ten.get("perField").get(0).get("field").asString()).isEqualTo("tone");
        assertThat(ten.get("perField").get(0).get("answers").asLong()).isEqualTo(10);
        assertThat(ten.get("perField").get(0).get("meanScore").asDouble()).isEqualTo(0.7);
        assertThat(ten.get("perField").get(1).get("meanScore").asDouble()).isEqualTo(0.8);

        // Nothing that gives gold away: no reference value, no task, no per-item score or feedback.
        assertThat(names(ten)).containsExactlyInAnyOrder("projectId", "goldRate", "step", "answers", "counted",
                "pending", "meanScore", "recent", "trend", "perField");
        assertThat(names(ten.get("trend").get(0))).containsExactlyInAnyOrder("through", "meanScore");
        assertThat(names(ten.get("perField").get(0))).containsExactlyInAnyOrder("field", "type", "answers", "meanScore");
        String body = response.text();
        assertThat(body).doesNotContain("경제").doesNotContain("긍정").doesNotContain("정치").doesNotContain("부정")
                .doesNotContain("reference").doesNotContain("feedback").doesNotContain("expected")
                .doesNotContainIgnoringCase("task");

        // The manager's report agrees on the same answers (all ten, unstepped).
        JsonNode report = s.manager().api().get("/api/v1/projects/" + s.projectId() + "/quality").expect(200).json();
        assertThat(report.get("gold").get("answers").asLong()).isEqualTo(10);
        assertThat(report.get("gold").get("meanScore").asDouble()).isEqualTo(0.75);
    }

    @Test
    void eachLabelerSeesOnlyTheirOwnFigures() {
        Setup s = setup(5);
        User other = fx.user("lab", Role.LABELER);
        fx.member(s.manager(), s.projectId(), other, "LABELER");
        for (int i = 0; i < 5; i++) answer(other, s.projectId(), false, false);
        for (int i = 0; i < 5; i++) answer(s.labeler(), s.projectId(), true, true);
        assertThat(mine(s.labeler(), s.projectId()).get("meanScore").asDouble()).isEqualTo(1.0);
        assertThat(mine(other, s.projectId()).get("meanScore").asDouble()).isEqualTo(0.0);
    }

    @Test
    void nonMembersAre403UnknownProjects404AndTheProjectIsRequired() {
        Setup s = setup(1);
        User stranger = fx.user("stranger", Role.LABELER);
        stranger.api().get("/api/v1/me/quality?projectId=" + s.projectId()).expect(403);
        s.labeler().api().get("/api/v1/me/quality?projectId=99999999").expect(404);
        JsonNode problem = s.labeler().api().get("/api/v1/me/quality").expect(422).json();
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("projectId");
        fx.anonymous().get("/api/v1/me/quality?projectId=" + s.projectId()).expect(401);
        // A reviewer of the project is a member: their own (empty) figures.
        User reviewer = fx.user("rev", Role.REVIEWER);
        fx.member(s.manager(), s.projectId(), reviewer, "REVIEWER");
        assertThat(mine(reviewer, s.projectId()).get("answers").asLong()).isZero();
    }
}
