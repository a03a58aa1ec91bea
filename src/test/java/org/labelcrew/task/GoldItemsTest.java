package org.labelcrew.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.labelcrew.account.Role;
import org.labelcrew.support.Api;
import org.labelcrew.support.Fixtures;
import org.labelcrew.support.Fixtures.Team;
import org.labelcrew.support.Fixtures.User;
import org.labelcrew.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Gold items (control tasks) in the next-task chain, scored on submit, against the real database. */
@IntegrationTest
class GoldItemsTest {

    @Autowired
    Fixtures fx;

    private static String topic(String value) {
        return "{\"result\": {\"topic\": \"" + value + "\"}}";
    }

    /** Makes each task gold with the given topic as its reference. */
    private static void gold(User manager, List<Long> taskIds, String topic) {
        for (long id : taskIds) {
            manager.api().put("/api/v1/tasks/" + id + "/gold", "{\"reference\": {\"topic\": \"" + topic + "\"}}").expect(200);
        }
    }

    /** One task of {@code text} in the team's project, made gold with {@code topic} as its reference; its id. */
    private long goldTask(Team t, String text, String topic) {
        long id = fx.tasks(t.projectId(), text).get(0);
        gold(t.manager(), List.of(id), topic);
        return id;
    }

    private static Api.Response next(User labeler, long projectId) {
        return labeler.api().post("/api/v1/projects/" + projectId + "/next-task", null);
    }

    @Test
    void goldIsServedAtTheProjectsRateLookingLikeOrdinaryWorkAndNeverTwice() {
        Team t = fx.team(1, "\"overlap\": 1, \"goldRate\": 0.25");
        List<Long> goldIds = fx.tasks(t.projectId(), "금 하나", "금 둘", "금 셋");
        List<Long> work = fx.tasks(t.projectId(), java.util.stream.IntStream.range(0, 12)
                .mapToObj(i -> "일반 문장 " + i).toArray(String[]::new));
        gold(t.manager(), goldIds, "경제");
        User labeler = t.labelers().get(0);

        List<String> reasons = new ArrayList<>();
        List<Long> servedGold = new ArrayList<>();
        Set<Long> servedWork = new HashSet<>();
        while (true) {
            Api.Response r = next(labeler, t.projectId());
            if (r.status() == 204) break;
            JsonNode lease = r.expect(200).json();
            long taskId = lease.get("taskId").asLong();
            // The lease's reason is an ordinary one; which tasks were gold only the test (and managers) know.
            assertThat(lease.get("reason").asString()).isEqualTo("order");
            reasons.add(goldIds.contains(taskId) ? "gold" : "order");
            if (goldIds.contains(taskId)) servedGold.add(taskId);
            else servedWork.add(taskId);
            assertThat(lease.toString()).as("the lease never carries the reference").doesNotContain("reference");
            JsonNode done = labeler.api().post("/api/v1/assignments/" + lease.get("assignmentId").asLong() + "/submit",
                    topic("경제")).expect(200).json();
            assertThat(done.get("state").asString()).as("the same answer as any submit").isEqualTo("SUBMITTED");
        }

        // Rate 0.25: the first task and then every fourth is gold, until the three gold items are used up.
        assertThat(reasons).hasSize(15);
        for (int i = 0; i < reasons.size(); i++) {
            assertThat(reasons.get(i)).as("task %d", i).isEqualTo(i == 0 || i == 4 || i == 8 ? "gold" : "order");
        }
        assertThat(servedGold).containsExactlyInAnyOrderElementsOf(goldIds).doesNotHaveDuplicates();
        assertThat(servedWork).containsExactlyInAnyOrderElementsOf(work);
    }

    @Test
    void noGoldIsServedAtRateZeroAndGoldNeverBecomesOrdinaryWork() {
        Team t = fx.team(1, "\"overlap\": 3");
        List<Long> goldIds = fx.tasks(t.projectId(), "금");
        List<Long> work = fx.tasks(t.projectId(), "일반");
        gold(t.manager(), goldIds, "정치");
        User labeler = t.labelers().get(0);
        JsonNode lease = next(labeler, t.projectId()).expect(200).json();
        assertThat(lease.get("taskId").asLong()).isEqualTo(work.get(0));
        labeler.api().post("/api/v1/assignments/" + lease.get("assignmentId").asLong() + "/submit", topic("정치")).expect(200);
        // The gold item has a free "slot" by overlap, but is no ordinary work: nothing more for this labeler.
        next(labeler, t.projectId()).expect(204);
    }

    @Test
    void goldAnswersAreScoredStoredAndNeverReviewed() {
        Team t = fx.team(1, "\"overlap\": 1, \"goldRate\": 1");
        long goldId = goldTask(t, "금리 인상 소식", "경제");
        User labeler = t.labelers().get(0);

        JsonNode lease = next(labeler, t.projectId()).expect(200).json();
        assertThat(lease.get("reason").asString()).as("told as any fresh task").isEqualTo("order");
        assertThat(lease.get("taskId").asLong()).isEqualTo(goldId);
        Api.Response submitted = labeler.api().post("/api/v1/assignments/" + lease.get("assignmentId").asLong()
                + "/submit", topic("정치")).expect(200);
        assertThat(submitted.json().get("state").asString()).as("answered as any submit").isEqualTo("SUBMITTED");
        assertThat(submitted.text()).as("the answer reveals neither reference nor score")
                .doesNotContain("경제").doesNotContain("score");

        Map<String, Object> row = fx.jdbc().sql("""
                SELECT state, gold, gold_score, gold_feedback::text AS feedback FROM assignment WHERE id = :a""")
                .param("a", lease.get("assignmentId").asLong()).query().singleRow();
        assertThat(row.get("state")).isEqualTo("SCORED");
        assertThat(row.get("gold")).isEqualTo(true);
        assertThat(row.get("gold_score")).isEqualTo(0.0);
        assertThat((String) row.get("feedback")).contains("\"field\": \"topic\"").contains("expected 경제");

        // Never in review, never counted as work; the task stays gold and its history says it was scored.
        t.reviewer().api().post("/api/v1/projects/" + t.projectId() + "/next-review", null).expect(204);
        next(labeler, t.projectId()).expect(204);
        JsonNode project = t.manager().api().get("/api/v1/projects/" + t.projectId()).expect(200).json();
        assertThat(project.get("counts").get("GOLD").asLong()).isEqualTo(1);
        assertThat(project.get("counts").get("total").asLong()).isZero();
        JsonNode task = t.manager().api().get("/api/v1/tasks/" + goldId).expect(200).json();
        assertThat(task.get("state").asString()).isEqualTo("GOLD");
        assertThat(task.get("goldReference").get("topic").asString()).isEqualTo("경제");
        assertThat(task.get("assignments").get(0).get("goldScore").asDouble()).isEqualTo(0.0);
        List<String> events = new ArrayList<>();
        t.manager().api().get("/api/v1/tasks/" + goldId + "/history").expect(200).json()
                .forEach(e -> events.add(e.get("type").asString()));
        assertThat(events).containsSubsequence("GOLD", "ASSIGN", "SUBMIT", "SCORE");
        JsonNode history = t.manager().api().get("/api/v1/tasks/" + goldId + "/history").expect(200).json();
        for (JsonNode e : history) {
            if ("ASSIGN".equals(e.get("type").asString())) {
                assertThat(e.get("detail").get("reason").asString()).as("the log keeps the true reason").isEqualTo("gold");
            }
        }
        // The labeler sees their own work on the task, but not the reference or the score.
        JsonNode mine = labeler.api().get("/api/v1/tasks/" + goldId).expect(200).json();
        assertThat(mine.get("goldReference").isNull()).isTrue();
        assertThat(mine.get("assignments").get(0).get("goldScore").isNull()).isTrue();
        assertThat(mine.get("assignments").get(0).get("goldFeedback").isNull()).isTrue();
        assertThat(mine.get("state").asString()).as("reads as ordinary submitted work").isEqualTo("SUBMITTED");
        assertThat(mine.get("assignments").get(0).get("state").asString()).isEqualTo("SUBMITTED");
        assertThat(mine.toString()).doesNotContain("GOLD").doesNotContain("SCORED");
        JsonNode seen = labeler.api().get("/api/v1/projects/" + t.projectId()).expect(200).json();
        assertThat(seen.get("counts").has("GOLD")).as("labelers are not told how many gold items there are").isFalse();
    }

    @Test
    void reviewersNeitherListNorReadGoldItems() {
        Team t = fx.team(1, "\"overlap\": 1, \"goldRate\": 1");
        long goldId = goldTask(t, "금리 인상 소식", "경제");
        long workId = fx.tasks(t.projectId(), "일반 문장").get(0);
        User labeler = t.labelers().get(0);
        for (int i = 0; i < 2; i++) {
            JsonNode lease = next(labeler, t.projectId()).expect(200).json();
            labeler.api().post("/api/v1/assignments/" + lease.get("assignmentId").asLong() + "/submit", topic("정치"))
                    .expect(200);
        }
        Api reviewer = t.reviewer().api();
        String tasks = "/api/v1/projects/" + t.projectId() + "/tasks";
        JsonNode listed = reviewer.get(tasks).expect(200).json();
        List<Long> ids = new ArrayList<>();
        listed.get("items").forEach(i -> ids.add(i.get("id").asLong()));
        assertThat(ids).containsExactly(workId);
        assertThat(listed.get("total").asLong()).isEqualTo(1);
        reviewer.get(tasks + "?state=GOLD").expect(422);
        reviewer.get("/api/v1/tasks/" + goldId).expect(404);
        reviewer.get("/api/v1/tasks/" + goldId + "/history").expect(404);
        reviewer.get("/api/v1/tasks/" + goldId + "/gold").expect(403);
        JsonNode project = reviewer.get("/api/v1/projects/" + t.projectId()).expect(200).json();
        assertThat(project.get("counts").has("GOLD")).isFalse();
        JsonNode stats = reviewer.get("/api/v1/projects/" + t.projectId() + "/stats").expect(200).json();
        assertThat(stats.get("counts").has("GOLD")).isFalse();
        // The manager still lists and reads everything.
        assertThat(t.manager().api().get(tasks).expect(200).json().get("total").asLong()).isEqualTo(2);
        t.manager().api().get("/api/v1/tasks/" + goldId + "/history").expect(200);
    }

    @Test
    void replacingTheReferenceScoresTheAnswersAgain() {
        Team t = fx.team(1, "\"goldRate\": 1");
        long goldId = goldTask(t, "금", "경제");
        User labeler = t.labelers().get(0);
        JsonNode lease = next(labeler, t.projectId()).expect(200).json();
        labeler.api().post("/api/v1/assignments/" + lease.get("assignmentId").asLong() + "/submit", topic("사회")).expect(200);
        JsonNode before = t.manager().api().get("/api/v1/tasks/" + goldId + "/gold").expect(200).json();
        assertThat(before.get("answers").asLong()).isEqualTo(1);
        assertThat(before.get("meanScore").asDouble()).isEqualTo(0.0);

        JsonNode after = t.manager().api().put("/api/v1/tasks/" + goldId + "/gold",
                "{\"reference\": {\"topic\": \"사회\"}}").expect(200).json();
        assertThat(after.get("meanScore").asDouble()).isEqualTo(1.0);
        // Answered gold stays gold: the scores must keep their meaning.
        t.manager().api().delete("/api/v1/tasks/" + goldId + "/gold").expect(409);
    }

    @Test
    void badReferenceIs422NamingTheFieldAndOnlyManagersMarkGold() {
        Team t = fx.team(1, null);
        List<Long> ids = fx.tasks(t.projectId(), "하나", "둘");
        long id = ids.get(0);
        String path = "/api/v1/tasks/" + id + "/gold";

        JsonNode problem = t.manager().api().put(path, "{\"reference\": {\"topic\": \"날씨\", \"mood\": 1}}")
                .expect(422).json();
        List<String> fields = new ArrayList<>();
        problem.get("errors").forEach(e -> fields.add(e.get("field").asString()));
        assertThat(fields).containsExactlyInAnyOrder("reference.topic", "reference.mood");
        t.manager().api().put(path, "{\"reference\": {}}").expect(422); // topic is required
        JsonNode missing = t.manager().api().put(path, "{}").expect(422).json();
        assertThat(missing.get("errors").get(0).get("field").asString()).isEqualTo("reference");

        t.labelers().get(0).api().put(path, "{\"reference\": {\"topic\": \"경제\"}}").expect(403);
        t.reviewer().api().put(path, "{\"reference\": {\"topic\": \"경제\"}}").expect(403);
        fx.user("stranger", Role.MANAGER).api().put(path, "{\"reference\": {\"topic\": \"경제\"}}").expect(403);
        t.manager().api().put("/api/v1/tasks/99999999/gold", "{\"reference\": {\"topic\": \"경제\"}}").expect(404);

        // Marked, unmarked by the manager alone, and a task already in the work cannot become gold.
        t.manager().api().put(path, "{\"reference\": {\"topic\": \"경제\"}}").expect(200);
        t.labelers().get(0).api().delete(path).expect(403);
        t.manager().api().delete(path).expect(204);
        t.manager().api().get(path).expect(404);
        next(t.labelers().get(0), t.projectId()).expect(200);
        JsonNode conflict = t.manager().api().put(path, "{\"reference\": {\"topic\": \"경제\"}}").expect(409).json();
        assertThat(conflict.get("detail").asString()).contains("ordinary work");
    }

    @Test
    void qualityReportsGoldAccuracyPerLabeler() {
        Team t = fx.team(2, "\"goldRate\": 1");
        List<Long> goldIds = fx.tasks(t.projectId(), "금 하나", "금 둘");
        gold(t.manager(), goldIds, "경제");
        User good = t.labelers().get(0);
        User sloppy = t.labelers().get(1);
        for (User labeler : t.labelers()) {
            int n = 0;
            while (true) {
                Api.Response r = next(labeler, t.projectId());
                if (r.status() == 204) break;
                JsonNode lease = r.expect(200).json();
                String answer = labeler == good || n++ == 0 ? "경제" : "정치";
                labeler.api().post("/api/v1/assignments/" + lease.get("assignmentId").asLong() + "/submit",
                        topic(answer)).expect(200);
            }
        }

        JsonNode q = t.manager().api().get("/api/v1/projects/" + t.projectId() + "/quality").expect(200).json();
        JsonNode g = q.get("gold");
        assertThat(g.get("rate").asDouble()).isEqualTo(1.0);
        assertThat(g.get("items").asLong()).isEqualTo(2);
        assertThat(g.get("answers").asLong()).isEqualTo(4);
        assertThat(g.get("meanScore").asDouble()).isEqualTo(0.75);
        JsonNode per = g.get("perLabeler");
        assertThat(per).hasSize(2);
        assertThat(per.get(0).get("username").asString()).as("lowest first").isEqualTo(sloppy.username());
        assertThat(per.get(0).get("accountId").asLong()).isEqualTo(sloppy.id());
        assertThat(per.get(0).get("answers").asLong()).isEqualTo(2);
        assertThat(per.get(0).get("meanScore").asDouble()).isEqualTo(0.5);
        assertThat(per.get(1).get("username").asString()).isEqualTo(good.username());
        assertThat(per.get(1).get("meanScore").asDouble()).isEqualTo(1.0);
        assertThat(g.get("perField").get(0).get("field").asString()).isEqualTo("topic");
        assertThat(g.get("perField").get(0).get("meanScore").asDouble()).isEqualTo(0.75);

        good.api().get("/api/v1/projects/" + t.projectId() + "/quality").expect(403);
        t.reviewer().api().get("/api/v1/projects/" + t.projectId() + "/quality").expect(403);
        // A project without gold reports an empty gold section, not an error.
        Team plain = fx.team(0, null);
        JsonNode none = plain.manager().api().get("/api/v1/projects/" + plain.projectId() + "/quality").expect(200).json();
        assertThat(none.get("gold").get("items").asLong()).isZero();
        assertThat(none.get("gold").get("meanScore").isNull()).isTrue();
    }

    @Test
    void concurrentLabelersEachGetEveryGoldItemExactlyOnce() throws Exception {
        int labelers = 8;
        Team t = fx.team(labelers, "\"goldRate\": 1");
        List<Long> goldIds = fx.tasks(t.projectId(), "금 1", "금 2", "금 3");
        gold(t.manager(), goldIds, "사회");
        Map<Long, List<Long>> served = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(labelers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        for (User labeler : t.labelers()) {
            futures.add(pool.submit(() -> {
                start.await();
                while (true) {
                    // Two calls at once from the same labeler (a double click): still one lease.
                    Api.Response r = next(labeler, t.projectId());
                    Api.Response again = next(labeler, t.projectId());
                    if (r.status() == 204) return null;
                    JsonNode lease = r.expect(200).json();
                    assertThat(again.expect(200).json().get("assignmentId").asLong())
                            .isEqualTo(lease.get("assignmentId").asLong());
                    served.computeIfAbsent(labeler.id(), k -> new CopyOnWriteArrayList<>()).add(lease.get("taskId").asLong());
                    labeler.api().post("/api/v1/assignments/" + lease.get("assignmentId").asLong() + "/submit",
                            topic("사회")).expect(200);
                }
            }));
        }
        start.countDown();
        for (Future<?> f : futures) f.get();
        pool.shutdown();
        assertThat(served).hasSize(labelers);
        served.values().forEach(ids -> assertThat(ids).containsExactlyInAnyOrderElementsOf(goldIds).doesNotHaveDuplicates());
        Long perfect = fx.jdbc().sql("SELECT count(*) FROM assignment WHERE project_id = :p AND state = 'SCORED' AND gold_score = 1")
                .param("p", t.projectId()).query(Long.class).single();
        assertThat(perfect).isEqualTo(labelers * 3L);
    }

    @Test
    void skippedGoldIsNotAnAnswerComesBackOnceAndASecondSkipIsFinal() {
        Team t = fx.team(1, "\"overlap\": 1, \"goldRate\": 0.25");
        List<Long> goldIds = fx.tasks(t.projectId(), "금 하나", "금 둘");
        List<Long> work = fx.tasks(t.projectId(), java.util.stream.IntStream.range(0, 8)
                .mapToObj(i -> "일반 문장 " + i).toArray(String[]::new));
        gold(t.manager(), goldIds, "경제");
        User labeler = t.labelers().get(0);

        // 1. Gold first; the labeler skips it.
        JsonNode first = next(labeler, t.projectId()).expect(200).json();
        assertThat(first.get("reason").asString()).isEqualTo("order");
        assertThat(first.get("taskId").asLong()).isIn(goldIds);
        long skippedTask = first.get("taskId").asLong();
        long skippedAssignment = first.get("assignmentId").asLong();
        labeler.api().post("/api/v1/assignments/" + skippedAssignment + "/skip", "{\"reason\": \"모르겠음\"}").expect(204);

        // 2. A skip is not an answer: gold is still due, and the other gold item comes at once.
        JsonNode second = next(labeler, t.projectId()).expect(200).json();
        assertThat(second.get("reason").asString()).isEqualTo("order");
        assertThat(second.get("taskId").asLong()).isNotEqualTo(skippedTask).isIn(goldIds);
        labeler.api().post("/api/v1/assignments/" + second.get("assignmentId").asLong() + "/submit", topic("경제"))
                .expect(200);

        // 3. One gold answer in one task: three ordinary tasks until the share falls below 0.25 again.
        for (int i = 0; i < 3; i++) {
            JsonNode lease = next(labeler, t.projectId()).expect(200).json();
            assertThat(lease.get("reason").asString()).as("ordinary task %d", i).isEqualTo("order");
            labeler.api().post("/api/v1/assignments/" + lease.get("assignmentId").asLong() + "/submit", topic("정치"))
                    .expect(200);
        }

        // 4. Gold due, no fresh gold item left: the skipped one comes back, on the same assignment.
        JsonNode back = next(labeler, t.projectId()).expect(200).json();
        assertThat(back.get("reason").asString()).isEqualTo("order");
        assertThat(back.get("taskId").asLong()).isEqualTo(skippedTask);
        assertThat(back.get("assignmentId").asLong()).isEqualTo(skippedAssignment);
        labeler.api().post("/api/v1/assignments/" + skippedAssignment + "/skip", "{\"reason\": \"또 모르겠음\"}").expect(204);

        // 5. A second skip is final: it counts as served (no gold loop), and the item never comes back.
        List<Long> rest = new ArrayList<>();
        while (true) {
            Api.Response r = next(labeler, t.projectId());
            if (r.status() == 204) break;
            JsonNode lease = r.expect(200).json();
            assertThat(lease.get("reason").asString()).isEqualTo("order");
            rest.add(lease.get("taskId").asLong());
            labeler.api().post("/api/v1/assignments/" + lease.get("assignmentId").asLong() + "/submit", topic("정치"))
                    .expect(200);
        }
        assertThat(rest).hasSize(5).doesNotContainAnyElementsOf(goldIds);
        assertThat(work).containsAll(rest);
        Map<String, Object> row = fx.jdbc().sql("SELECT state, skips, gold_score FROM assignment WHERE id = :a")
                .param("a", skippedAssignment).query().singleRow();
        assertThat(row.get("state")).isEqualTo("SKIPPED");
        assertThat(((Number) row.get("skips")).intValue()).isEqualTo(2);
        assertThat(row.get("gold_score")).isNull();

        // Scored: the one answered item only. The manager sees the skipped gold item beside it.
        JsonNode me = labeler.api().get("/api/v1/me/quality?projectId=" + t.projectId()).expect(200).json();
        assertThat(me.get("answers").asLong()).isEqualTo(1);
        JsonNode per = t.manager().api().get("/api/v1/projects/" + t.projectId() + "/quality").expect(200).json()
                .get("gold").get("perLabeler");
        assertThat(per).hasSize(1);
        assertThat(per.get(0).get("answers").asLong()).isEqualTo(1);
        assertThat(per.get(0).get("skipped").asLong()).isEqualTo(1);
        assertThat(per.get(0).get("meanScore").asDouble()).isEqualTo(1.0);
    }

    @Test
    void aLabelerWhoOnlySkipsGoldIsListedFirstWithNoMean() {
        Team t = fx.team(2, "\"goldRate\": 1");
        long goldId = goldTask(t, "금", "경제");
        User answers = t.labelers().get(0);
        User skipper = t.labelers().get(1);
        JsonNode a = next(answers, t.projectId()).expect(200).json();
        answers.api().post("/api/v1/assignments/" + a.get("assignmentId").asLong() + "/submit", topic("정치")).expect(200);
        for (int i = 0; i < 2; i++) {
            JsonNode s = next(skipper, t.projectId()).expect(200).json();
            assertThat(s.get("taskId").asLong()).isEqualTo(goldId);
            skipper.api().post("/api/v1/assignments/" + s.get("assignmentId").asLong() + "/skip", "{}").expect(204);
        }
        next(skipper, t.projectId()).expect(204);

        JsonNode g = t.manager().api().get("/api/v1/projects/" + t.projectId() + "/quality").expect(200).json().get("gold");
        assertThat(g.get("answers").asLong()).isEqualTo(1);
        assertThat(g.get("meanScore").asDouble()).isEqualTo(0.0);
        JsonNode per = g.get("perLabeler");
        assertThat(per.get(0).get("accountId").asLong()).isEqualTo(skipper.id());
        assertThat(per.get(0).get("answers").asLong()).isZero();
        assertThat(per.get(0).get("meanScore").isNull()).isTrue();
        assertThat(per.get(0).get("skipped").asLong()).isEqualTo(1);
        assertThat(per.get(1).get("accountId").asLong()).isEqualTo(answers.id());
    }

    @Test
    void goldIsDueWhileTheShareStaysBelowTheRate() {
        assertThat(Strategies.Gold.due(0.25, 0, 0)).isTrue();
        assertThat(Strategies.Gold.due(0.25, 1, 1)).isFalse();
        assertThat(Strategies.Gold.due(0.25, 3, 1)).isFalse();
        assertThat(Strategies.Gold.due(0.25, 4, 1)).isTrue();
        assertThat(Strategies.Gold.due(0.1, 10, 1)).isTrue();
        assertThat(Strategies.Gold.due(0.1, 9, 1)).isFalse();
        assertThat(Strategies.Gold.due(0, 0, 0)).isFalse();
        assertThat(Strategies.Gold.due(1, 5, 5)).isTrue();
    }
}
