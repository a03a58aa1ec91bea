package org.labelcrew.academy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.labelcrew.account.Role;
import org.labelcrew.support.Fixtures;
import org.labelcrew.support.IntegrationTest;
import tools.jackson.databind.JsonNode;

/**
 * Academy objects belong to the projects their exams and placements target: only those projects' managers (and
 * administrators) act on them or read what they hold about people; one that targets no project yet belongs to the
 * manager who created it. And exam references reach a trainee only once no attempt is left, or never.
 */
@IntegrationTest
class AcademyOwnershipTest extends AcademyApiTestBase {

    /** Project A's cohort: an exam on A, a trainee who sat it, and a placement into A. */
    private record CohortOfA(long projectA, long cohort, long session, long exam, long attempt, long placement,
            Fixtures.User trainee) {
    }

    private CohortOfA cohortOfA() {
        var manager = academy.manager;
        long projectA = fixtures.project(manager, Fixtures.TOPIC_SCHEMA, null).get("id").asLong();
        JsonNode c = academy.openCohort(5);
        long cohort = Academy.id(c);
        long session = c.get("sessions").get(0).get("id").asLong();
        var trainee = academy.trainee();
        trainee.api().post("/api/v1/cohorts/" + cohort + "/registrations", null).expect(201);
        academy.sessionsHeld();
        for (JsonNode s : c.get("sessions")) {
            manager.api().put("/api/v1/cohorts/" + cohort + "/sessions/" + s.get("id").asLong() + "/attendance",
                    "{\"accountId\": " + trainee.id() + ", \"present\": true}").expect(200);
        }
        long exam = manager.api().post("/api/v1/exams", """
                {"name": "배치 시험", "projectId": %d, "cohortId": %d, "timeLimitMinutes": 20, "passScore": 50,
                 "items": [{"data": {"text": "국회"}, "reference": {"topic": "정치"}}]}""".formatted(projectA, cohort))
                .expect(201).json().get("id").asLong();
        long attempt = trainee.api().post("/api/v1/exams/" + exam + "/attempts", null).expect(201).json()
                .get("attemptId").asLong();
        long item = trainee.api().get("/api/v1/attempts/" + attempt).expect(200).json().get("attempt").get("items")
                .get(0).get("itemId").asLong();
        trainee.api().put("/api/v1/attempts/" + attempt + "/answers/" + item, "{\"result\": {\"topic\": \"정치\"}}").expect(200);
        trainee.api().post("/api/v1/attempts/" + attempt + "/submit", null).expect(200);
        JsonNode placed = manager.api().post("/api/v1/cohorts/" + cohort + "/placement", """
                {"reviewerQuota": 0, "reviewerMinScore": 90, "labelerQuota": 5, "labelerMinScore": 50, "projectIds": [%d]}"""
                .formatted(projectA)).expect(200).json();
        long placement = placed.get("placements").get(0).get("id").asLong();
        return new CohortOfA(projectA, cohort, session, exam, attempt, placement, trainee);
    }

    @Test
    void aManagerOfAnotherProjectCannotTouchProjectAsAcademyObjects() {
        CohortOfA a = cohortOfA();
        var managerB = fixtures.user("mgrB", Role.MANAGER);
        long projectB = fixtures.project(managerB, Fixtures.TOPIC_SCHEMA, null).get("id").asLong();
        var b = managerB.api();
        String cohort = "/api/v1/cohorts/" + a.cohort();

        List<String> answered = new ArrayList<>();
        answered.add("exam " + b.get("/api/v1/exams/" + a.exam()).status());
        answered.add("attempt " + b.get("/api/v1/attempts/" + a.attempt()).status());
        answered.add("roster " + b.get(cohort + "/registrations").status());
        answered.add("attendance " + b.put(cohort + "/sessions/" + a.session() + "/attendance",
                "{\"accountId\": " + a.trainee().id() + ", \"present\": false}").status());
        answered.add("funnel " + b.get(cohort + "/funnel").status());
        answered.add("events " + b.get(cohort + "/events").status());
        answered.add("placements " + b.get(cohort + "/placement").status());
        answered.add("start exam " + b.post("/api/v1/exams/" + a.exam() + "/attempts", null).status());
        answered.add("re-run placement " + b.post(cohort + "/placement", """
                {"reviewerQuota": 5, "reviewerMinScore": 0, "labelerQuota": 0, "labelerMinScore": 0, "projectIds": [%d]}"""
                .formatted(projectB)).status());
        answered.add("override " + b.put("/api/v1/placements/" + a.placement(),
                "{\"role\": \"REVIEWER\", \"reason\": \"내 프로젝트로\"}").status());
        answered.add("exam for the cohort " + b.post("/api/v1/exams", """
                {"name": "끼어들기", "projectId": %d, "cohortId": %d, "timeLimitMinutes": 20, "passScore": 50,
                 "items": [{"data": {"text": "국회"}, "reference": {"topic": "정치"}}]}""".formatted(projectB, a.cohort()))
                .status());
        assertThat(answered).allSatisfy(s -> assertThat(s).endsWith(" 403"));
        assertThat(b.get("/api/v1/exams").expect(200).json().findValues("id").stream().map(JsonNode::asLong))
                .doesNotContain(a.exam());

        // Nothing changed: the placement still says LABELER into A, attendance still present.
        JsonNode placements = academy.manager.api().get(cohort + "/placement").expect(200).json().get("placements");
        assertThat(placements.get(0).get("role").asString()).isEqualTo("LABELER");
        assertThat(placements.get(0).get("projectIds").get(0).asLong()).isEqualTo(a.projectA());
        JsonNode roster = academy.manager.api().get(cohort + "/registrations").expect(200).json();
        assertThat(roster.get(0).get("attendedSessions").asInt()).isEqualTo(2);
    }

    @Test
    void projectAsManagersAndAdminsActOnIt() {
        CohortOfA a = cohortOfA();
        // Another manager of project A, who did not create the cohort, acts on it like its creator.
        var colleague = fixtures.user("mgrA2", Role.MANAGER);
        fixtures.member(academy.manager, a.projectA(), colleague, "MANAGER");
        var admin = fixtures.withToken(adminToken());
        for (var api : List.of(colleague.api(), admin)) {
            api.get("/api/v1/exams/" + a.exam()).expect(200);
            JsonNode attempt = api.get("/api/v1/attempts/" + a.attempt()).expect(200).json();
            assertThat(attempt.get("result").get("perItem").get(0).get("reference").get("topic").asString()).isEqualTo("정치");
            api.get("/api/v1/cohorts/" + a.cohort() + "/registrations").expect(200);
            api.get("/api/v1/cohorts/" + a.cohort() + "/funnel").expect(200);
            api.put("/api/v1/cohorts/" + a.cohort() + "/sessions/" + a.session() + "/attendance",
                    "{\"accountId\": " + a.trainee().id() + ", \"present\": true}").expect(200);
        }
        colleague.api().put("/api/v1/placements/" + a.placement(), "{\"role\": \"NONE\", \"reason\": \"재시험\"}").expect(200);
    }

    @Test
    void aCohortWithNoProjectYetBelongsToItsCreator() {
        long cohort = Academy.id(academy.openCohort(5));
        var other = fixtures.user("mgrC", Role.MANAGER);
        other.api().get("/api/v1/cohorts/" + cohort + "/registrations").expect(403);
        other.api().get("/api/v1/cohorts/" + cohort + "/funnel").expect(403);
        academy.manager.api().get("/api/v1/cohorts/" + cohort + "/registrations").expect(200);
        // The public face of a cohort stays public.
        fixtures.anonymous().get("/api/v1/cohorts/" + cohort).expect(200);
    }

    private String adminToken() {
        var admin = fixtures.browser();
        admin.signIn("admin", "admin-test-password");
        return admin.post("/api/v1/tokens", "{\"name\": \"ownership\"}").expect(201).json().get("token").asString();
    }

    // ---- references (finding: they leaked between attempts)

    private long examWith(String extra) {
        return academy.manager.api().post("/api/v1/exams", ExamApiTest.exam("\"maxAttempts\": 2, " + extra))
                .expect(201).json().get("id").asLong();
    }

    private static void assertScoresOnly(JsonNode result) {
        assertThat(result.get("referencesShown").asBoolean()).isFalse();
        for (JsonNode item : result.get("perItem")) {
            assertThat(item.get("reference").isNull()).isTrue();
            assertThat(item.get("feedback").isNull()).isTrue();
            for (JsonNode f : item.get("fields")) {
                assertThat(f.get("feedback").isNull()).isTrue();
                assertThat(f.get("code").isNull()).isTrue(); // a feedback code's parameters name the expected answer
                assertThat(f.get("params").isNull()).isTrue();
            }
        }
        assertThat(result.toString()).doesNotContain("정치").doesNotContain("금리").doesNotContain("expected");
    }

    @Test
    void referencesShowOnlyWhenNoAttemptIsLeft() {
        long exam = examWith("");
        var trainee = academy.trainee();
        long first = trainee.api().post("/api/v1/exams/" + exam + "/attempts", null).expect(201).json().get("attemptId").asLong();
        JsonNode blank = trainee.api().post("/api/v1/attempts/" + first + "/submit", null).expect(200).json();
        assertThat(blank.get("score").asDouble()).isZero();
        assertScoresOnly(blank);
        assertScoresOnly(trainee.api().get("/api/v1/attempts/" + first).expect(200).json().get("result"));
        // The exam's owner sees them all along.
        assertThat(academy.manager.api().get("/api/v1/attempts/" + first).expect(200).json().get("result")
                .get("referencesShown").asBoolean()).isTrue();

        long second = trainee.api().post("/api/v1/exams/" + exam + "/attempts", null).expect(201).json().get("attemptId").asLong();
        JsonNode last = trainee.api().post("/api/v1/attempts/" + second + "/submit", null).expect(200).json();
        assertThat(last.get("referencesShown").asBoolean()).isTrue();
        assertThat(last.get("perItem").get(1).get("reference").get("note").asString()).isEqualTo("금리");
        assertThat(trainee.api().get("/api/v1/attempts/" + first).expect(200).json().get("result")
                .get("referencesShown").asBoolean()).isTrue();
    }

    @Test
    void anExamMaySayNever() {
        long exam = examWith("\"showReferences\": \"NEVER\",");
        var trainee = academy.trainee();
        for (int i = 0; i < 2; i++) {
            long attempt = trainee.api().post("/api/v1/exams/" + exam + "/attempts", null).expect(201).json()
                    .get("attemptId").asLong();
            assertScoresOnly(trainee.api().post("/api/v1/attempts/" + attempt + "/submit", null).expect(200).json());
        }
        JsonNode bad = academy.manager.api().post("/api/v1/exams", ExamApiTest.exam("\"showReferences\": \"ALWAYS\","))
                .expect(422).json();
        assertThat(bad.get("errors").findValuesAsString("field")).containsExactly("showReferences");
    }
}
