package org.labelcrew.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.labelcrew.account.Role;
import org.labelcrew.support.Fixtures;
import org.labelcrew.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The Korean text and summarization annotation types end to end: a project with spans, relations, extractive and
 * abstractive fields; a bad submission is refused naming the field paths, a good one is stored.
 */
@IntegrationTest
class TextAnnotationApiTest {

    static final String SCHEMA = """
            {"fields": [
              {"name": "entities", "type": "spans", "labels": ["PER", {"value": "ORG", "hotkey": "o", "color": "#2563eb"}]},
              {"name": "links", "type": "relations", "labels": ["소속"], "between": "entities"},
              {"name": "key", "type": "extractive", "min": 1, "max": 2},
              {"name": "summary", "type": "abstractive", "minChars": 5, "maxChars": 40}
            ]}""";

    @Autowired
    Fixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    @Test
    void badAnnotationsAreRefusedNamingTheFieldPathAndGoodOnesAreStored() {
        var manager = fixtures.user("manager", Role.MANAGER);
        var labeler = fixtures.user("labeler", Role.LABELER);
        long projectId = fixtures.project(manager, SCHEMA, null).get("id").asLong();
        fixtures.member(manager, projectId, labeler, "LABELER");
        // The text arrives decomposed (NFD), as from some file systems: offsets still count NFC code points.
        String text = Normalizer.normalize("김철수는 삼성전자에 다닌다 👍🏽", Normalizer.Form.NFD);
        String data = "{\"text\": \"" + text + "\", \"sentences\": [\"김철수는 삼성전자에 다닌다.\", \"그는 개발자다.\", \"끝.\"]}";
        jdbc.sql("INSERT INTO task (project_id, data) VALUES (:p, :d::jsonb)").param("p", projectId).param("d", data).update();

        JsonNode next = labeler.api().post("/api/v1/projects/" + projectId + "/next-task", null).expect(200).json();
        long assignmentId = next.get("assignmentId").asLong();
        assertThat(next.get("schema").get("fields")).hasSize(4);

        var bad = labeler.api().post("/api/v1/assignments/" + assignmentId + "/submit", """
                {"result": {
                  "entities": [{"id": "p1", "start": 0, "end": 3, "label": "PER"}, {"id": "o1", "start": 5, "end": 18, "label": "ORG"}],
                  "links": [{"from": "p1", "to": "o9", "label": "소속"}],
                  "key": [2, 2],
                  "summary": "짧다"
                }}""").expect(422);
        assertThat(bad.contentType()).contains("application/problem+json");
        assertThat(fields(bad.json())).containsExactlyInAnyOrder(
                "result.entities[1].end", "result.links[0].to", "result.key[1]", "result.summary");
        assertThat(bad.text()).contains("18 is past the end of the text (17 characters)", "has 2 characters; at least 5 needed");
        // Each error also names its sentence for the browser, which words it in the reader's language.
        JsonNode outOfText = bad.json().path("errors").get(fields(bad.json()).indexOf("result.entities[1].end"));
        assertThat(outOfText.path("code").asString()).isEqualTo("span.outOfText");
        assertThat(outOfText.path("params").path("end").asInt()).isEqualTo(18);
        assertThat(outOfText.path("params").path("length").asInt()).isEqualTo(17);
        JsonNode tooShort = bad.json().path("errors").get(fields(bad.json()).indexOf("result.summary"));
        assertThat(tooShort.path("code").asString()).isEqualTo("field.tooShort");
        assertThat(tooShort.path("params").path("min").asInt()).isEqualTo(5);

        var good = labeler.api().post("/api/v1/assignments/" + assignmentId + "/submit", """
                {"result": {
                  "entities": [{"id": "p1", "start": 0, "end": 3, "label": "PER"}, {"id": "o1", "start": 5, "end": 9, "label": "ORG"}],
                  "links": [{"from": "p1", "to": "o1", "label": "소속"}],
                  "key": [0, 1],
                  "summary": "김철수는 삼성전자 개발자다 👍🏽"
                }}""").expect(200);
        assertThat(good.json().get("state").asString()).isIn("SUBMITTED", "APPROVED");
        String stored = jdbc.sql("SELECT result::text FROM annotation WHERE assignment_id = :a").param("a", assignmentId)
                .query(String.class).single();
        assertThat(stored).contains("\"o1\"", "삼성전자 개발자다");
    }

    @Test
    void aSchemaWhoseRelationsPointAtNoSpansFieldIsRefused() {
        var manager = fixtures.user("manager", Role.MANAGER);
        var r = manager.api().post("/api/v1/projects/schema/validate", """
                {"schema": {"fields": [{"name": "key", "type": "extractive", "min": 1},
                                       {"name": "links", "type": "relations", "labels": ["소속"], "between": "key"}]}}""").expect(422);
        assertThat(fields(r.json())).containsExactly("schema.fields[1].between");
        assertThat(r.text()).contains("'key' is not a spans field (it is extractive)");
        var ok = manager.api().post("/api/v1/projects/schema/validate", "{\"schema\": " + SCHEMA + "}").expect(200);
        assertThat(ok.json().get("valid").asBoolean()).isTrue();
    }

    private static List<String> fields(JsonNode problem) {
        List<String> out = new ArrayList<>();
        for (JsonNode e : problem.path("errors")) out.add(e.path("field").asString());
        return out;
    }
}
