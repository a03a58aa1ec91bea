package org.labelcrew.academy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.labelcrew.support.Fixtures;
import org.labelcrew.support.IntegrationTest;
import org.labelcrew.support.TestClock;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The whole academy path: register, attend, pass the exam, get placed, accept the agreement, start labeling. */
@IntegrationTest
class PlacementApiTest {

    @Autowired
    Fixtures fixtures;

    @Autowired
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void fromCohortToFirstTask() {
        Academy academy = new Academy(fixtures, clock);
        var manager = academy.manager;
        long project = fixtures.project(manager, Fixtures.TOPIC_SCHEMA, null).get("id").asLong();
        fixtures.tasks(project, "국회 본회의 개최", "주가 상승");

        JsonNode c = academy.openCohort(10);
        long cohort = Academy.id(c);
        List<Long> sessions = List.of(c.get("sessions").get(0).get("id").asLong(), c.get("sessions").get(1).get("id").asLong());
        var ana = academy.trainee();   // top score, first to submit → reviewer
        var bo = academy.trainee();    // low score → not placed by the rule
        var cy = academy.trainee();    // top score, later → reviewer seat taken → labeler
        var dan = academy.trainee();   // top score but did not attend → not placed
        for (var t : List.of(ana, bo, cy, dan)) t.api().post("/api/v1/cohorts/" + cohort + "/registrations", null).expect(201);
        academy.sessionsHeld();
        for (var t : List.of(ana, bo, cy)) {
            for (long s : sessions) {
                manager.api().put("/api/v1/cohorts/" + cohort + "/sessions/" + s + "/attendance",
                        "{\"accountId\": " + t.id() + ", \"present\": true}").expect(200);
            }
        }

        JsonNode exam = manager.api().post("/api/v1/exams", """
                {"name": "배치 시험", "projectId": %d, "cohortId": %d, "timeLimitMinutes": 20, "passScore": 60,
                 "items": [{"data": {"text": "국회"}, "reference": {"topic": "정치"}},
                           {"data": {"text": "주가"}, "reference": {"topic": "경제"}}]}""".formatted(project, cohort))
                .expect(201).json();
        long examId = exam.get("id").asLong();
        assertThat(take(ana, examId, "정치", "경제")).isEqualTo(100.0);
        assertThat(take(bo, examId, "정치", "사회")).isEqualTo(50.0);
        assertThat(take(cy, examId, "정치", "경제")).isEqualTo(100.0);
        assertThat(take(dan, examId, "정치", "경제")).isEqualTo(100.0);

        // A bad request names each field with a code and parameters the browser words in Korean or English.
        JsonNode bad = manager.api().post("/api/v1/cohorts/" + cohort + "/placement", """
                {"reviewerQuota": -1, "reviewerMinScore": 101, "labelerQuota": 1, "labelerMinScore": 40, "projectIds": []}""")
                .expect(422).json();
        assertThat(bad.get("code").asString()).isEqualTo("academy.placementInvalid");
        assertThat(bad.get("params").get("count").asInt()).isEqualTo(3);
        Map<String, JsonNode> badFields = new HashMap<>();
        for (JsonNode e : bad.get("errors")) badFields.put(e.get("field").asString(), e);
        assertThat(badFields.get("reviewerQuota").get("code").asString()).isEqualTo("number.atLeast");
        assertThat(badFields.get("reviewerQuota").get("params").get("min").asInt()).isZero();
        assertThat(badFields.get("reviewerMinScore").get("code").asString()).isEqualTo("number.range");
        assertThat(badFields.get("reviewerMinScore").get("params").get("max").asInt()).isEqualTo(100);
        assertThat(badFields.get("projectIds").get("code").asString()).isEqualTo("academy.noTargetProject");

        JsonNode run = manager.api().post("/api/v1/cohorts/" + cohort + "/placement", """
                {"reviewerQuota": 1, "reviewerMinScore": 90, "labelerQuota": 1, "labelerMinScore": 40, "projectIds": [%d]}"""
                .formatted(project)).expect(200).json();
        Map<Long, JsonNode> placed = new HashMap<>();
        for (JsonNode p : run.get("placements")) placed.put(p.get("accountId").asLong(), p);
        assertThat(placed.get(ana.id()).get("role").asString()).isEqualTo("REVIEWER");
        assertThat(placed.get(cy.id()).get("role").asString()).isEqualTo("LABELER");
        assertThat(placed.get(cy.id()).get("why").asString()).contains("reviewer seats taken");
        assertThat(placed.get(bo.id()).get("role").asString()).isEqualTo("NONE");
        assertThat(placed.get(bo.id()).get("why").asString()).contains("labeler seats taken");
        assertThat(placed.get(dan.id()).get("role").asString()).isEqualTo("NONE");
        assertThat(placed.get(dan.id()).get("why").asString()).contains("Attended 0%");
        assertThat(placed.get(ana.id()).get("username").asString()).isEqualTo(ana.username());

        // A manager override needs a reason, and the log keeps it.
        long boPlacement = placed.get(bo.id()).get("id").asLong();
        JsonNode noReason = manager.api().put("/api/v1/placements/" + boPlacement, "{\"role\": \"LABELER\"}").expect(422).json();
        assertThat(noReason.get("errors").get(0).get("code").asString()).isEqualTo("academy.overrideReason");
        bo.api().put("/api/v1/placements/" + boPlacement, "{\"role\": \"LABELER\", \"reason\": \"me\"}").expect(403);
        JsonNode overridden = manager.api().put("/api/v1/placements/" + boPlacement,
                "{\"role\": \"LABELER\", \"reason\": \"현장 실습 우수\"}").expect(200).json();
        assertThat(overridden.get("role").asString()).isEqualTo("LABELER");
        assertThat(overridden.get("overridden").asBoolean()).isTrue();
        assertThat(overridden.get("why").asString()).contains("현장 실습 우수").contains("the rule said NONE");
        // The same reasons as codes with parameters, for the browser to say in Korean or English.
        assertThat(overridden.get("reasons").findValuesAsString("code")).startsWith("placement.override", "placement.ruleSaid");
        assertThat(overridden.get("reasons").get(0).get("params").get("reason").asString()).isEqualTo("현장 실습 우수");
        assertThat(placed.get(bo.id()).get("reasons").findValuesAsString("code")).contains("placement.rank", "placement.seatsTaken");
        JsonNode log = manager.api().get("/api/v1/cohorts/" + cohort + "/events").expect(200).json();
        JsonNode override = null;
        for (JsonNode e : log) if (e.get("type").asString().equals("PLACEMENT_OVERRIDE")) override = e;
        assertThat(override).isNotNull();
        assertThat(override.get("detail").get("reason").asString()).isEqualTo("현장 실습 우수");
        assertThat(override.get("actorId").asLong()).isEqualTo(manager.id());

        // Accepting the current agreement makes the labeler a project member who can take work at once.
        JsonNode agreement = cy.api().get("/api/v1/agreements/current").expect(200).json();
        int version = agreement.get("version").asInt();
        long cyPlacement = placed.get(cy.id()).get("id").asLong();
        assertThat(cy.api().get("/api/v1/me/notifications").json().findValuesAsString("kind")).contains("PLACED");
        assertThat(cy.api().get("/api/v1/me/notifications").json().findValuesAsString("code")).contains("notification.placed");
        cy.api().post("/api/v1/projects/" + project + "/next-task", null).expect(403);
        JsonNode outdated = cy.api().post("/api/v1/placements/" + cyPlacement + "/accept",
                "{\"agreementVersion\": " + (version + 1) + "}").expect(409).json();
        assertThat(outdated.get("code").asString()).isEqualTo("academy.agreementOutdated");
        assertThat(outdated.get("params").get("current").asInt()).isEqualTo(version);
        ana.api().post("/api/v1/placements/" + cyPlacement + "/accept", "{\"agreementVersion\": " + version + "}").expect(403);
        JsonNode accepted = cy.api().post("/api/v1/placements/" + cyPlacement + "/accept",
                "{\"agreementVersion\": " + version + "}").expect(200).json();
        assertThat(accepted.get("projectIds").get(0).asLong()).isEqualTo(project);
        assertThat(accepted.get("acceptedAt").isNull()).isFalse();
        JsonNode again = cy.api().post("/api/v1/placements/" + cyPlacement + "/accept", "{\"agreementVersion\": " + version + "}")
                .expect(409).json();
        assertThat(again.get("code").asString()).isEqualTo("academy.placementAlreadyAccepted");
        assertThat(again.get("params").get("placementId").asLong()).isEqualTo(cyPlacement);
        assertThat(cy.api().get("/api/v1/me").json().get("roles").toString()).contains("LABELER");
        JsonNode lease = cy.api().post("/api/v1/projects/" + project + "/next-task", null).expect(200).json();
        cy.api().post("/api/v1/assignments/" + lease.get("assignmentId").asLong() + "/submit",
                "{\"result\": {\"topic\": \"정치\"}}").expect(200);

        JsonNode members = manager.api().get("/api/v1/projects/" + project + "/members").expect(200).json();
        Map<Long, String> roles = new HashMap<>();
        for (JsonNode m : members) roles.put(m.get("accountId").asLong(), m.get("role").asString());
        assertThat(roles.get(cy.id())).isEqualTo("LABELER");
        ana.api().post("/api/v1/placements/" + placed.get(ana.id()).get("id").asLong() + "/accept",
                "{\"agreementVersion\": " + version + "}").expect(200);
        members = manager.api().get("/api/v1/projects/" + project + "/members").expect(200).json();
        for (JsonNode m : members) roles.put(m.get("accountId").asLong(), m.get("role").asString());
        assertThat(roles.get(ana.id())).isEqualTo("REVIEWER");
        dan.api().post("/api/v1/placements/" + placed.get(dan.id()).get("id").asLong() + "/accept",
                "{\"agreementVersion\": " + version + "}").expect(409);

        // Re-running the rule after acceptances keeps them (PlacementRerunTest has the details).
        JsonNode rerun = manager.api().post("/api/v1/cohorts/" + cohort + "/placement", """
                {"reviewerQuota": 1, "reviewerMinScore": 90, "labelerQuota": 1, "labelerMinScore": 40, "projectIds": [%d]}"""
                .formatted(project)).expect(200).json();
        for (JsonNode p : rerun.get("placements")) {
            if (p.get("accountId").asLong() == cy.id() || p.get("accountId").asLong() == ana.id()) {
                assertThat(p.get("acceptedAt").isNull()).isFalse();
                assertThat(p.get("why").asString()).startsWith("Accepted on ");
            }
        }

        JsonNode funnel = manager.api().get("/api/v1/cohorts/" + cohort + "/funnel").expect(200).json();
        Map<String, Integer> steps = new HashMap<>();
        for (JsonNode s : funnel.get("steps")) steps.put(s.get("step").asString(), s.get("count").asInt());
        assertThat(steps).containsEntry("registered", 4).containsEntry("attended", 3).containsEntry("completed", 3)
                .containsEntry("examPassed", 2).containsEntry("placed", 2).containsEntry("active", 1);
        var csv = manager.api().get("/api/v1/cohorts/" + cohort + "/funnel?format=csv").expect(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.text()).startsWith("step,count,share_of_registered\nregistered,4,1.0\n").contains("active,1,0.25");
        ana.api().get("/api/v1/cohorts/" + cohort + "/funnel").expect(403);

        JsonNode mine = cy.api().get("/api/v1/me/academy").expect(200).json();
        assertThat(mine.get("placements").get(0).get("role").asString()).isEqualTo("LABELER");
        assertThat(mine.get("attempts").get(0).get("score").asDouble()).isEqualTo(100.0);
        assertThat(mine.get("registrations").get(0).get("attendance").get("completed").asBoolean()).isTrue();
    }

    private double take(Fixtures.User who, long examId, String first, String second) {
        JsonNode attempt = who.api().post("/api/v1/exams/" + examId + "/attempts", null).expect(201).json();
        long id = attempt.get("attemptId").asLong();
        who.api().put("/api/v1/attempts/" + id + "/answers/" + attempt.get("items").get(0).get("itemId").asLong(),
                "{\"result\": {\"topic\": \"" + first + "\"}}").expect(200);
        who.api().put("/api/v1/attempts/" + id + "/answers/" + attempt.get("items").get(1).get("itemId").asLong(),
                "{\"result\": {\"topic\": \"" + second + "\"}}").expect(200);
        return who.api().post("/api/v1/attempts/" + id + "/submit", null).expect(200).json().get("score").asDouble();
    }
}
