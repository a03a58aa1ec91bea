package org.labelcrew.io.csv;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.labelcrew.io.Crowd;
import org.labelcrew.io.Jobs;
import org.labelcrew.support.Fixtures;
import org.labelcrew.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** TSV and CSV, both ways: an NSMC-shaped TSV in, labelled, approved, out as TSV/CSV, and the TSV in again. */
@IntegrationTest
class TabularRoundTripTest {

    static final String SCHEMA = """
            {"fields": [{"name": "sentiment", "type": "choice", "options": ["0", "1"]},
                        {"name": "entities", "type": "spans", "labels": ["PER"]}]}""";

    @Autowired
    Fixtures fixtures;

    @Test
    void nsmcGoesInLabelledAndComesBackOutAsTsvAndCsv() throws Exception {
        Crowd crowd = new Crowd(fixtures, SCHEMA);
        String options = "{\"textColumn\": \"document\", \"labelColumn\": \"label\"}";
        JsonNode started = crowd.manager.api().upload("/api/v1/projects/" + crowd.projectId + "/imports", "nsmc.tsv",
                TabularImportTest.resource("nsmc-utf8.tsv"), "format", "tsv", "options", options).expect(202).json();
        JsonNode job = Jobs.awaitEnd(crowd.manager.api(), "/api/v1/imports/" + started.get("id").asLong());
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("DONE");

        // The labeler takes the prediction and marks the first character as a PER span.
        crowd.labelAll(data -> "{\"sentiment\": \"" + data.get("prediction").get("sentiment").asString()
                + "\", \"entities\": [{\"id\": \"e1\", \"start\": 0, \"end\": 1, \"label\": \"PER\"}]}");
        crowd.approveAll();

        String tsv = crowd.export("{\"format\": \"tsv\"}").text();
        List<String> lines = List.of(tsv.split("\r\n"));
        assertThat(lines.get(0)).isEqualTo("id\ttext\tsentiment\tentities");
        assertThat(lines).hasSize(6);
        // Structured values are compact JSON as stored (jsonb orders keys by length, then bytes).
        assertThat(lines.get(1)).endsWith("\t아 더빙.. 진짜 짜증나네요 목소리\t0\t[{\"id\":\"e1\",\"end\":1,\"label\":\"PER\",\"start\":0}]");
        assertThat(lines.get(5)).contains("\"익살스런\"").contains("\t1\t");

        String csv = crowd.export("{\"format\": \"csv\"}").text();
        List<String> rows = List.of(csv.split("\r\n"));
        assertThat(rows.get(0)).isEqualTo("id,text,sentiment,entities");
        assertThat(rows.get(1)).endsWith(",아 더빙.. 진짜 짜증나네요 목소리,0,\"[{\"\"id\"\":\"\"e1\"\",\"\"end\"\":1,\"\"label\"\":\"\"PER\"\",\"\"start\"\":0}]\"");
        assertThat(rows.get(5)).contains("\"사이몬페그의 \"\"익살스런\"\" 연기가");

        // The export goes in again: same texts, the sentiment as a prediction.
        Crowd again = new Crowd(fixtures, SCHEMA);
        JsonNode re = again.manager.api().upload("/api/v1/projects/" + again.projectId + "/imports", "out.tsv",
                tsv.getBytes(UTF_8), "format", "tsv", "options", "{\"labelColumn\": \"sentiment\"}").expect(202).json();
        JsonNode reJob = Jobs.awaitEnd(again.manager.api(), "/api/v1/imports/" + re.get("id").asLong());
        assertThat(reJob.get("status").asString()).as(reJob.toString()).isEqualTo("DONE");
        JsonNode tasks = again.tasks();
        assertThat(tasks.get(0).get("data").get("text").asString()).isEqualTo("아 더빙.. 진짜 짜증나네요 목소리");
        assertThat(tasks.get(0).get("data").get("prediction").get("sentiment").asString()).isEqualTo("0");
    }
}
