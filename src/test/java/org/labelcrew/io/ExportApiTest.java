package org.labelcrew.io;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.labelcrew.support.Api;
import org.labelcrew.support.Fixtures;
import org.labelcrew.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

@IntegrationTest
class ExportApiTest {

    @Autowired
    Fixtures fixtures;

    @Autowired
    ObjectMapper mapper;

    Crowd crowd;

    @BeforeEach
    void project() {
        crowd = new Crowd(fixtures, Fixtures.TOPIC_SCHEMA, null);
    }

    /** Labels every task with {@code topic} through the API. */
    void labelAll(String topic) {
        crowd.labelAll(data -> "{\"topic\": \"" + topic + "\"}");
    }

    /** Takes the next review and decides it; returns the task id. */
    long review(String decisionJson) {
        JsonNode item = crowd.reviewer.api().post("/api/v1/projects/" + crowd.projectId + "/next-review", null).expect(200).json();
        crowd.reviewer.api().post("/api/v1/reviews/" + item.get("reviewId").asLong() + "/decision", decisionJson).expect(200);
        return item.get("taskId").asLong();
    }

    List<JsonNode> export(String body) {
        JsonNode started = crowd.manager.api().post("/api/v1/projects/" + crowd.projectId + "/exports", body).expect(202).json();
        long id = started.get("id").asLong();
        JsonNode job = Jobs.awaitEnd(crowd.manager.api(), "/api/v1/exports/" + id);
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("DONE");
        Api.Response file = crowd.manager.api().get("/api/v1/exports/" + id + "/file").expect(200);
        assertThat(file.contentType()).startsWith("application/x-ndjson");
        List<JsonNode> lines = new ArrayList<>();
        for (String line : file.text().split("\n")) {
            if (!line.isEmpty()) lines.add(mapper.readTree(line));
        }
        assertThat(job.get("written").asLong()).isEqualTo(lines.size());
        assertThat(job.get("total").asLong()).isEqualTo(lines.size());
        return lines;
    }

    @Test
    void exportHoldsApprovedTasksWithTheirAcceptedAnnotation() {
        JsonNode imported = Jobs.importFile(crowd.manager.api(), crowd.projectId, "jsonl",
                "{\"text\": \"하나\"}\n{\"text\": \"둘\"}\n{\"text\": \"셋\"}\n".getBytes(UTF_8));
        assertThat(imported.get("status").asString()).isEqualTo("DONE");
        labelAll("정치");
        long approved = review("{\"verdict\": \"APPROVE\"}");
        long corrected = review("{\"verdict\": \"CORRECT\", \"result\": {\"topic\": \"경제\"}}");
        long rejected = review("{\"verdict\": \"REJECT\", \"reason\": \"주제가 틀렸습니다\"}");

        List<JsonNode> lines = export("{\"format\": \"jsonl\"}");

        Map<Long, JsonNode> byId = new HashMap<>();
        lines.forEach(l -> byId.put(l.get("id").asLong(), l));
        assertThat(byId.keySet()).containsExactlyInAnyOrder(approved, corrected).doesNotContain(rejected);
        assertThat(lines.get(0).get("id").asLong()).isLessThan(lines.get(1).get("id").asLong());

        JsonNode plain = byId.get(approved);
        assertThat(plain.get("data").get("text").asString()).isIn("하나", "둘", "셋");
        assertThat(plain.has("split")).isFalse();
        assertThat(plain.get("annotations")).hasSize(1);
        JsonNode a = plain.get("annotations").get(0);
        assertThat(a.get("labeler").asString()).isEqualTo(crowd.labeler.username());
        assertThat(a.get("reviewer").asString()).isEqualTo(crowd.reviewer.username());
        assertThat(a.get("result").get("topic").asString()).isEqualTo("정치");
        assertThat(a.get("version").asInt()).isEqualTo(1);
        assertThat(a.get("createdAt").asString()).endsWith("Z");
        assertThat(a.get("id").asLong()).isPositive();

        JsonNode fixed = byId.get(corrected).get("annotations");
        assertThat(fixed).as("the correction supersedes the submission").hasSize(1);
        assertThat(fixed.get(0).get("result").get("topic").asString()).isEqualTo("경제");
        assertThat(fixed.get(0).get("version").asInt()).isEqualTo(2);
        assertThat(fixed.get(0).get("labeler").asString()).isEqualTo(crowd.labeler.username());
        assertThat(fixed.get(0).get("reviewer").asString()).isEqualTo(crowd.reviewer.username());

        JsonNode list = crowd.manager.api().get("/api/v1/projects/" + crowd.projectId + "/exports").expect(200).json();
        assertThat(list.get("items")).hasSize(1);
    }

    @Test
    void splitIsDeterministicBySeedAndTaskId() {
        StringBuilder file = new StringBuilder();
        for (int i = 0; i < 40; i++) file.append("item ").append(i).append('\n');
        Jobs.importFile(crowd.manager.api(), crowd.projectId, "txt", file.toString().getBytes(UTF_8));
        labelAll("사회");
        for (int i = 0; i < 40; i++) review("{\"verdict\": \"APPROVE\"}");

        String split = "{\"format\": \"jsonl\", \"split\": {\"train\": 0.8, \"validation\": 0.1, \"test\": 0.1, \"seed\": 42}}";
        Map<Long, String> first = splits(export(split));
        Map<Long, String> again = splits(export(split));
        Map<Long, String> otherSeed = splits(export(split.replace("42", "7")));

        assertThat(first).hasSize(40).isEqualTo(again);
        assertThat(first.values()).allMatch(s -> List.of("train", "validation", "test").contains(s));
        assertThat(first.values()).filteredOn("train"::equals).hasSizeGreaterThan(20);
        assertThat(otherSeed).isNotEqualTo(first);
    }

    private static Map<Long, String> splits(List<JsonNode> lines) {
        Map<Long, String> out = new HashMap<>();
        lines.forEach(l -> out.put(l.get("id").asLong(), l.get("split").asString()));
        return out;
    }

    @Test
    void onlyManagersExportAndBadRequestsNameTheField() {
        String path = "/api/v1/projects/" + crowd.projectId + "/exports";
        crowd.labeler.api().post(path, "{\"format\": \"jsonl\"}").expect(403);
        crowd.reviewer.api().get(path).expect(403);
        JsonNode bad = crowd.manager.api().post(path, "{\"format\": \"pdf\"}").expect(422).json();
        assertThat(bad.get("errors").get(0).get("field").asString()).isEqualTo("format");
        assertThat(bad.get("errors").get(0).get("code").asString()).isEqualTo("io.format.notExport");
        assertThat(bad.get("errors").get(0).get("params").get("format").asString()).isEqualTo("pdf");
        assertThat(bad.get("code").asString()).isEqualTo("io.format.notExport");
        JsonNode badSplit = crowd.manager.api().post(path, "{\"format\": \"jsonl\", \"split\": {\"train\": -1}}").expect(422).json();
        assertThat(badSplit.get("errors").get(0).get("field").asString()).isEqualTo("split.train");
        assertThat(badSplit.get("errors").get(0).get("code").asString()).isEqualTo("number.atLeast");
        assertThat(badSplit.get("errors").get(0).get("params").get("min").asInt()).isEqualTo(0);
        JsonNode noShare = crowd.manager.api().post(path, "{\"format\": \"jsonl\", \"split\": {\"train\": 0}}").expect(422).json();
        assertThat(noShare.get("errors").get(0).get("code").asString()).isEqualTo("io.split.noShare");
        JsonNode noShapes = crowd.manager.api().post(path, "{\"format\": \"coco\"}").expect(422).json();
        assertThat(noShapes.get("errors").get(0).get("code").asString()).isEqualTo("io.export.needsField");
        assertThat(noShapes.get("errors").get(0).get("params").get("format").asString()).isEqualTo("coco");
        JsonNode forbidden = crowd.labeler.api().post(path, "{\"format\": \"jsonl\"}").expect(403).json();
        assertThat(forbidden.get("code").asString()).isEqualTo("io.managersOnly");

        long id = crowd.manager.api().post(path, "{\"format\": \"jsonl\"}").expect(202).json().get("id").asLong();
        crowd.labeler.api().get("/api/v1/exports/" + id).expect(403);
        crowd.labeler.api().get("/api/v1/exports/" + id + "/file").expect(403);
        JsonNode job = Jobs.awaitEnd(crowd.manager.api(), "/api/v1/exports/" + id);
        assertThat(job.get("status").asString()).isEqualTo("DONE");
        assertThat(job.get("total").asLong()).isZero();
        Api.Response file = crowd.manager.api().get("/api/v1/exports/" + id + "/file").expect(200);
        assertThat(file.body()).isEmpty();
    }
}
