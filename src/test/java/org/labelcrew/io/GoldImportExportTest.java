package org.labelcrew.io;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.labelcrew.support.Api;
import org.labelcrew.support.Fixtures;
import org.labelcrew.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Gold items come in with an import ({@code "gold"} beside {@code "data"} in JSONL) and never go out with an export. */
@IntegrationTest
class GoldImportExportTest {

    @Autowired
    Fixtures fixtures;
    @Autowired
    ObjectMapper mapper;

    Crowd crowd;

    @BeforeEach
    void project() {
        crowd = new Crowd(fixtures, Fixtures.TOPIC_SCHEMA, "\"goldRate\": 0.5");
    }

    @Test
    void goldLinesBecomeGoldItemsAndAreNeverExported() {
        String file = """
                {"text": "일반 하나"}
                {"data": {"text": "금 하나"}, "gold": {"topic": "경제"}}
                {"data": {"text": "일반 둘"}, "priority": 3}
                {"data": {"text": "금 둘"}, "gold": {"topic": "정치"}}
                """;
        JsonNode job = Jobs.importFile(crowd.manager.api(), crowd.projectId, "jsonl", file.getBytes(UTF_8));
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("DONE");
        assertThat(job.get("imported").asLong()).isEqualTo(4);

        JsonNode counts = crowd.manager.api().get("/api/v1/projects/" + crowd.projectId).expect(200).json().get("counts");
        assertThat(counts.get("GOLD").asLong()).isEqualTo(2);
        assertThat(counts.get("total").asLong()).as("gold is not part of the work's progress").isEqualTo(2);
        JsonNode gold = crowd.manager.api().get("/api/v1/projects/" + crowd.projectId + "/tasks?state=GOLD").expect(200).json();
        assertThat(gold.get("total").asLong()).isEqualTo(2);
        JsonNode first = crowd.manager.api().get("/api/v1/tasks/" + gold.get("items").get(0).get("id").asLong()).expect(200).json();
        assertThat(first.get("data").has("gold")).as("the reference is not part of the data").isFalse();
        assertThat(first.get("goldReference").get("topic").asString()).isEqualTo("경제");

        // The crowd.labeler meets gold at the rate (served straight after the import: the settings cache was dropped).
        List<String> reasons = new ArrayList<>();
        while (true) {
            Api.Response r = crowd.labeler.api().post("/api/v1/projects/" + crowd.projectId + "/next-task", null);
            if (r.status() == 204) break;
            JsonNode lease = r.expect(200).json();
            // Gold looks like any other task to the crowd.labeler: told by its text here, never by the lease.
            reasons.add(lease.get("data").get("text").asString().startsWith("금") ? "gold" : lease.get("reason").asString());
            assertThat(lease.get("reason").asString()).isEqualTo("order");
            crowd.labeler.api().post("/api/v1/assignments/" + lease.get("assignmentId").asLong() + "/submit",
                    "{\"result\": {\"topic\": \"경제\"}}").expect(200);
        }
        assertThat(reasons).containsExactly("gold", "order", "gold", "order");
        // The crowd.reviewer gets the two ordinary submissions, and nothing of the gold answers.
        for (int i = 0; i < 2; i++) {
            JsonNode item = crowd.reviewer.api().post("/api/v1/projects/" + crowd.projectId + "/next-review", null).expect(200).json();
            assertThat(item.get("data").get("text").asString()).startsWith("일반");
            crowd.reviewer.api().post("/api/v1/reviews/" + item.get("reviewId").asLong() + "/decision",
                    "{\"verdict\": \"APPROVE\"}").expect(200);
        }
        crowd.reviewer.api().post("/api/v1/projects/" + crowd.projectId + "/next-review", null).expect(204);

        String out = crowd.export("{\"format\": \"jsonl\"}").text();
        List<String> texts = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (!line.isBlank()) texts.add(mapper.readTree(line).get("data").get("text").asString());
        }
        assertThat(texts).containsExactly("일반 하나", "일반 둘");
    }

    @Test
    void aGoldReferenceThatBreaksTheSchemaFailsTheImportNamingLineAndField() {
        String file = """
                {"data": {"text": "금"}, "gold": {"topic": "날씨"}}
                {"text": "일반"}
                {"data": {"text": "금"}, "gold": "경제"}
                """;
        JsonNode job = Jobs.importFile(crowd.manager.api(), crowd.projectId, "jsonl", file.getBytes(UTF_8));
        assertThat(job.get("status").asString()).isEqualTo("FAILED");
        JsonNode errors = job.get("errors");
        assertThat(errors).hasSize(2);
        assertThat(errors.get(0).get("line").asLong()).isEqualTo(1);
        assertThat(errors.get(0).get("message").asString()).contains("gold.topic");
        assertThat(errors.get(1).get("line").asLong()).isEqualTo(3);
        assertThat(errors.get(1).get("message").asString()).contains("\"gold\"");
        JsonNode counts = crowd.manager.api().get("/api/v1/projects/" + crowd.projectId).expect(200).json().get("counts");
        assertThat(counts.get("total").asLong()).isZero();
        assertThat(counts.get("GOLD").asLong()).isZero();
    }

    @Test
    void labelStudioGroundTruthBecomesAGoldItemWithoutGivingTheAnswerAway() {
        String file = """
                [{"data": {"text": "환율 급등"},
                  "annotations": [{"ground_truth": true, "result": [{"id": "c1", "from_name": "topic", "to_name": "text",
                                   "type": "choices", "value": {"choices": ["경제"]}}]}]},
                 {"data": {"text": "국회 개원"},
                  "annotations": [{"result": [{"id": "c2", "from_name": "topic", "to_name": "text",
                                   "type": "choices", "value": {"choices": ["정치"]}}]}]}]""";
        JsonNode job = Jobs.importFile(crowd.manager.api(), crowd.projectId, "labelstudio", file.getBytes(UTF_8));
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("DONE");
        JsonNode gold = crowd.manager.api().get("/api/v1/projects/" + crowd.projectId + "/tasks?state=GOLD").expect(200).json();
        assertThat(gold.get("total").asLong()).isEqualTo(1);
        JsonNode task = crowd.manager.api().get("/api/v1/tasks/" + gold.get("items").get(0).get("id").asLong()).expect(200).json();
        assertThat(task.get("goldReference").get("topic").asString()).isEqualTo("경제");
        assertThat(task.get("data").toString()).isEqualTo("{\"text\":\"환율 급등\"}");
        // The ordinary task keeps its annotation as a prediction, as before.
        JsonNode work = crowd.manager.api().get("/api/v1/projects/" + crowd.projectId + "/tasks?state=NEW").expect(200).json();
        assertThat(work.get("items").get(0).get("data").get("prediction").get("topic").asString()).isEqualTo("정치");
    }
}
