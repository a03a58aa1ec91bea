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

    static final String RELATIONS = """
            {"fields": [{"name": "entities", "type": "spans", "labels": ["PER", "ORG"]},
                        {"name": "links", "type": "relations", "between": "entities", "labels": ["소속"]}]}""";

    @Test
    void jsonlPredictionsAreCheckedAndTheLinesStoredAsTheyAre() {
        Crowd crowd = new Crowd(fixtures, SPANS);
        // Line 1 is a plain object (stored as its own bytes, the fast path), line 2 the {"data": …} form, line 3 has no
        // prediction, line 4 one that fits.
        String line1 = "{\"text\":\"김철수 삼성\",\"prediction\":{\"entities\":[{\"id\":\"a\",\"start\":0,\"end\":3,\"label\":\"PER\"},"
                + "{\"id\":\"b\",\"start\":1,\"end\":3,\"label\":\"PER\"},{\"id\":\"c\",\"start\":4,\"end\":6,\"label\":\"COMPANY\"}]}}";
        String line2 = "{\"data\": {\"text\": \"삼성\", \"prediction\": {\"entities\": [{\"id\": \"d\", \"start\": 0, \"end\": 2, \"label\": \"LOC\"}]}}}";
        String line3 = "{\"text\":\"좋은 날\"}";
        String line4 = "{\"text\":\"이영희\",\"prediction\":{\"entities\":[{\"id\":\"e\",\"start\":0,\"end\":3,\"label\":\"PER\"}]}}";
        JsonNode job = crowd.importFile("jsonl", String.join("\n", line1, line2, line3, line4).getBytes(UTF_8));

        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("DONE");
        assertThat(job.get("imported").asLong()).isEqualTo(4);
        JsonNode unknown = warning(job, "entities", "prediction.unknownLabel");
        assertThat(unknown.get("count").asLong()).isEqualTo(2);
        assertThat(unknown.get("examples").valueStream().map(e -> e.get("line").asLong()).toList()).containsExactly(1L, 2L);
        assertThat(unknown.get("examples").get(0).get("label").asString()).isEqualTo("COMPANY");
        assertThat(unknown.get("examples").get(1).get("label").asString()).isEqualTo("LOC");
        JsonNode overlap = warning(job, "entities", "prediction.overlap");
        assertThat(overlap.get("count").asLong()).isEqualTo(1);
        assertThat(overlap.get("examples").get(0).get("with").asString()).isEqualTo("0..3");
        assertThat(job.get("warnings")).hasSize(2);
        // The lines are stored as they were (the check only reads them).
        JsonNode tasks = crowd.tasks();
        tools.jackson.databind.ObjectMapper mapper = new tools.jackson.databind.ObjectMapper();
        java.util.List<JsonNode> stored = tasks.valueStream().map(t -> t.get("data")).toList();
        assertThat(stored).containsExactlyInAnyOrder(mapper.readTree(line1), mapper.readTree(line2).get("data"),
                mapper.readTree(line3), mapper.readTree(line4));
    }

    @Test
    void labelStudioRelationsToUnknownRegionsOrOfUnknownTypesAreReported() {
        Crowd crowd = new Crowd(fixtures, RELATIONS);
        String file = """
                [{"data": {"text": "김철수는 삼성 직원"}, "predictions": [{"model_version": "v1", "result": [
                   {"id": "a", "from_name": "entities", "to_name": "text", "type": "labels",
                    "value": {"start": 0, "end": 3, "text": "김철수", "labels": ["PER"]}},
                   {"id": "b", "from_name": "entities", "to_name": "text", "type": "labels",
                    "value": {"start": 5, "end": 7, "text": "삼성", "labels": ["ORG"]}},
                   {"from_id": "a", "to_id": "b", "type": "relation", "direction": "right", "labels": ["소속"]},
                   {"from_id": "a", "to_id": "zz", "type": "relation", "direction": "right", "labels": ["소속"]},
                   {"from_id": "b", "to_id": "a", "type": "relation", "direction": "right", "labels": ["친구"]}]}]}]""";
        JsonNode job = crowd.importFile("labelstudio", file.getBytes(UTF_8));

        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("DONE");
        JsonNode region = warning(job, "links", "prediction.unknownRegion");
        assertThat(region.get("count").asLong()).isEqualTo(1);
        assertThat(region.get("examples").get(0).get("line").asLong()).isEqualTo(1);
        assertThat(region.get("examples").get(0).get("region").asString()).isEqualTo("zz");
        assertThat(region.get("examples").get(0).get("label").asString()).isEqualTo("소속");
        JsonNode type = warning(job, "links", "prediction.unknownLabel");
        assertThat(type.get("count").asLong()).isEqualTo(1);
        assertThat(type.get("examples").get(0).get("label").asString()).isEqualTo("친구");
        assertThat(job.get("warnings")).hasSize(2);
        assertThat(crowd.tasks().get(0).get("data").get("prediction").get("links")).hasSize(3);
    }

    @Test
    void ourRelationsFieldInJsonlIsCheckedTheSameWay() {
        Crowd crowd = new Crowd(fixtures, RELATIONS);
        String line = "{\"text\":\"김철수 삼성\",\"prediction\":{\"entities\":[{\"id\":1,\"start\":0,\"end\":3,\"label\":\"PER\"},"
                + "{\"id\":2,\"start\":4,\"end\":6,\"label\":\"ORG\"}],\"links\":[{\"from\":1,\"to\":2,\"label\":\"소속\"},"
                + "{\"from\":\"1\",\"to\":3,\"label\":\"소속\"}]}}";
        JsonNode job = crowd.importFile("jsonl", (line + "\n").getBytes(UTF_8));

        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("DONE");
        JsonNode region = warning(job, "links", "prediction.unknownRegion");
        // "1" is not 1 (ids are JSON values, as the schema compares them), and there is no span 3.
        assertThat(region.get("count").asLong()).isEqualTo(2);
        assertThat(region.get("examples").valueStream().map(e -> e.get("region").asString()).toList()).containsExactly("1", "3");
        assertThat(job.get("warnings")).hasSize(1);
    }

    @Test
    void goldRelationsToUnknownRegionsOrOfUnknownTypesAreRejectedRowsNamingTheField() {
        Crowd crowd = new Crowd(fixtures, RELATIONS);
        String jsonl = """
                {"data": {"text": "김철수 삼성"}, "gold": {"entities": [{"id": "a", "start": 0, "end": 3, "label": "PER"}], "links": [{"from": "a", "to": "zz", "label": "소속"}]}}
                {"data": {"text": "이영희 네이버"}, "gold": {"entities": [{"id": "a", "start": 0, "end": 3, "label": "PER"}, {"id": "b", "start": 4, "end": 7, "label": "ORG"}], "links": [{"from": "a", "to": "b", "label": "친구"}]}}
                """;
        JsonNode job = crowd.importFile("jsonl", jsonl.getBytes(UTF_8));
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("FAILED");
        assertThat(job.get("errors")).hasSize(2);
        assertThat(job.get("errors").get(0).get("line").asLong()).isEqualTo(1);
        assertThat(job.get("errors").get(0).get("message").asString()).contains("gold.links[0].to").contains("zz");
        assertThat(job.get("errors").get(1).get("line").asLong()).isEqualTo(2);
        assertThat(job.get("errors").get(1).get("message").asString()).contains("gold.links[0].label").contains("친구");

        // A Label Studio ground-truth annotation is a gold reference too: the same rule, the task named.
        String ls = """
                [{"data": {"text": "김철수 삼성"}, "annotations": [{"ground_truth": true, "result": [
                   {"id": "a", "from_name": "entities", "to_name": "text", "type": "labels",
                    "value": {"start": 0, "end": 3, "text": "김철수", "labels": ["PER"]}},
                   {"from_id": "a", "to_id": "gone", "type": "relation", "direction": "right", "labels": ["소속"]}]}]}]""";
        JsonNode lsJob = crowd.importFile("labelstudio", ls.getBytes(UTF_8));
        assertThat(lsJob.get("status").asString()).as(lsJob.toString()).isEqualTo("FAILED");
        assertThat(lsJob.get("errors").get(0).get("line").asLong()).isEqualTo(1);
        assertThat(lsJob.get("errors").get(0).get("message").asString()).contains("gold.links[0].to").contains("gone");
        assertThat(crowd.tasks()).isEmpty();
    }
}
