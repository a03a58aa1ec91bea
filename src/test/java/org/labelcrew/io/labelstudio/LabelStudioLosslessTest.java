package org.labelcrew.io.labelstudio;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;
import org.labelcrew.io.Crowd;
import org.labelcrew.support.Fixtures;
import org.labelcrew.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Label Studio without loss (issue 12), on the repo's samples (src/test/resources/interchange): an LS export with
 * annotations (one cancelled), a prediction with model_version and score, task meta and LS's own keys; a spaCy-made
 * file whose offsets count code points after an emoji.
 */
@IntegrationTest
class LabelStudioLosslessTest {

    static final String SCHEMA = """
            {"fields": [{"name": "entities", "type": "spans", "labels": ["PER", "ORG", "LOC"]}]}""";

    @Autowired
    Fixtures fixtures;

    @Autowired
    ObjectMapper mapper;

    static byte[] resource(String name) throws IOException {
        try (InputStream in = LabelStudioLosslessTest.class.getResourceAsStream("/interchange/" + name)) {
            return in.readAllBytes();
        }
    }

    JsonNode roundTrip(Crowd crowd, byte[] file) {
        JsonNode job = crowd.importFile("labelstudio", file);
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("DONE");
        crowd.labelAll(d -> d.get("prediction").toString());
        crowd.approveAll();
        return mapper.readTree(crowd.export("{\"format\": \"labelstudio\"}").body());
    }

    @Test
    void annotationsPredictionsCancelledMetaAndUnknownKeysComeBackAndSurviveAReimport() throws IOException {
        JsonNode file = mapper.readTree(resource("labelstudio-export.json"));
        JsonNode original = file.get(0);

        Crowd first = new Crowd(fixtures, SCHEMA);
        JsonNode exported = roundTrip(first, resource("labelstudio-export.json"));
        JsonNode task = exported.get(0);
        assertThat(task.get("id").asInt()).isEqualTo(4812);
        assertThat(task.get("labelcrew_id").asLong()).isPositive();
        assertThat(task.get("data")).isEqualTo(original.get("data"));
        for (String key : new String[] {"meta", "inner_id", "file_upload", "created_at", "total_annotations",
                "cancelled_annotations", "comment_authors", "project"}) {
            assertThat(task.get(key)).as(key).isEqualTo(original.get(key));
        }
        // The two imported annotations as they were (completed_by, lead_time, dates; the cancelled one too), then ours.
        assertThat(task.get("annotations").get(0)).isEqualTo(original.get("annotations").get(0));
        assertThat(task.get("annotations").get(1)).isEqualTo(original.get("annotations").get(1));
        assertThat(task.get("annotations").get(1).get("was_cancelled").asBoolean()).isTrue();
        JsonNode ours = task.get("annotations").get(2);
        assertThat(ours.get("completed_by").asString()).isEqualTo(first.labeler.username());
        assertThat(ours.get("result")).hasSize(3);
        assertThat(ours.get("result").get(2).get("value").get("text").asString()).isEqualTo("이재용");
        // Predictions stay predictions, with model_version and score.
        assertThat(task.get("predictions")).isEqualTo(original.get("predictions"));
        assertThat(task.get("predictions").get(0).get("score").asDouble()).isEqualTo(0.87);

        // LabelCrew's own export goes into a new project and comes out again: nothing the first import kept is lost.
        Crowd second = new Crowd(fixtures, SCHEMA);
        JsonNode again = roundTrip(second, mapper.writeValueAsBytes(exported)).get(0);
        assertThat(again.get("id").asInt()).isEqualTo(4812);
        assertThat(again.get("meta")).isEqualTo(original.get("meta"));
        assertThat(again.get("predictions")).isEqualTo(original.get("predictions"));
        assertThat(again.get("annotations")).hasSize(4);
        for (int i = 0; i < 3; i++) {
            assertThat(again.get("annotations").get(i)).as("annotation " + i).isEqualTo(task.get("annotations").get(i));
        }
    }

    @Test
    void codePointOffsetsAreDetectedByTheRegionTextAndConverted() throws IOException {
        Crowd crowd = new Crowd(fixtures, SCHEMA);
        JsonNode exported = roundTrip(crowd, resource("labelstudio-codepoints.json"));

        String text = "오늘 날씨 최고 👍🏽 부산 해운대에서 김민지 만남";
        JsonNode spans = crowd.tasks().get(0).get("data").get("prediction").get("entities");
        assertThat(spans.get(0).get("start").asInt()).as("code points into the text").isEqualTo(12);
        assertThat(spans.get(2).get("start").asInt()).isEqualTo(text.codePointCount(0, text.indexOf("김민지")));
        // Exported in LS's own convention: UTF-16 offsets whose text is the same words.
        JsonNode region = exported.get(0).get("annotations").get(0).get("result").get(0).get("value");
        assertThat(region.get("start").asInt()).isEqualTo(text.indexOf("부산")).isEqualTo(14);
        assertThat(text.substring(region.get("start").asInt(), region.get("end").asInt())).isEqualTo("부산");
    }

    @Test
    void aRegionWhoseTextIsAtNeitherOffsetIsReportedWithItsTaskAndField() throws IOException {
        Crowd crowd = new Crowd(fixtures, SCHEMA);
        JsonNode file = mapper.readTree(resource("labelstudio-codepoints.json"));
        ((ObjectNode) file.get(0).get("predictions").get(0).get("result").get(1).get("value")).put("start", 3);
        JsonNode job = crowd.importFile("labelstudio", mapper.writeValueAsString(file).getBytes(UTF_8));
        assertThat(job.get("status").asString()).isEqualTo("FAILED");
        String message = job.get("errors").get(0).get("message").asString();
        assertThat(message).contains("task 1").contains("predictions[0].result[1]").contains("field \"label\"")
                .contains("해운대");
    }
}
