package org.labelcrew.io.labelstudio;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.labelcrew.io.Crowd;
import org.labelcrew.support.Fixtures;
import org.labelcrew.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The offset convention is decided per task (issue 12): a prediction whose regions carry no {@code value.text} follows
 * what another list of the same task showed (here a cancelled annotation written in code points after an emoji),
 * instead of being read as UTF-16 and landing one character off.
 */
@IntegrationTest
class LabelStudioTaskOffsetsTest {

    @Autowired
    Fixtures fixtures;

    @Test
    void aListWithoutTextFollowsTheConventionAnotherListOfTheTaskShows() {
        Crowd crowd = new Crowd(fixtures, LabelStudioLosslessTest.SCHEMA);
        String file = """
                [{"data": {"text": "😀 김철수"},
                  "annotations": [{"was_cancelled": true, "result": [
                    {"id": "a", "from_name": "label", "to_name": "text", "type": "labels",
                     "value": {"start": 2, "end": 5, "text": "김철수", "labels": ["PER"]}}]}],
                  "predictions": [{"result": [
                    {"id": "p", "from_name": "label", "to_name": "text", "type": "labels",
                     "value": {"start": 2, "end": 5, "labels": ["PER"]}}]}]}]""";
        JsonNode job = crowd.importFile("labelstudio", file.getBytes(UTF_8));
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("DONE");
        JsonNode span = crowd.tasks().get(0).get("data").get("prediction").get("entities").get(0);
        // Code points 2..5 are 김철수; read as UTF-16 they would be " 김철" (1..4).
        assertThat(span.get("start").asInt()).isEqualTo(2);
        assertThat(span.get("end").asInt()).isEqualTo(5);
    }
}
