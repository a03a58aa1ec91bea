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

/** Running placement again after some placed people accepted (late retakes, a changed quota). */
@IntegrationTest
class PlacementRerunTest {

    @Autowired
    Fixtures fixtures;

    @Autowired
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** A cohort whose trainees all attended, an exam of two items (two attempts each) and a target project. */
    final class Cohort {
        final Academy academy = new Academy(fixtures, clock);
        final Fixtures.User manager = academy.manager;
        final long project = fixtures.project(manager, Fixtures.TOPIC_SCHEMA, null).get("id").asLong();
        final long id;
        final long exam;
        final List<Fixtures.User> people;

        Cohort(int trainees) throws Exception {
            fixtures.tasks(project, "국회 본회의 개최", "주가 상승");
            JsonNode c = academy.openCohort(10);
            id = Academy.id(c);
            people = academy.trainees(trainees);
            for (var t : people) t.api().post("/api/v1/cohorts/" + id + "/registrations", null).expect(201);
            academy.sessionsHeld();
            for (var t : people) {
                for (JsonNode s : c.get("sessions")) {
                    manager.api().put("/api/v1/cohorts/" + id + "/sessions/" + s.get("id").asLong() + "/attendance",
                            "{\"accountId\": " + t.id() + ", \"present\": true}").expect(200);
                }
            }
            exam = manager.api().post("/api/v1/exams", """
                    {"name": "배치 시험", "projectId": %d, "cohortId": %d, "timeLimitMinutes": 20, "passScore": 60, "maxAttempts": 2,
                     "items": [{"data": {"text": "국회"}, "reference": {"topic": "정치"}},
                               {"data": {"text": "주가"}, "reference": {"topic": "경제"}}]}""".formatted(project, id))
                    .expect(201).json().get("id").asLong();
        }

        /** Takes the exam: 2 right answers score 100, 1 scores 50, 0 scores 0. */
        double take(Fixtures.User who, int right) {
            JsonNode attempt = who.api().post("/api/v1/exams/" + exam + "/attempts", null).expect(201).json();
            long attemptId = attempt.get("attemptId").asLong();
            String[] answers = right == 2 ? new String[] {"정치", "경제"} : right == 1 ? new String[] {"정치", "사회"}
                    : new String[] {"사회", "사회"};
            for (int i = 0; i < 2; i++) {
                who.api().put("/api/v1/attempts/" + attemptId + "/answers/" + attempt.get("items").get(i).get("itemId").asLong(),
                        "{\"result\": {\"topic\": \"" + answers[i] + "\"}}").expect(200);
            }
            return who.api().post("/api/v1/attempts/" + attemptId + "/submit", null).expect(200).json().get("score").asDouble();
        }

        Map<Long, JsonNode> run(int reviewers, int reviewerMin, int labelers, int labelerMin, String extra) {
            JsonNode list = manager.api().post("/api/v1/cohorts/" + id + "/placement", """
                    {"reviewerQuota": %d, "reviewerMinScore": %d, "labelerQuota": %d, "labelerMinScore": %d, "projectIds": [%d]%s}"""
                    .formatted(reviewers, reviewerMin, labelers, labelerMin, project, extra)).expect(200).json();
            Map<Long, JsonNode> byAccount = new HashMap<>();
            for (JsonNode p : list.get("placements")) byAccount.put(p.get("accountId").asLong(), p);
            return byAccount;
        }

        void accept(Fixtures.User who, JsonNode placement) {
            int version = who.api().get("/api/v1/agreements/current").expect(200).json().get("version").asInt();
            who.api().post("/api/v1/placements/" + placement.get("id").asLong() + "/accept",
                    "{\"agreementVersion\": " + version + "}").expect(200);
        }

        Map<Long, String> members() {
            Map<Long, String> roles = new HashMap<>();
            for (JsonNode m : manager.api().get("/api/v1/projects/" + project + "/members").expect(200).json()) {
                roles.put(m.get("accountId").asLong(), m.get("role").asString());
            }
            return roles;
        }

        long placedNotices(Fixtures.User who) {
            return who.api().get("/api/v1/me/notifications").expect(200).json().findValuesAsString("kind").stream()
                    .filter("PLACED"::equals).count();
        }

        /** The trainees by name, in the order they registered. */
        Fixtures.User ana() {
            return people.get(0);
        }

        Fixtures.User bo() {
            return people.get(1);
        }

        Fixtures.User cy() {
            return people.get(2);
        }

        Fixtures.User dan() {
            return people.get(3);
        }

        JsonNode lastRun() {
            JsonNode last = null;
            for (JsonNode e : manager.api().get("/api/v1/cohorts/" + id + "/events").expect(200).json()) {
                if (e.get("type").asString().equals("PLACEMENT_RUN")) last = e;
            }
            return last;
        }
    }

    /** A cohort of one trainee per entry, each of whom took the exam once with that many right answers (0–2). */
    Cohort taken(int... rightAnswers) throws Exception {
        Cohort c = new Cohort(rightAnswers.length);
        for (int i = 0; i < rightAnswers.length; i++) c.take(c.people.get(i), rightAnswers[i]);
        return c;
    }

    static String role(JsonNode p) {
        return p.get("role").asString();
    }

    static String why(JsonNode p) {
        return p.get("why").asString();
    }

    @Test
    void reRunAfterOneAcceptanceKeepsItAndFillsTheRemainingQuota() throws Exception {
        Cohort c = taken(2, 1, 1, 0);
        var first = c.run(1, 90, 1, 40, "");
        assertThat(role(first.get(c.ana().id()))).isEqualTo("REVIEWER");
        assertThat(role(first.get(c.bo().id()))).isEqualTo("LABELER");
        assertThat(role(first.get(c.cy().id()))).isEqualTo("NONE");
        assertThat(role(first.get(c.dan().id()))).isEqualTo("NONE");
        c.accept(c.bo(), first.get(c.bo().id()));
        JsonNode boAccepted = c.manager.api().get("/api/v1/cohorts/" + c.id + "/placement").expect(200).json();
        String acceptedAt = null;
        for (JsonNode p : boAccepted.get("placements")) if (p.get("accountId").asLong() == c.bo().id()) acceptedAt = p.get("acceptedAt").asString();

        // dan retakes late and scores 100; the manager opens a second labeler seat and runs placement again.
        assertThat(c.take(c.dan(), 2)).isEqualTo(100.0);
        var second = c.run(1, 90, 2, 40, "");
        JsonNode boNow = second.get(c.bo().id());
        assertThat(role(boNow)).isEqualTo("LABELER");
        assertThat(boNow.get("id").asLong()).isEqualTo(first.get(c.bo().id()).get("id").asLong());
        assertThat(boNow.get("acceptedAt").asString()).isEqualTo(acceptedAt);
        assertThat(why(boNow)).startsWith("Accepted on ").contains("(agreement v").contains("kept as LABELER, labeler seat 1 of 2")
                .contains(" | kept decision: Rank 2 of 4");
        assertThat(role(second.get(c.ana().id()))).isEqualTo("REVIEWER");
        assertThat(second.get(c.ana().id()).get("id").asLong()).as("a re-placed person keeps the row its notice names")
                .isEqualTo(first.get(c.ana().id()).get("id").asLong());
        assertThat(role(second.get(c.dan().id()))).isEqualTo("LABELER");
        assertThat(why(second.get(c.dan().id()))).contains("Rank 2 of 4").contains("all 1 reviewer seats taken by higher ranks")
                .contains("labeler seat 2 of 2");
        assertThat(role(second.get(c.cy().id()))).isEqualTo("NONE");
        assertThat(why(second.get(c.cy().id()))).contains("all 2 labeler seats taken by 1 kept labeler placement (accepted or overridden) and higher ranks");

        // bo keeps the account role and membership; ana is not told again; dan is told.
        assertThat(c.members()).containsEntry(c.bo().id(), "LABELER");
        assertThat(c.bo().api().get("/api/v1/me").json().get("roles").toString()).contains("LABELER");
        c.bo().api().post("/api/v1/projects/" + c.project + "/next-task", null).expect(200);
        assertThat(c.placedNotices(c.ana())).isEqualTo(1);
        assertThat(c.placedNotices(c.dan())).isEqualTo(1);

        JsonNode log = c.lastRun().get("detail");
        assertThat(log.get("kept")).hasSize(1);
        assertThat(log.get("kept").get(0).get("accountId").asLong()).isEqualTo(c.bo().id());
        assertThat(log.get("kept").get(0).get("accepted").asBoolean()).isTrue();
        assertThat(log.get("labelers").asInt()).isEqualTo(2);

        // A third run does not pile notes onto the kept decision.
        var third = c.run(1, 90, 2, 40, "");
        assertThat(why(third.get(c.bo().id())).split(" \\| kept decision: ", -1)).hasSize(2);
        assertThat(why(third.get(c.bo().id()))).isEqualTo(why(boNow));
        assertThat(third.get(c.bo().id()).get("reasons")).isEqualTo(boNow.get("reasons"));
        assertThat(boNow.get("reasons").findValuesAsString("code")).containsOnlyOnce("placement.keptDecision");
    }

    @Test
    void quotaSmallerThanTheAcceptedCountKeepsEveryAcceptedAndPlacesNobodyElseInThatRole() throws Exception {
        Cohort c = taken(2, 2, 2, 0);
        var first = c.run(2, 90, 0, 40, "");
        c.accept(c.ana(), first.get(c.ana().id()));
        c.accept(c.bo(), first.get(c.bo().id()));
        assertThat(role(first.get(c.cy().id()))).isEqualTo("NONE");

        var second = c.run(1, 90, 1, 40, "");
        assertThat(role(second.get(c.ana().id()))).isEqualTo("REVIEWER");
        assertThat(why(second.get(c.ana().id()))).contains("kept as REVIEWER, reviewer seat 1 of 1");
        assertThat(role(second.get(c.bo().id()))).isEqualTo("REVIEWER");
        assertThat(why(second.get(c.bo().id()))).contains("kept as REVIEWER, beyond the reviewer quota of 1 (an accepted placement is never undone)");
        assertThat(role(second.get(c.cy().id()))).isEqualTo("LABELER");
        assertThat(why(second.get(c.cy().id()))).contains("no reviewer seat left: 2 kept reviewer placements (accepted or overridden)"
                + " already exceed the quota of 1").contains("labeler seat 1 of 1");
        assertThat(role(second.get(c.dan().id()))).isEqualTo("NONE");
        assertThat(c.members()).containsEntry(c.ana().id(), "REVIEWER").containsEntry(c.bo().id(), "REVIEWER");
        assertThat(second.values().stream().filter(p -> role(p).equals("REVIEWER")).count()).isEqualTo(2);
    }

    @Test
    void overridesNotYetAcceptedAreKeptUnlessTheRunAsksToReplaceThem() throws Exception {
        Cohort c = taken(2, 1, 0);
        var first = c.run(1, 90, 1, 40, "");
        assertThat(role(first.get(c.bo().id()))).isEqualTo("LABELER");
        long cyPlacement = first.get(c.cy().id()).get("id").asLong();
        c.manager.api().put("/api/v1/placements/" + cyPlacement, "{\"role\": \"LABELER\", \"reason\": \"현장 실습 우수\"}").expect(200);

        var kept = c.run(1, 90, 1, 40, "");
        assertThat(role(kept.get(c.cy().id()))).isEqualTo("LABELER");
        assertThat(kept.get(c.cy().id()).get("overridden").asBoolean()).isTrue();
        assertThat(why(kept.get(c.cy().id()))).startsWith("Manual override kept (not accepted yet) as LABELER, labeler seat 1 of 1")
                .contains("현장 실습 우수");
        assertThat(role(kept.get(c.bo().id()))).as("the override holds the only labeler seat").isEqualTo("NONE");
        assertThat(why(kept.get(c.bo().id()))).contains("no labeler seat left: 1 kept labeler placement (accepted or overridden) fills the quota of 1");
        assertThat(c.bo().api().get("/api/v1/me/notifications").json().findValuesAsString("message"))
                .anySatisfy(m -> assertThat(m).contains("no longer places you as LABELER"));

        var replaced = c.run(1, 90, 1, 40, ", \"keepOverrides\": false");
        assertThat(role(replaced.get(c.cy().id()))).isEqualTo("NONE");
        assertThat(replaced.get(c.cy().id()).get("overridden").asBoolean()).isFalse();
        assertThat(replaced.get(c.cy().id()).get("id").asLong()).isEqualTo(cyPlacement);
        assertThat(role(replaced.get(c.bo().id()))).isEqualTo("LABELER");
        assertThat(c.lastRun().get("detail").get("replacedOverrides").get(0).asLong()).isEqualTo(cyPlacement);
    }

    @Test
    void badQuotasAreNamedAndChangeNothing() throws Exception {
        Cohort c = taken(2);
        var first = c.run(1, 90, 1, 40, "");
        c.accept(c.people.get(0), first.get(c.people.get(0).id()));
        JsonNode bad = c.manager.api().post("/api/v1/cohorts/" + c.id + "/placement", """
                {"reviewerQuota": -1, "reviewerMinScore": 90, "labelerQuota": 1, "labelerMinScore": 140, "projectIds": [%d]}"""
                .formatted(c.project)).expect(422).json();
        assertThat(bad.get("errors").findValuesAsString("field")).containsExactlyInAnyOrder("reviewerQuota", "labelerMinScore");
        JsonNode after = c.manager.api().get("/api/v1/cohorts/" + c.id + "/placement").expect(200).json();
        assertThat(why(after.get("placements").get(0))).isEqualTo(why(first.get(c.people.get(0).id())));
    }

    @Test
    void someoneWhoLeftTheCohortLosesAPlacementTheyNeverAcceptedButAnAcceptedOneStays() throws Exception {
        Cohort c = taken(2, 2, 1);
        var first = c.run(1, 90, 1, 40, "");
        c.accept(c.ana(), first.get(c.ana().id()));
        assertThat(role(first.get(c.bo().id()))).isEqualTo("LABELER");
        // A seat can only be given up while the cohort runs (once completed it is history: 409), so this placement
        // is one run before the last session ends: the two leave then, and placement runs again.
        clock.advance(java.time.Duration.ofDays(-10));
        c.ana().api().delete("/api/v1/cohorts/" + c.id + "/registrations/me").expect(204);
        c.bo().api().delete("/api/v1/cohorts/" + c.id + "/registrations/me").expect(204);
        clock.advance(java.time.Duration.ofDays(10));

        var second = c.run(1, 90, 1, 40, "");
        assertThat(second).containsOnlyKeys(c.ana().id(), c.cy().id());
        assertThat(role(second.get(c.ana().id()))).isEqualTo("REVIEWER");
        assertThat(role(second.get(c.cy().id()))).isEqualTo("LABELER");
        assertThat(c.members()).containsEntry(c.ana().id(), "REVIEWER");
    }
}
