package org.labelcrew.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.labelcrew.review.ReviewService;
import org.labelcrew.support.Api;
import org.labelcrew.support.Fixtures;
import org.labelcrew.support.Fixtures.Team;
import org.labelcrew.support.Fixtures.User;
import org.labelcrew.support.IntegrationTest;
import org.labelcrew.support.TestClock;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The workflow invariants of DESIGN.md, each proven through the public API against the real database. */
@IntegrationTest
class WorkflowInvariantsTest {

    @Autowired
    Fixtures fx;
    @Autowired
    TestClock clock;
    @Autowired
    LeaseSweeper sweeper;
    @Autowired
    ReviewService reviews;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private static String topic(String value) {
        return "{\"result\": {\"topic\": \"" + value + "\"}}";
    }

    @Test
    void concurrentNextTaskNeverHandsOneSlotToTwoLabelers() throws Exception {
        int labelers = 24;
        Team t = fx.team(labelers, "\"overlap\": 2");
        List<Long> taskIds = fx.tasks(t.projectId(), java.util.stream.IntStream.range(0, 60)
                .mapToObj(i -> "동시성 문장 " + i).toArray(String[]::new));

        ExecutorService pool = Executors.newFixedThreadPool(labelers);
        CountDownLatch start = new CountDownLatch(1);
        Map<Long, List<Long>> taskToLabelers = new ConcurrentHashMap<>();
        AtomicInteger submitted = new AtomicInteger();
        List<Future<?>> futures = new ArrayList<>();
        for (User labeler : t.labelers()) {
            futures.add(pool.submit(() -> {
                start.await();
                while (true) {
                    Api.Response r = labeler.api().post("/api/v1/projects/" + t.projectId() + "/next-task", null);
                    if (r.status() == 204) return null;
                    JsonNode lease = r.expect(200).json();
                    taskToLabelers.computeIfAbsent(lease.get("taskId").asLong(), k -> new java.util.concurrent.CopyOnWriteArrayList<>())
                            .add(labeler.id());
                    labeler.api().post("/api/v1/assignments/" + lease.get("assignmentId").asLong() + "/submit",
                            topic("경제")).expect(200);
                    submitted.incrementAndGet();
                }
            }));
        }
        start.countDown();
        for (Future<?> f : futures) f.get();
        pool.shutdown();

        // Every task was labeled by exactly two different people, and nobody got a slot twice.
        assertThat(submitted.get()).isEqualTo(taskIds.size() * 2);
        assertThat(taskToLabelers.keySet()).containsExactlyInAnyOrderElementsOf(taskIds);
        taskToLabelers.values().forEach(who -> assertThat(who).hasSize(2).doesNotHaveDuplicates());
        // The database agrees: no task has more live + submitted assignments than its overlap.
        Integer overfull = fx.jdbc().sql("""
                SELECT count(*) FROM (SELECT task_id FROM assignment WHERE project_id = :p
                  AND state IN ('LEASED','SUBMITTED','IN_REVIEW','APPROVED','REJECTED')
                  GROUP BY task_id HAVING count(*) > 2) x""").param("p", t.projectId()).query(Integer.class).single();
        assertThat(overfull).isZero();
        assertCountsMatchTheTasks(t.projectId());
        assertTasksMatchTheirAssignments(t.projectId());
        // Both labelers of every task submitted: none may be left looking leased.
        assertThat(fx.jdbc().sql("SELECT DISTINCT state FROM task WHERE project_id = :p").param("p", t.projectId())
                .query(String.class).list()).containsExactly("SUBMITTED");
    }

    /**
     * Every task's held slots, approvals and state are what its assignments say — also after labelers of one task
     * submitted at the same moment, each in a transaction that could not see the other's change.
     */
    private void assertTasksMatchTheirAssignments(long projectId) {
        List<Map<String, Object>> wrong = fx.jdbc().sql("""
                SELECT t.id, t.held, t.approved, t.state, s.*
                FROM task t JOIN project p ON p.id = t.project_id,
                LATERAL (SELECT count(*) FILTER (WHERE a.state IN ('LEASED','SUBMITTED','IN_REVIEW','REJECTED','APPROVED')) AS h,
                                count(*) FILTER (WHERE a.state = 'APPROVED') AS ap,
                                CASE WHEN count(*) FILTER (WHERE a.state = 'APPROVED') >= p.overlap THEN 'APPROVED'
                                     WHEN count(*) FILTER (WHERE a.state = 'REJECTED') > 0 THEN 'REJECTED'
                                     WHEN count(*) FILTER (WHERE a.state = 'LEASED') > 0 THEN 'ASSIGNED'
                                     WHEN count(*) FILTER (WHERE a.state IN ('SUBMITTED','IN_REVIEW')) > 0 THEN 'SUBMITTED'
                                     ELSE 'NEW' END AS st
                         FROM assignment a WHERE a.task_id = t.id) s
                WHERE t.project_id = :p AND (t.held, t.approved, t.state) IS DISTINCT FROM (s.h, s.ap, s.st)""")
                .param("p", projectId).query().listOfRows();
        assertThat(wrong).isEmpty();
    }

    /** The trigger-kept counts (task_count) agree with a full scan, after concurrent work and bulk changes. */
    private void assertCountsMatchTheTasks(long projectId) {
        String scan = "SELECT state, count(*) AS n FROM task WHERE project_id = :p GROUP BY state ORDER BY state";
        String kept = "SELECT state, sum(n)::bigint AS n FROM task_count WHERE project_id = :p GROUP BY state HAVING sum(n) <> 0 ORDER BY state";
        assertThat(fx.jdbc().sql(kept).param("p", projectId).query().listOfRows())
                .isEqualTo(fx.jdbc().sql(scan).param("p", projectId).query().listOfRows());
    }

    @Test
    void changingTheOverlapReDerivesTheTasksWhoseCompletionItDecides() {
        Team t = fx.team(2, "\"overlap\": 2");
        List<Long> ids = fx.tasks(t.projectId(), "둘이 끝낸 문장", "하나만 끝낸 문장", "아무도 안 한 문장");
        // Task 1 by both labelers, task 2 by one; every answer approved.
        for (User labeler : t.labelers()) labelAndSubmit(t, labeler);
        labelAndSubmit(t, t.labelers().get(0));
        for (int i = 0; i < 3; i++) {
            long reviewId = t.reviewer().api().post("/api/v1/projects/" + t.projectId() + "/next-review", null)
                    .expect(200).json().get("reviewId").asLong();
            t.reviewer().api().post("/api/v1/reviews/" + reviewId + "/decision", "{\"verdict\": \"APPROVE\"}").expect(200);
        }
        assertThat(states(ids)).containsExactly("APPROVED", "NEW", "NEW");

        t.manager().api().patch("/api/v1/projects/" + t.projectId(), "{\"overlap\": 1}").expect(200);
        assertThat(states(ids)).as("one approval completes a task now").containsExactly("APPROVED", "APPROVED", "NEW");
        assertTasksMatchTheirAssignments(t.projectId());
        assertCountsMatchTheTasks(t.projectId());

        t.manager().api().patch("/api/v1/projects/" + t.projectId(), "{\"overlap\": 3}").expect(200);
        assertThat(states(ids)).as("three approvals needed: open again").containsExactly("NEW", "NEW", "NEW");
        assertTasksMatchTheirAssignments(t.projectId());
        assertCountsMatchTheTasks(t.projectId());
    }

    private void labelAndSubmit(Team t, User labeler) {
        long assignment = labeler.api().post("/api/v1/projects/" + t.projectId() + "/next-task", null).expect(200)
                .json().get("assignmentId").asLong();
        labeler.api().post("/api/v1/assignments/" + assignment + "/submit", topic("사회")).expect(200);
    }

    private List<String> states(List<Long> taskIds) {
        return fx.jdbc().sql("SELECT state FROM task WHERE id IN (:ids) ORDER BY id").param("ids", taskIds)
                .query(String.class).list();
    }

    @Test
    void labelerNeverGetsTheSameTaskTwice() {
        Team t = fx.team(1, "\"overlap\": 3");
        fx.tasks(t.projectId(), "한 문장");
        User labeler = t.labelers().get(0);
        JsonNode lease = labeler.api().post("/api/v1/projects/" + t.projectId() + "/next-task", null).expect(200).json();
        labeler.api().post("/api/v1/assignments/" + lease.get("assignmentId").asLong() + "/submit", topic("정치"))
                .expect(200);
        // Two more slots are open on the task, but not for the same person.
        labeler.api().post("/api/v1/projects/" + t.projectId() + "/next-task", null).expect(204);
    }

    @Test
    void rejectedWorkComesBackToTheSameLabelerFirstWithTheReason() {
        Team t = fx.team(2, null);
        fx.tasks(t.projectId(), "첫 번째 문장", "두 번째 문장");
        User labeler = t.labelers().get(0);
        JsonNode first = labeler.api().post("/api/v1/projects/" + t.projectId() + "/next-task", null).expect(200).json();
        labeler.api().post("/api/v1/assignments/" + first.get("assignmentId").asLong() + "/submit", topic("정치"))
                .expect(200);

        JsonNode review = t.reviewer().api().post("/api/v1/projects/" + t.projectId() + "/next-review", null)
                .expect(200).json();
        assertThat(review.get("labeler").get("id").asLong()).isEqualTo(labeler.id());
        t.reviewer().api().post("/api/v1/reviews/" + review.get("reviewId").asLong() + "/decision",
                "{\"verdict\": \"REJECT\", \"reason\": \"경제 기사입니다\"}").expect(200);

        // The other labeler does not get the rejected task; the author does, before new work.
        JsonNode other = t.labelers().get(1).api().post("/api/v1/projects/" + t.projectId() + "/next-task", null)
                .expect(200).json();
        assertThat(other.get("reason").asString()).isEqualTo("order");
        assertThat(other.get("taskId").asLong()).isNotEqualTo(first.get("taskId").asLong());
        JsonNode rework = labeler.api().post("/api/v1/projects/" + t.projectId() + "/next-task", null).expect(200).json();
        assertThat(rework.get("taskId").asLong()).isEqualTo(first.get("taskId").asLong());
        assertThat(rework.get("reason").asString()).isEqualTo("rework");
        assertThat(rework.get("rejection").get("reason").asString()).isEqualTo("경제 기사입니다");
        assertThat(rework.get("draft").get("topic").asString()).as("rework starts from the rejected answer").isEqualTo("정치");
        // A reload hands the same lease back, still with the reviewer's reason.
        JsonNode reload = labeler.api().post("/api/v1/projects/" + t.projectId() + "/next-task", null).expect(200).json();
        assertThat(reload.get("assignmentId").asLong()).isEqualTo(rework.get("assignmentId").asLong());
        assertThat(reload.get("reason").asString()).isEqualTo("held-lease");
        assertThat(reload.get("rejection").get("reason").asString()).isEqualTo("경제 기사입니다");

        labeler.api().post("/api/v1/assignments/" + rework.get("assignmentId").asLong() + "/submit", topic("경제"))
                .expect(200);
        JsonNode again = t.reviewer().api().post("/api/v1/projects/" + t.projectId() + "/next-review", null)
                .expect(200).json();
        assertThat(again.get("result").get("topic").asString()).isEqualTo("경제");
        t.reviewer().api().post("/api/v1/reviews/" + again.get("reviewId").asLong() + "/decision",
                "{\"verdict\": \"APPROVE\"}").expect(200);
        JsonNode task = t.manager().api().get("/api/v1/tasks/" + first.get("taskId").asLong()).expect(200).json();
        assertThat(task.get("state").asString()).isEqualTo("APPROVED");
        assertCountsMatchTheTasks(t.projectId());
        JsonNode approved = t.manager().api().get("/api/v1/projects/" + t.projectId() + "/tasks?state=APPROVED")
                .expect(200).json();
        assertThat(approved.get("total").asLong()).isEqualTo(1);
        JsonNode project = t.manager().api().get("/api/v1/projects/" + t.projectId()).expect(200).json();
        assertThat(project.get("counts").get("APPROVED").asLong()).isEqualTo(1);
        assertThat(project.get("counts").get("total").asLong()).isEqualTo(2);
    }

    @Test
    void rejectWithoutAReasonIsRefusedNamingTheField() {
        Team t = fx.team(1, null);
        fx.tasks(t.projectId(), "이유 없는 반려");
        User labeler = t.labelers().get(0);
        JsonNode lease = labeler.api().post("/api/v1/projects/" + t.projectId() + "/next-task", null).expect(200).json();
        labeler.api().post("/api/v1/assignments/" + lease.get("assignmentId").asLong() + "/submit", topic("사회"))
                .expect(200);
        long reviewId = t.reviewer().api().post("/api/v1/projects/" + t.projectId() + "/next-review", null)
                .expect(200).json().get("reviewId").asLong();

        for (String body : List.of("{\"verdict\": \"REJECT\"}", "{\"verdict\": \"REJECT\", \"reason\": \"   \"}")) {
            JsonNode problem = t.reviewer().api().post("/api/v1/reviews/" + reviewId + "/decision", body)
                    .expect(422).json();
            assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("reason");
        }
        // Nothing changed: the review is still open and can be decided.
        t.reviewer().api().post("/api/v1/reviews/" + reviewId + "/decision", "{\"verdict\": \"APPROVE\"}").expect(200);
    }

    @Test
    void reviewerNeverReviewsOwnWork() {
        Team t = fx.team(1, null);
        fx.tasks(t.projectId(), "내 작업");
        User labeler = t.labelers().get(0);
        JsonNode lease = labeler.api().post("/api/v1/projects/" + t.projectId() + "/next-task", null).expect(200).json();
        labeler.api().post("/api/v1/assignments/" + lease.get("assignmentId").asLong() + "/submit", topic("사회"))
                .expect(200);
        // The labeler is promoted to reviewer: their own submission is never offered to them.
        fx.member(t.manager(), t.projectId(), labeler, "REVIEWER");
        labeler.api().post("/api/v1/projects/" + t.projectId() + "/next-review", null).expect(204);
        // And a review handed to someone else cannot be decided by the author either.
        long reviewId = t.reviewer().api().post("/api/v1/projects/" + t.projectId() + "/next-review", null)
                .expect(200).json().get("reviewId").asLong();
        labeler.api().post("/api/v1/reviews/" + reviewId + "/decision", "{\"verdict\": \"APPROVE\"}").expect(403);
    }

    @Test
    void expiredLeaseReturnsTheSlotAndKeepsTheDraft() {
        Team t = fx.team(2, "\"leaseMinutes\": 5");
        long taskId = fx.tasks(t.projectId(), "임시 저장").get(0);
        User first = t.labelers().get(0);
        User second = t.labelers().get(1);
        JsonNode lease = first.api().post("/api/v1/projects/" + t.projectId() + "/next-task", null).expect(200).json();
        long assignmentId = lease.get("assignmentId").asLong();
        first.api().put("/api/v1/assignments/" + assignmentId + "/draft", topic("정치")).expect(200);
        // While the lease lives, the only task is taken.
        second.api().post("/api/v1/projects/" + t.projectId() + "/next-task", null).expect(204);

        clock.advance(Duration.ofMinutes(6));
        assertThat(sweeper.sweep()).isGreaterThanOrEqualTo(1);
        // The expired lease can no longer be submitted.
        first.api().post("/api/v1/assignments/" + assignmentId + "/submit", topic("정치")).expect(409);
        // The author asking again gets it back with the draft they saved.
        JsonNode back = first.api().post("/api/v1/projects/" + t.projectId() + "/next-task", null).expect(200).json();
        assertThat(back.get("taskId").asLong()).isEqualTo(taskId);
        assertThat(back.get("draft").get("topic").asString()).isEqualTo("정치");

        // Let it expire again: now the slot goes to whoever asks first.
        clock.advance(Duration.ofMinutes(6));
        sweeper.sweep();
        JsonNode other = second.api().post("/api/v1/projects/" + t.projectId() + "/next-task", null).expect(200).json();
        assertThat(other.get("taskId").asLong()).isEqualTo(taskId);
        assertThat(other.get("draft").isNull() || other.get("draft").isMissingNode()).isTrue();

        List<String> types = history(t.manager(), taskId);
        assertThat(types).containsSubsequence("ASSIGN", "EXPIRE", "ASSIGN", "EXPIRE", "ASSIGN");
    }

    @Test
    void everyStateChangeIsLoggedAndCorrectionsAreNewVersions() {
        Team t = fx.team(1, null);
        long taskId = fx.tasks(t.projectId(), "기록되는 문장").get(0);
        User labeler = t.labelers().get(0);
        JsonNode lease = labeler.api().post("/api/v1/projects/" + t.projectId() + "/next-task", null).expect(200).json();
        labeler.api().post("/api/v1/assignments/" + lease.get("assignmentId").asLong() + "/submit", topic("정치"))
                .expect(200);
        long reviewId = t.reviewer().api().post("/api/v1/projects/" + t.projectId() + "/next-review", null)
                .expect(200).json().get("reviewId").asLong();
        t.reviewer().api().post("/api/v1/reviews/" + reviewId + "/decision",
                "{\"verdict\": \"CORRECT\", \"result\": {\"topic\": \"사회\"}}").expect(200);

        JsonNode task = t.manager().api().get("/api/v1/tasks/" + taskId).expect(200).json();
        assertThat(task.get("state").asString()).isEqualTo("APPROVED");
        List<JsonNode> annotations = new ArrayList<>();
        task.get("annotations").forEach(annotations::add);
        assertThat(annotations).extracting(a -> a.get("kind").asString()).containsExactly("SUBMISSION", "CORRECTION");
        // The labeler's submission is kept as it was; the correction is a new version.
        assertThat(annotations.get(0).get("result").get("topic").asString()).isEqualTo("정치");
        assertThat(annotations.get(1).get("result").get("topic").asString()).isEqualTo("사회");
        assertThat(annotations.get(1).get("version").asInt()).isGreaterThan(annotations.get(0).get("version").asInt());

        assertThat(history(t.manager(), taskId)).containsSubsequence("ASSIGN", "SUBMIT", "REVIEW_START", "CORRECT");
        // The approval records what it accepted (the correction) and who accepted it, for exports.
        var accepted = fx.jdbc().sql("SELECT accepted_annotation_id, accepted_by FROM assignment WHERE task_id = :t")
                .param("t", taskId).query().singleRow();
        assertThat(((Number) accepted.get("accepted_annotation_id")).longValue())
                .isEqualTo(annotations.get(1).get("id").asLong());
        assertThat(((Number) accepted.get("accepted_by")).longValue()).isEqualTo(t.reviewer().id());
        // The log is append-only: the history endpoint shows who did what.
        JsonNode events = t.manager().api().get("/api/v1/tasks/" + taskId + "/history").expect(200).json();
        events.forEach(e -> assertThat(e.get("at").asString()).isNotBlank());
    }

    @Test
    void schemaBreakingSubmitIsRefusedNamingTheFieldAndStoresNothing() {
        Team t = fx.team(1, null);
        long taskId = fx.tasks(t.projectId(), "잘못된 답").get(0);
        User labeler = t.labelers().get(0);
        long assignmentId = labeler.api().post("/api/v1/projects/" + t.projectId() + "/next-task", null).expect(200)
                .json().get("assignmentId").asLong();

        JsonNode problem = labeler.api().post("/api/v1/assignments/" + assignmentId + "/submit", topic("스포츠"))
                .expect(422).json();
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("result.topic");
        assertThat(problem.get("errors").get(0).get("message").asString()).contains("스포츠");
        JsonNode missing = labeler.api().post("/api/v1/assignments/" + assignmentId + "/submit", "{\"result\": {}}")
                .expect(422).json();
        assertThat(missing.get("errors").get(0).get("field").asString()).isEqualTo("result.topic");

        JsonNode task = t.manager().api().get("/api/v1/tasks/" + taskId).expect(200).json();
        assertThat(task.get("annotations")).isEmpty();
        assertThat(task.get("state").asString()).isEqualTo("ASSIGNED");
        // The lease is still the labeler's: a valid answer goes through.
        labeler.api().post("/api/v1/assignments/" + assignmentId + "/submit", topic("사회")).expect(200);
    }

    @Test
    void skippedTaskIsNotOfferedToTheSameLabelerAgain() {
        Team t = fx.team(1, null);
        fx.tasks(t.projectId(), "건너뛸 문장");
        User labeler = t.labelers().get(0);
        long assignmentId = labeler.api().post("/api/v1/projects/" + t.projectId() + "/next-task", null).expect(200)
                .json().get("assignmentId").asLong();
        labeler.api().post("/api/v1/assignments/" + assignmentId + "/skip", "{\"reason\": \"판단 불가\"}").expect(204);
        labeler.api().post("/api/v1/projects/" + t.projectId() + "/next-task", null).expect(204);
    }

    @Test
    void aSettingsChangeAppliesToTheNextLeaseAtOnce() {
        Team t = fx.team(1, "\"leaseMinutes\": 30");
        fx.tasks(t.projectId(), "설정 변경");
        User labeler = t.labelers().get(0);
        labeler.api().get("/api/v1/projects/" + t.projectId()).expect(200); // settings now cached
        t.manager().api().patch("/api/v1/projects/" + t.projectId(), "{\"leaseMinutes\": 7}").expect(200);
        JsonNode lease = labeler.api().post("/api/v1/projects/" + t.projectId() + "/next-task", null).expect(200).json();
        java.time.Instant until = java.time.Instant.parse(lease.get("leaseExpiresAt").asString());
        assertThat(Duration.between(clock.instant(), until)).isBetween(Duration.ofMinutes(6), Duration.ofMinutes(7));
    }

    private List<String> history(User who, long taskId) {
        List<String> types = new ArrayList<>();
        who.api().get("/api/v1/tasks/" + taskId + "/history").expect(200).json()
                .forEach(e -> types.add(e.get("type").asString()));
        return types;
    }
}
