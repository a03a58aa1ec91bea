package org.labelcrew.io.segments;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.labelcrew.io.Crowd;
import org.labelcrew.media.MediaSamples;
import org.labelcrew.support.Fixtures;
import org.labelcrew.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Audio imported, segments with Korean transcripts labeled and approved, exported one line per audio. */
@IntegrationTest
class SegmentsJsonlExportTest {

    static final String SPEECH = """
            {"fields": [{"name": "speech", "type": "segments", "labels": ["A", "B"], "transcript": true}]}""";

    @Autowired
    Fixtures fx;

    @Autowired
    ObjectMapper mapper;

    @Test
    void oneLinePerAudioWithItsSegmentsAndTranscripts() {
        Crowd crowd = new Crowd(fx, SPEECH);
        JsonNode job = crowd.importFile("audio-zip", MediaSamples.zip("call/one.wav", MediaSamples.wav(2.0),
                "two.wav", MediaSamples.wav(3.0)));
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("DONE");
        crowd.labelAll(data -> data.get("file").asString().equals("two.wav")
                ? "{\"speech\": [{\"start\": 0.25, \"end\": 1.5, \"label\": \"A\", \"transcript\": \"안녕하세요\"},"
                        + " {\"start\": 1.5, \"end\": 2.75, \"label\": \"B\", \"transcript\": \"네 반갑습니다\"}]}"
                : "{\"speech\": [{\"start\": 0, \"end\": 2, \"label\": \"B\", \"transcript\": \"여보세요\"}]}");
        crowd.approveAll();

        String text = new String(crowd.export("{\"format\": \"segments-jsonl\"}").body(), StandardCharsets.UTF_8);
        List<JsonNode> lines = new ArrayList<>();
        for (String l : text.split("\n")) lines.add(mapper.readTree(l));
        assertThat(lines).hasSize(2);
        JsonNode one = lines.stream().filter(l -> l.get("file").asString().equals("call/one.wav")).findFirst().orElseThrow();
        JsonNode two = lines.stream().filter(l -> l.get("file").asString().equals("two.wav")).findFirst().orElseThrow();
        assertThat(one.get("audio").isNumber()).isTrue();
        assertThat(one.get("duration").asDouble()).isCloseTo(2.0, org.assertj.core.data.Offset.offset(0.01));
        assertThat(one.get("segments").toString()).isEqualTo("[{\"start\":0,\"end\":2,\"label\":\"B\",\"transcript\":\"여보세요\"}]");
        assertThat(two.get("segments")).hasSize(2);
        assertThat(two.get("segments").get(0).toString())
                .isEqualTo("{\"start\":0.25,\"end\":1.5,\"label\":\"A\",\"transcript\":\"안녕하세요\"}");
        assertThat(two.get("segments").get(1).get("transcript").asString()).isEqualTo("네 반갑습니다");
        assertThat(two.get("segments").get(1).get("end").asDouble()).isEqualTo(2.75);
    }

    @Test
    void refusesAProjectWithoutSegments() {
        Crowd images = new Crowd(fx, "{\"fields\": [{\"name\": \"o\", \"type\": \"boxes\", \"labels\": [\"car\"]}]}");
        var r = images.manager.api().post("/api/v1/projects/" + images.projectId + "/exports", "{\"format\": \"segments-jsonl\"}");
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.text()).contains("needs a segments field");
        var wrong = images.manager.api().post("/api/v1/projects/" + images.projectId + "/exports",
                "{\"format\": \"segments-jsonl\", \"field\": \"o\"}");
        assertThat(wrong.status()).isEqualTo(422);
        assertThat(wrong.text()).contains("'o' is not a segments field");
    }
}
