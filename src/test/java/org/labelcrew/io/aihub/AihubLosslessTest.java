package org.labelcrew.io.aihub;

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

/**
 * AI-Hub summarization without loss (issue 12): name, delivery_date, each sentence's index and highlight_indices, and
 * the unordered reference extractive come back on export; the labeler's answer may be in any order.
 */
@IntegrationTest
class AihubLosslessTest {

    @Autowired
    Fixtures fixtures;

    @Autowired
    ObjectMapper mapper;

    @Test
    void theDocumentComesBackWhole() throws IOException {
        byte[] file;
        try (InputStream in = getClass().getResourceAsStream("/interchange/aihub-summary.json")) {
            file = in.readAllBytes();
        }
        JsonNode original = mapper.readTree(file);
        Crowd crowd = new Crowd(fixtures, AihubSummaryTest.SCHEMA);
        JsonNode job = crowd.importFile("aihub-summary", file);
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("DONE");
        JsonNode data = crowd.tasks().get(0).get("data");
        assertThat(data.get("reference").get("extractive").toString()).as("the reference order is kept").isEqualTo("[2,0,3]");

        // The labeler answers as the reference does, in its (not ascending) order.
        crowd.labelAll(d -> "{\"key\": " + d.get("reference").get("extractive") + ", \"summary\": "
                + d.get("reference").get("abstractive").get(0) + "}");
        crowd.approveAll();
        JsonNode out = mapper.readTree(crowd.export("{\"format\": \"aihub-summary\"}").body());

        assertThat(out.get("name")).isEqualTo(original.get("name"));
        assertThat(out.get("delivery_date")).isEqualTo(original.get("delivery_date"));
        JsonNode doc = out.get("documents").get(0);
        JsonNode want = original.get("documents").get(0);
        for (String key : new String[] {"id", "title", "text", "extractive", "abstractive", "category", "media_name",
                "publish_date", "annotator_id", "document_quality_scores", "char_count"}) {
            assertThat(doc.get(key)).as(key).isEqualTo(want.get(key));
        }
        assertThat(doc.has("aihub")).isFalse();
    }
}
