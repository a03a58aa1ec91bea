package org.labelcrew.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.labelcrew.support.Fixtures;
import org.labelcrew.support.Fixtures.Team;
import org.labelcrew.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** The project setting {@code consensus} decides what the export writes for a task labelled by several workers. */
@IntegrationTest
class ExportConsensusTest {

    @Autowired
    Fixtures fx;

    @Autowired
    ObjectMapper mapper;

    /** One task, three labelers: 경제, 경제, 정치 (in that order), all approved by the reviewer after looking. */
    private Team labelled(String settings) {
        Team t = fx.team(3, "\"overlap\": 3" + settings);
        fx.tasks(t.projectId(), "가");
        String[] topics = {"경제", "경제", "정치"};
        for (int i = 0; i < 3; i++) {
            var labeler = t.labelers().get(i);
            JsonNode lease = labeler.api().post("/api/v1/projects/" + t.projectId() + "/next-task", null).expect(200).json();
            labeler.api().post("/api/v1/assignments/" + lease.get("assignmentId").asLong() + "/submit",
                    "{\"result\": {\"topic\": \"" + topics[i] + "\"}}").expect(200);
        }
        for (int i = 0; i < 3; i++) {
            long id = t.reviewer().api().post("/api/v1/projects/" + t.projectId() + "/next-review", null)
                    .expect(200).json().get("reviewId").asLong();
            t.reviewer().api().post("/api/v1/reviews/" + id + "/decision", "{\"verdict\": \"APPROVE\"}").expect(200);
        }
        return t;
    }

    private List<JsonNode> annotations(Team t, String format) {
        JsonNode started = t.manager().api().post("/api/v1/projects/" + t.projectId() + "/exports",
                "{\"format\": \"" + format + "\"}").expect(202).json();
        long id = started.get("id").asLong();
        JsonNode job = Jobs.awaitEnd(t.manager().api(), "/api/v1/exports/" + id);
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("DONE");
        String text = t.manager().api().get("/api/v1/exports/" + id + "/file").expect(200).text();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : text.split("\n")) if (!line.isEmpty()) lines.add(mapper.readTree(line));
        assertThat(lines).hasSize(1);
        List<JsonNode> out = new ArrayList<>();
        lines.get(0).get("annotations").forEach(out::add);
        return out;
    }

    private void setConsensus(Team t, String value) {
        t.manager().api().patch("/api/v1/projects/" + t.projectId(), "{\"consensus\": \"" + value + "\"}").expect(200);
    }

    @Test
    void withoutTheSettingEveryApprovedResultIsExported() {
        Team t = labelled("");
        JsonNode project = t.manager().api().get("/api/v1/projects/" + t.projectId()).expect(200).json();
        assertThat(project.get("consensus").isNull()).isTrue();
        assertThat(annotations(t, "jsonl")).hasSize(3);
    }

    @Test
    void majorityWritesTheMergedResult() {
        Team t = labelled(", \"consensus\": \"MAJORITY\"");
        assertThat(t.manager().api().get("/api/v1/projects/" + t.projectId()).expect(200).json()
                .get("consensus").asString()).isEqualTo("MAJORITY");
        List<JsonNode> a = annotations(t, "jsonl");
        assertThat(a).hasSize(1);
        assertThat(a.get(0).get("result").get("topic").asString()).isEqualTo("경제");
        assertThat(a.get(0).get("labeler").asString()).isEqualTo(t.labelers().get(0).username());
        assertThat(a.get(0).get("reviewer").isNull() || !a.get(0).has("reviewer")).isTrue();
    }

    @Test
    void reviewerTakesTheLastAcceptedResultAndNoneTurnsMergingOff() {
        Team t = labelled(", \"consensus\": \"REVIEWER\"");
        List<JsonNode> a = annotations(t, "jsonl");
        assertThat(a).hasSize(1);
        // all three were approved after a look: the one accepted last (the third labeler's) is the reviewer's choice
        assertThat(a.get(0).get("result").get("topic").asString()).isEqualTo("정치");
        assertThat(a.get(0).get("labeler").asString()).isEqualTo(t.labelers().get(2).username());

        setConsensus(t, "MAJORITY");
        assertThat(annotations(t, "jsonl").get(0).get("result").get("topic").asString()).isEqualTo("경제");
        setConsensus(t, "NONE");
        assertThat(annotations(t, "jsonl")).hasSize(3);
        assertThat(t.manager().api().get("/api/v1/projects/" + t.projectId()).expect(200).json().get("consensus").isNull())
                .isTrue();
    }

    @Test
    void bestGoldTakesTheMostAccurateWorkersResult() {
        Team t = labelled(", \"consensus\": \"BEST_GOLD\"");
        // without gold answers every worker ties: the first submitter's result
        assertThat(annotations(t, "jsonl").get(0).get("labeler").asString()).isEqualTo(t.labelers().get(0).username());
    }

    @Test
    void anUnknownStrategyIsRefusedNamingTheField() {
        Team t = fx.team(1, "");
        String body = t.manager().api().patch("/api/v1/projects/" + t.projectId(), "{\"consensus\": \"VOTE\"}")
                .expect(422).text();
        assertThat(body).contains("consensus");
    }
}
