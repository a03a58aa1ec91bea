package org.labelcrew.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.labelcrew.account.Role;
import org.labelcrew.support.Fixtures;
import org.labelcrew.support.Fixtures.User;
import org.labelcrew.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Automatic pause by gold accuracy (project setting autoPause), against the real database: the answer that crosses
 * the threshold pauses, the labeler and the manager see why, a resume starts the count afresh, and two answers
 * committed at the same moment are judged one after the other (neither alone crosses it; together they do).
 */
@IntegrationTest
class AutoPauseTest {

    @Autowired
    Fixtures fx;

    private record Setup(long projectId, User manager, User labeler, List<Long> gold) {
    }

    private Setup setup(int goldItems, int minGold, double minAccuracy) {
        User manager = fx.user("mgr", Role.MANAGER);
        long projectId = fx.project(manager, Fixtures.TOPIC_SCHEMA, "\"goldRate\": 1, \"autoPause\": {\"minGoldAnswers\": "
                + minGold + ", \"minAccuracy\": " + minAccuracy + "}").get("id").asLong();
        User labeler = fx.user("lab", Role.LABELER);
        fx.member(manager, projectId, labeler, "LABELER");
        List<Long> ids = fx.tasks(projectId, java.util.stream.IntStream.range(0, goldItems)
                .mapToObj(i -> "금리 기사 " + i).toArray(String[]::new));
        for (long id : ids) {
            manager.api().put("/api/v1/tasks/" + id + "/gold", "{\"reference\": {\"topic\": \"경제\"}}").expect(200);
        }
        return new Setup(projectId, manager, labeler, ids);
    }

    private static void answer(Setup s, boolean right) {
        JsonNode lease = s.labeler().api().post("/api/v1/projects/" + s.projectId() + "/next-task", null).expect(200).json();
        s.labeler().api().post("/api/v1/assignments/" + lease.get("assignmentId").asLong() + "/submit",
                "{\"result\": {\"topic\": \"" + (right ? "경제" : "정치") + "\"}}").expect(200);
    }

    private long pauseEvents(long projectId) {
        return fx.jdbc().sql("SELECT count(*) FROM task_event WHERE project_id = :p AND type = 'AUTO_PAUSE'")
                .param("p", projectId).query(Long.class).single();
    }

    private JsonNode member(Setup s) {
        for (JsonNode m : s.manager().api().get("/api/v1/projects/" + s.projectId() + "/members").expect(200).json()) {
            if (m.get("accountId").asLong() == s.labeler().id()) return m;
        }
        throw new AssertionError("not a member");
    }

    @Test
    void theAnswerThatCrossesTheThresholdPausesAndAResumeCountsAfresh() {
        Setup s = setup(8, 4, 0.8);
        JsonNode project = s.manager().api().get("/api/v1/projects/" + s.projectId()).expect(200).json();
        assertThat(project.get("autoPause").get("minGoldAnswers").asInt()).isEqualTo(4);
        assertThat(project.get("autoPause").get("minAccuracy").asDouble()).isEqualTo(0.8);

        // Three answers (two wrong): fewer than 4 — not judged yet.
        answer(s, false);
        answer(s, false);
        answer(s, true);
        assertThat(member(s).get("paused").asBoolean()).isFalse();
        // The fourth: 4 answers, mean 0.5 < 0.8 → paused by this very answer (which is stored and scored).
        answer(s, true);
        JsonNode m = member(s);
        assertThat(m.get("paused").asBoolean()).isTrue();
        assertThat(m.get("pauseReason").get("code").asString()).isEqualTo("quality.autoPaused");
        assertThat(m.get("pauseReason").get("params").get("answers").asLong()).isEqualTo(4);
        assertThat(m.get("pauseReason").get("params").get("accuracy").asDouble()).isEqualTo(0.5);
        assertThat(pauseEvents(s.projectId())).isEqualTo(1);

        // The labeler asks for work: 403 with the code and figures the browser says in their language.
        JsonNode problem = s.labeler().api().post("/api/v1/projects/" + s.projectId() + "/next-task", null).expect(403).json();
        assertThat(problem.get("code").asString()).isEqualTo("quality.autoPaused");
        assertThat(problem.get("params").get("minAccuracy").asDouble()).isEqualTo(0.8);
        assertThat(problem.get("detail").asString()).contains("paused automatically").contains("50%");

        // The manager resumes them: the reason goes, and the answers before the resume no longer count.
        s.manager().api().put("/api/v1/projects/" + s.projectId() + "/members/" + s.labeler().id(),
                "{\"role\": \"LABELER\", \"paused\": false}").expect(200);
        assertThat(member(s).get("pauseReason").isNull()).isTrue();
        answer(s, false);
        assertThat(member(s).get("paused").asBoolean()).as("one answer since the resume").isFalse();
        answer(s, true);
        answer(s, true);
        answer(s, true);
        assertThat(member(s).get("paused").asBoolean()).as("3 of 4 right since the resume: 0.75 < 0.8").isTrue();
        assertThat(pauseEvents(s.projectId())).isEqualTo(2);
    }

    @Test
    void aManagersPauseHasNoReasonAndAutoPauseCanBeTurnedOff() {
        Setup s = setup(3, 1, 0.9);
        s.manager().api().patch("/api/v1/projects/" + s.projectId(),
                "{\"autoPause\": {\"minGoldAnswers\": null, \"minAccuracy\": null}}").expect(200);
        assertThat(s.manager().api().get("/api/v1/projects/" + s.projectId()).expect(200).json().get("autoPause").isNull()).isTrue();
        answer(s, false);
        assertThat(member(s).get("paused").asBoolean()).isFalse();
        s.manager().api().put("/api/v1/projects/" + s.projectId() + "/members/" + s.labeler().id(),
                "{\"role\": \"LABELER\", \"paused\": true}").expect(200);
        JsonNode problem = s.labeler().api().post("/api/v1/projects/" + s.projectId() + "/next-task", null).expect(403).json();
        assertThat(problem.get("code").asString()).as("a manager's pause, not the automatic one").isEqualTo("project.paused");
        assertThat(problem.get("detail").asString()).contains("paused by a manager");
        // half a setting is refused, naming the field
        JsonNode bad = s.manager().api().patch("/api/v1/projects/" + s.projectId(),
                "{\"autoPause\": {\"minGoldAnswers\": 3}}").expect(422).json();
        assertThat(bad.toString()).contains("autoPause");
    }

    @Test
    void twoAnswersCommittedTogetherAreJudgedOneAfterTheOther() throws Exception {
        // Needs 2 answers, mean below 0.5. Each answer alone is 1 answer: only judged with the other one's in view.
        for (int round = 0; round < 3; round++) {
            Setup s = setup(2, 2, 0.5);
            JsonNode lease = s.labeler().api().post("/api/v1/projects/" + s.projectId() + "/next-task", null).expect(200).json();
            long first = lease.get("assignmentId").asLong();
            long other = s.gold().stream().filter(id -> id != lease.get("taskId").asLong()).findFirst().orElseThrow();
            // A second live lease of the same labeler (as when two browser tabs submit at once).
            long second = fx.jdbc().sql("""
                    INSERT INTO assignment (task_id, project_id, labeler_id, state, lease_expires_at, gold)
                    VALUES (:t, :p, :l, 'LEASED', now() + interval '30 minutes', true) RETURNING id""")
                    .param("t", other).param("p", s.projectId()).param("l", s.labeler().id()).query(Long.class).single();
            CyclicBarrier barrier = new CyclicBarrier(2);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            List<Future<Integer>> done = new ArrayList<>();
            for (long a : List.of(first, second)) {
                done.add(pool.submit(() -> {
                    barrier.await();
                    return s.labeler().api().post("/api/v1/assignments/" + a + "/submit",
                            "{\"result\": {\"topic\": \"정치\"}}").status();
                }));
            }
            for (Future<Integer> f : done) assertThat(f.get()).isEqualTo(200);
            pool.shutdown();
            JsonNode m = member(s);
            assertThat(m.get("paused").asBoolean()).as("round " + round).isTrue();
            assertThat(m.get("pauseReason").get("params").get("answers").asLong()).isEqualTo(2);
            assertThat(pauseEvents(s.projectId())).isEqualTo(1);
        }
    }
}
