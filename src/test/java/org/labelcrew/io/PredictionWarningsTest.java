package org.labelcrew.io;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.labelcrew.support.Fixtures;
import org.labelcrew.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Predictions that do not fit the schema (issue 12): labels it does not list and spans that break the field's overlap
 * rule are stored (predictions are hints, the manager decides) and reported in the import job's {@code warnings}, per
 * field and code with the first examples, for every format that brings predictions.
 */
@IntegrationTest
class PredictionWarningsTest {

    static final String SPANS = """
            {"fields": [{"name": "entities", "type": "spans", "labels": ["PER", "ORG"]}]}""";
    static final String SENTIMENT = """
            {"fields": [{"name": "sentiment", "type": "choice", "options": ["0", "1"]}]}""";

    @Autowired
    Fixtures fixtures;

    static JsonNode warning(JsonNode job, String field, String code) {
        for (JsonNode w : job.get("warnings")) {
            if (w.get("field").asString().equals(field) && w.get("code").asString().equals(code)) return w;
        }
        throw new AssertionError("no warning " + field + "/" + code + " in " + job);
    }

    @Test
    void labelStudioUnknownLabelsAndOverlapsAreStoredAndReported() {
        Crowd crowd = new Crowd(fixtures, SPANS);
        String file = """
                [{"data": {"text": "김철수는 삼성에 다닌다"}, "predictions": [{"model_version": "v1", "result": [
                   {"id": "a", "from_name": "label", "to_name": "text", "type": "labels",
                    "value": {"start": 0, "end": 3, "text": "김철수", "labels": ["PER"]}},
                   {"id": "b", "from_name": "label", "to_name": "text", "type": "labels",
                    "value": {"start": 1, "end": 4, "text": "철수는", "labels": ["PER"]}},
                   {"id": "c", "from_name": "label", "to_name": "text", "type": "labels",
                    "value": {"start": 5, "end": 7, "text": "삼성", "labels": ["COMPANY"]}}]}]},
                 {"data": {"text": "삼성"}, "predictions": [{"result": [
                   {"id": "d", "from_name": "label", "to_name": "text", "type": "labels",
                    "value": {"start": 0, "end": 2, "text": "삼성", "labels": ["COMPANY"]}}]}]},
                 {"data": {"text": "좋은 날"}}]""";
        JsonNode job = crowd.importFile("labelstudio", file.getBytes(UTF_8));

        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("DONE");
        assertThat(job.get("imported").asLong()).isEqualTo(3);
        assertThat(job.get("warnings")).hasSize(2);
        JsonNode unknown = warning(job, "entities", "prediction.unknownLabel");
        assertThat(unknown.get("count").asLong()).isEqualTo(2);
        assertThat(unknown.get("examples").get(0).get("line").asLong()).isEqualTo(1);
        assertThat(unknown.get("examples").get(0).get("label").asString()).isEqualTo("COMPANY");
        assertThat(unknown.get("examples").get(0).get("start").asInt()).isEqualTo(5);
        assertThat(unknown.get("examples").get(1).get("line").asLong()).isEqualTo(2);
        JsonNode overlap = warning(job, "entities", "prediction.overlap");
        assertThat(overlap.get("count").asLong()).isEqualTo(1);
        assertThat(overlap.get("examples").get(0).get("line").asLong()).isEqualTo(1);
        assertThat(overlap.get("examples").get(0).get("start").asInt()).isEqualTo(1);
        assertThat(overlap.get("examples").get(0).get("with").asString()).isEqualTo("0..3");
        // Stored as they were: the labeler starts from the model's hint and fixes it.
        assertThat(crowd.tasks().get(0).get("data").get("prediction").get("entities")).hasSize(3);
        // The job's list shows them too, and line errors stay line errors.
        JsonNode listed = crowd.manager.api().get("/api/v1/projects/" + crowd.projectId + "/imports").expect(200).json();
        assertThat(listed.get("items").get(0).get("warnings")).hasSize(2);
        assertThat(listed.get("items").get(0).get("errors")).isEmpty();
    }

    @Test
    void aFileWhosePredictionsFitHasNoWarnings() {
        Crowd crowd = new Crowd(fixtures, SPANS);
        JsonNode job = crowd.importFile("conll", "김\tB-PER\n철\tI-PER\n\n".getBytes(UTF_8));
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("DONE");
        assertThat(job.get("warnings")).isEmpty();
    }

    @Test
    void conllTagsTheSchemaDoesNotListAreReportedByBlockLine() {
        Crowd crowd = new Crowd(fixtures, SPANS);
        String file = "김\tB-PER\n철\tI-PER\n\n서\tB-LC\n울\tI-LC\n은\tO\n\n";
        JsonNode job = crowd.importFile("conll", file.getBytes(UTF_8));

        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("DONE");
        assertThat(job.get("imported").asLong()).isEqualTo(2);
        JsonNode unknown = warning(job, "entities", "prediction.unknownLabel");
        assertThat(unknown.get("count").asLong()).isEqualTo(1);
        JsonNode example = unknown.get("examples").get(0);
        assertThat(example.get("line").asLong()).isEqualTo(4);
        assertThat(example.get("label").asString()).isEqualTo("LC");
        assertThat(example.get("start").asInt()).isZero();
        assertThat(example.get("end").asInt()).isEqualTo(2);
    }

    @Test
    void tsvLabelColumnAsPredictionKeepsUnknownLabelsAndReportsThem() {
        Crowd crowd = new Crowd(fixtures, SENTIMENT);
        String tsv = "id\tdocument\tlabel\r\n1\t좋다\t1\r\n2\t별로\t2\r\n3\t그냥\tneutral\r\n";
        JsonNode started = crowd.manager.api().upload("/api/v1/projects/" + crowd.projectId + "/imports", "data.tsv",
                tsv.getBytes(UTF_8), "format", "tsv", "options",
                "{\"textColumn\": \"document\", \"labelColumn\": \"label\", \"labelAs\": \"prediction\"}")
                .expect(202).json();
        JsonNode job = Jobs.awaitEnd(crowd.manager.api(), "/api/v1/imports/" + started.get("id").asLong());

        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("DONE");
        assertThat(job.get("imported").asLong()).isEqualTo(3);
        assertThat(job.get("rejected").asLong()).isZero();
        JsonNode unknown = warning(job, "sentiment", "prediction.unknownLabel");
        assertThat(unknown.get("count").asLong()).isEqualTo(2);
        assertThat(unknown.get("examples").valueStream().map(e -> e.get("line").asLong()).toList()).containsExactly(3L, 4L);
        assertThat(unknown.get("examples").get(1).get("label").asString()).isEqualTo("neutral");
        assertThat(unknown.get("examples").get(0).has("start")).isFalse();
        assertThat(crowd.tasks().get(1).get("data").get("prediction").get("sentiment").asString()).isEqualTo("2");
    }
}
