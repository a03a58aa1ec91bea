package org.labelcrew.academy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.labelcrew.support.IntegrationTest;
import tools.jackson.databind.JsonNode;

@IntegrationTest
class ExamApiTest extends AcademyApiTestBase {

    static final String SCHEMA = """
            {"fields": [{"name": "topic", "type": "choice", "options": ["정치", "경제", "사회"], "required": true},
                        {"name": "note", "type": "text"}]}""";

    static String exam(String extra) {
        return """
                {"name": "분류 시험", "schema": %s, "timeLimitMinutes": 30, "passScore": 60, %s
                 "items": [{"data": {"text": "국회 본회의"}, "reference": {"topic": "정치"}},
                           {"data": {"text": "금리 인상"}, "reference": {"topic": "경제", "note": "금리"}},
                           {"data": {"text": "교육 정책"}, "reference": {"topic": "사회"}}]}""".formatted(SCHEMA, extra);
    }

    @Test
    void referencesAreCheckedAgainstTheSchemaWhenTheExamIsMade() {
        String bad = exam("").replace("\"reference\": {\"topic\": \"사회\"}", "\"reference\": {\"topic\": \"스포츠\"}");
        JsonNode problem = academy.manager.api().post("/api/v1/exams", bad).expect(422).json();
        assertThat(problem.get("errors").findValuesAsString("field")).containsExactly("items[2].reference.topic");
        academy.trainee().api().post("/api/v1/exams", exam("")).expect(403);
    }

    @Test
    void anAttemptShowsDataNeverReferencesAndIsScoredOnSubmit() {
        JsonNode exam = academy.manager.api().post("/api/v1/exams", exam("")).expect(201).json();
        long examId = exam.get("id").asLong();
        var trainee = academy.trainee();

        var started = trainee.api().post("/api/v1/exams/" + examId + "/attempts", null).expect(201);
        JsonNode attempt = started.json();
        assertThat(attempt.findValues("reference")).isEmpty();
        assertThat(started.text()).doesNotContain("금리\"").doesNotContain("reference");
        assertThat(attempt.get("items")).hasSize(3);
        assertThat(attempt.get("schema").get("fields")).hasSize(2);
        long attemptId = attempt.get("attemptId").asLong();
        // Asking again resumes the same attempt.
        assertThat(trainee.api().post("/api/v1/exams/" + examId + "/attempts", null).expect(200).json()
                .get("attemptId").asLong()).isEqualTo(attemptId);
        assertThat(trainee.api().get("/api/v1/attempts/" + attemptId).expect(200).text()).doesNotContain("reference\":{");

        long item0 = attempt.get("items").get(0).get("itemId").asLong();
        long item1 = attempt.get("items").get(1).get("itemId").asLong();
        String answers = "/api/v1/attempts/" + attemptId + "/answers/";
        JsonNode broken = trainee.api().put(answers + item0, "{\"result\": {\"topic\": \"스포츠\"}}").expect(422).json();
        assertThat(broken.get("errors").get(0).get("field").asString()).isEqualTo("result.topic");
        trainee.api().put(answers + item0, "{\"result\": {\"topic\": \"정치\"}}").expect(200);
        trainee.api().put(answers + item1, "{\"result\": {\"topic\": \"경제\"}}").expect(200);
        academy.trainee().api().put(answers + item0, "{\"result\": {\"topic\": \"정치\"}}").expect(403);

        JsonNode result = trainee.api().post("/api/v1/attempts/" + attemptId + "/submit", null).expect(200).json();
        // Item 1 right (1), item 2 half right (topic yes, note missing), item 3 unanswered (0): (1 + 0.5 + 0) / 3.
        assertThat(result.get("score").asDouble()).isEqualTo(50.0);
        assertThat(result.get("passed").asBoolean()).isFalse();
        JsonNode second = result.get("perItem").get(1);
        assertThat(second.get("score").asDouble()).isEqualTo(0.5);
        assertThat(second.get("feedback").asString()).contains("note: not answered");
        assertThat(second.get("reference").get("note").asString()).isEqualTo("금리");
        assertThat(result.get("perItem").get(2).get("feedback").asString()).isEqualTo("not answered");

        // One attempt allowed (the default), and nothing changes after submitting.
        trainee.api().post("/api/v1/exams/" + examId + "/attempts", null).expect(409);
        trainee.api().put(answers + item0, "{\"result\": {\"topic\": \"경제\"}}").expect(409);
        assertThat(trainee.api().get("/api/v1/attempts/" + attemptId).json().get("result").get("score").asDouble()).isEqualTo(50.0);
    }

    @Test
    void afterTheTimeLimitAnswersAreRefusedAndSubmitScoresWhatWasSavedInTime() {
        long examId = academy.manager.api().post("/api/v1/exams", exam("\"maxAttempts\": 2,")).expect(201).json().get("id").asLong();
        var trainee = academy.trainee();
        JsonNode attempt = trainee.api().post("/api/v1/exams/" + examId + "/attempts", null).expect(201).json();
        long attemptId = attempt.get("attemptId").asLong();
        String answers = "/api/v1/attempts/" + attemptId + "/answers/";
        trainee.api().put(answers + attempt.get("items").get(0).get("itemId").asLong(), "{\"result\": {\"topic\": \"정치\"}}").expect(200);

        clock.advance(Duration.ofMinutes(31));
        JsonNode late = trainee.api().put(answers + attempt.get("items").get(2).get("itemId").asLong(),
                "{\"result\": {\"topic\": \"사회\"}}").expect(409).json();
        assertThat(late.get("detail").asString()).contains("time limit");
        JsonNode result = trainee.api().post("/api/v1/attempts/" + attemptId + "/submit", null).expect(200).json();
        assertThat(result.get("score").asDouble()).isEqualTo(33.33);
        assertThat(result.get("late").asBoolean()).isTrue();
        // The second attempt is a fresh one.
        JsonNode again = trainee.api().post("/api/v1/exams/" + examId + "/attempts", null).expect(201).json();
        assertThat(again.get("number").asInt()).isEqualTo(2);
        assertThat(again.get("answers").isEmpty()).isTrue();
    }

    @Test
    void anAnswerToAnItemOfAnotherExamIsRefused() {
        long examA = academy.manager.api().post("/api/v1/exams", exam("")).expect(201).json().get("id").asLong();
        JsonNode examB = academy.manager.api().post("/api/v1/exams", exam("")).expect(201).json();
        long foreignItem = examB.get("items").get(0).get("id").asLong();
        var trainee = academy.trainee();
        long attemptId = trainee.api().post("/api/v1/exams/" + examA + "/attempts", null).expect(201).json()
                .get("attemptId").asLong();
        trainee.api().put("/api/v1/attempts/" + attemptId + "/answers/" + foreignItem, "{\"result\": {\"topic\": \"정치\"}}")
                .expect(404);
        trainee.api().put("/api/v1/attempts/" + attemptId + "/answers/999999999", "{\"result\": {\"topic\": \"정치\"}}")
                .expect(404);
    }

    @Test
    void aCohortExamIsOnlyForThoseHoldingASeat() {
        long cohort = Academy.id(academy.openCohort(5));
        long examId = academy.manager.api().post("/api/v1/exams", exam("\"cohortId\": " + cohort + ",")).expect(201)
                .json().get("id").asLong();
        var outsider = academy.trainee();
        outsider.api().post("/api/v1/exams/" + examId + "/attempts", null).expect(403);
        outsider.api().post("/api/v1/cohorts/" + cohort + "/registrations", null).expect(201);
        outsider.api().post("/api/v1/exams/" + examId + "/attempts", null).expect(201);
    }
}
