package org.labelcrew.io.labelstudio;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.labelcrew.io.Crowd;
import org.labelcrew.support.Fixtures;
import org.labelcrew.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

@IntegrationTest
class LabelStudioTest {

    static final String SCHEMA = """
            {"fields": [
              {"name": "entities", "type": "spans", "labels": ["PER", "ORG", "LOC"]},
              {"name": "links", "type": "relations", "labels": ["소속"], "between": "entities"},
              {"name": "topic", "type": "choice", "options": ["정치", "경제", "사회"], "required": false}]}""";

    static final String TEXT = "김철수는 삼성전자에 다닌다 👍🏽 정말로";

    @Autowired
    Fixtures fixtures;

    @Autowired
    ObjectMapper mapper;

    /** An LS "labels" region over {@code part}, with offsets in UTF-16 units as LS (JavaScript) counts them. */
    ObjectNode region(String id, String from, String text, String part, String label) {
        ObjectNode r = mapper.createObjectNode();
        r.put("id", id).put("from_name", from).put("to_name", "text").put("type", "labels");
        int start = text.indexOf(part);
        r.putObject("value").put("start", start).put("end", start + part.length()).put("text", part)
                .putArray("labels").add(label);
        return r;
    }

    ArrayNode lsFile() {
        ArrayNode tasks = mapper.createArrayNode();
        ObjectNode task = tasks.addObject();
        task.put("id", 101);
        task.putObject("data").put("text", TEXT).put("source", "뉴스");
        ArrayNode result = task.putArray("annotations").addObject().put("id", 5).putArray("result");
        result.add(region("r1", "entities", TEXT, "김철수", "PER"));
        result.add(region("r2", "entities", TEXT, "삼성전자", "ORG"));
        result.add(region("r3", "entities", TEXT, "정말", "LOC")); // after the emoji: 2 UTF-16 units more than code points
        ObjectNode rel = result.addObject();
        rel.put("from_id", "r1").put("to_id", "r2").put("type", "relation").put("direction", "right").putArray("labels").add("소속");
        ObjectNode choice = result.addObject();
        choice.put("id", "c1").put("from_name", "topic").put("to_name", "text").put("type", "choices")
                .putObject("value").putArray("choices").add("경제");
        return tasks;
    }

    @Test
    void labelStudioGoesInAndComesBackTheSame() {
        Crowd crowd = new Crowd(fixtures, SCHEMA);
        ArrayNode file = lsFile();
        JsonNode job = crowd.importFile("labelstudio", mapper.writeValueAsBytes(file));
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("DONE");

        JsonNode data = crowd.tasks().get(0).get("data");
        JsonNode spans = data.get("prediction").get("entities");
        int cp = TEXT.codePointCount(0, TEXT.indexOf("정말"));
        assertThat(spans.get(2).get("start").asInt()).as("code points, not UTF-16").isEqualTo(cp).isEqualTo(TEXT.indexOf("정말") - 2);
        assertThat(spans.get(2).get("end").asInt()).isEqualTo(cp + 2);
        assertThat(data.get("prediction").get("links").get(0).get("from").asString()).isEqualTo("r1");
        assertThat(data.get("prediction").get("topic").asString()).isEqualTo("경제");
        // The task's other keys are kept raw for the export (issue 12: annotations stay annotations).
        assertThat(data.get("meta").get("labelstudio").get("id").asInt()).isEqualTo(101);
        assertThat(data.get("meta").get("labelstudio").get("annotations")).isEqualTo(file.get(0).get("annotations"));

        // The labeler accepts the pre-annotation as it is; the reviewer approves.
        crowd.labelAll(d -> d.get("prediction").toString());
        crowd.approveAll();
        var exported = crowd.export("{\"format\": \"labelstudio\"}");
        assertThat(exported.contentType()).startsWith("application/json");
        JsonNode tasks = mapper.readTree(exported.body());
        assertThat(tasks).hasSize(1);
        JsonNode out = tasks.get(0);
        assertThat(out.get("data")).isEqualTo(file.get(0).get("data"));
        assertThat(out.get("id").asInt()).as("the LS id comes back").isEqualTo(101);
        assertThat(out.get("annotations").get(0)).as("the imported annotation, as it was")
                .isEqualTo(file.get(0).get("annotations").get(0));
        assertThat(withoutIds(out.get("annotations").get(1).get("result"))).as("ours, converted back, after it")
                .isEqualTo(withoutIds(file.get(0).get("annotations").get(0).get("result")));
        assertThat(out.get("annotations").get(1).get("completed_by").asString()).isEqualTo(crowd.labeler.username());
        assertThat(out.has("predictions")).as("the file had none: none are made up").isFalse();
    }

    private List<JsonNode> withoutIds(JsonNode results) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode r : results) {
            ObjectNode copy = ((ObjectNode) r).deepCopy();
            copy.remove("id");
            out.add(copy);
        }
        return out;
    }

    @Test
    void decomposedHangulOffsetsBecomeCodePointsIntoTheNfcTextAndOtherResultsAreKeptRaw() {
        Crowd crowd = new Crowd(fixtures, SCHEMA);
        String nfd = Normalizer.normalize("서울과 부산", Normalizer.Form.NFD);
        ArrayNode file = mapper.createArrayNode();
        ObjectNode task = file.addObject();
        task.putObject("data").put("text", nfd);
        ArrayNode result = task.putArray("predictions").addObject().putArray("result");
        // LS's default template names its control "label": the project's only spans field takes it.
        result.add(region("p1", "label", nfd, Normalizer.normalize("부산", Normalizer.Form.NFD), "LOC"));
        ObjectNode box = result.addObject();
        box.put("id", "b1").put("from_name", "box").put("to_name", "image").put("type", "rectanglelabels");
        JsonNode job = crowd.importFile("labelstudio", mapper.writeValueAsBytes(file));
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("DONE");

        JsonNode data = crowd.tasks().get(0).get("data");
        assertThat(data.get("text").asString()).isEqualTo("서울과 부산");
        JsonNode span = data.get("prediction").get("entities").get(0);
        assertThat(span.get("start").asInt()).isEqualTo(4);
        assertThat(span.get("end").asInt()).isEqualTo(6);
        assertThat(data.get("meta").get("labelstudio").get("predictions").get(0).get("result")).hasSize(2);
    }

    @Test
    void badTasksAreNamedByTheirIndexAndNothingIsStored() {
        Crowd crowd = new Crowd(fixtures, SCHEMA);
        ArrayNode file = mapper.createArrayNode();
        file.addObject().putObject("data").put("text", "첫째");
        file.addObject().put("data", "not an object");
        ObjectNode third = file.addObject();
        third.putObject("data").put("text", "짧다");
        ObjectNode far = region("x", "entities", "짧다", "짧다", "LOC");
        ((ObjectNode) far.get("value")).put("end", 40);
        third.putArray("annotations").addObject().putArray("result").add(far);
        JsonNode job = crowd.importFile("labelstudio", mapper.writeValueAsBytes(file));
        assertThat(job.get("status").asString()).isEqualTo("FAILED");
        assertThat(job.get("errors")).hasSize(2);
        assertThat(job.get("errors").get(0).get("line").asLong()).isEqualTo(2);
        assertThat(job.get("errors").get(0).get("message").asString()).isEqualTo("task 2: \"data\" must be an object");
        assertThat(job.get("errors").get(1).get("line").asLong()).isEqualTo(3);
        assertThat(job.get("errors").get(1).get("message").asString()).startsWith("task 3: annotations[0].result[0] (field \"entities\")")
                .contains("0..40");

        String broken = "[{\"data\": {\"text\": \"하나\"}},\n {\"data\": {\"text\": \"둘\"}},\n {\"data\": {\"text\": \"셋\",}}]";
        JsonNode syntax = crowd.importFile("labelstudio", broken.getBytes(UTF_8));
        assertThat(syntax.get("status").asString()).isEqualTo("FAILED");
        assertThat(syntax.get("errors").get(0).get("line").asLong()).isEqualTo(3);
        assertThat(syntax.get("errors").get(0).get("message").asString()).startsWith("task 3: is not valid JSON").contains("line 3");

        JsonNode notArray = crowd.importFile("labelstudio", "\"tasks\"".getBytes(UTF_8));
        assertThat(notArray.get("errors").get(0).get("message").asString()).contains("JSON array of tasks");
        assertThat(crowd.tasks()).isEmpty();
    }
}
