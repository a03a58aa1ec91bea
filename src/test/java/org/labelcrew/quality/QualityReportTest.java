package org.labelcrew.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.labelcrew.support.Fixtures;
import org.labelcrew.support.Fixtures.Team;
import org.labelcrew.support.Fixtures.User;
import org.labelcrew.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * GET /projects/{id}/quality and /quality/report against the real database: agreement between two labelers, syntactic
 * accuracy after a stored result stops matching the schema, semantic accuracy with its Wilson interval from the
 * reviewer's decisions, and the same report as JSON, HTML (Korean and English) and PDF.
 */
@IntegrationTest
class QualityReportTest {

    @Autowired
    Fixtures fx;

    /** Two labelers on four tasks (overlap 2): A 경제 경제 정치 사회, B 경제 정치 정치 사회; 7 approved, 1 rejected. */
    private Team labelled() {
        Team t = fx.team(2, "\"overlap\": 2");
        List<Long> ids = fx.tasks(t.projectId(), "가", "나", "다", "라");
        Map<Long, String> a = Map.of(ids.get(0), "경제", ids.get(1), "경제", ids.get(2), "정치", ids.get(3), "사회");
        Map<Long, String> b = Map.of(ids.get(0), "경제", ids.get(1), "정치", ids.get(2), "정치", ids.get(3), "사회");
        label(t, t.labelers().get(0), a);
        label(t, t.labelers().get(1), b);
        for (int i = 0; i < 8; i++) {
            JsonNode review = t.reviewer().api().post("/api/v1/projects/" + t.projectId() + "/next-review", null)
                    .expect(200).json();
            long id = review.get("reviewId").asLong();
            String verdict = i == 0 ? "{\"verdict\": \"REJECT\", \"reason\": \"경제 기사입니다\"}" : "{\"verdict\": \"APPROVE\"}";
            t.reviewer().api().post("/api/v1/reviews/" + id + "/decision", verdict).expect(200);
        }
        return t;
    }

    private static void label(Team t, User labeler, Map<Long, String> topics) {
        for (int i = 0; i < topics.size(); i++) {
            JsonNode lease = labeler.api().post("/api/v1/projects/" + t.projectId() + "/next-task", null).expect(200).json();
            String topic = topics.get(lease.get("taskId").asLong());
            labeler.api().post("/api/v1/assignments/" + lease.get("assignmentId").asLong() + "/submit",
                    "{\"result\": {\"topic\": \"" + topic + "\"}}").expect(200);
        }
    }

    @Test
    void qualityCarriesAgreementSyntacticAndSemanticAccuracy() {
        Team t = labelled();
        // One stored result no longer matches the schema (as after an option was withdrawn): re-validated now.
        fx.jdbc().sql("""
                UPDATE annotation SET result = '{"topic": "스포츠"}'
                WHERE id = (SELECT n.id FROM annotation n JOIN task k ON k.id = n.task_id
                            WHERE k.project_id = :p ORDER BY n.id LIMIT 1)""").param("p", t.projectId()).update();
        JsonNode q = t.manager().api().get("/api/v1/projects/" + t.projectId() + "/quality").expect(200).json();

        JsonNode syn = q.get("syntacticAccuracy");
        assertThat(syn.get("checked").asLong()).isEqualTo(8);
        assertThat(syn.get("valid").asLong()).isEqualTo(7);
        assertThat(syn.get("rate").asDouble()).isEqualTo(0.875);
        assertThat(syn.get("target").asDouble()).isEqualTo(0.995);
        assertThat(syn.get("invalid")).singleElement().satisfies(i -> assertThat(i.get("field").asString()).isEqualTo("result.topic"));

        // First decisions: 7 approved of 8. Wilson 95 %: 0.5291 .. 0.9776.
        JsonNode sem = q.get("semanticAccuracy");
        assertThat(sem.get("n").asLong()).isEqualTo(8);
        assertThat(sem.get("estimate").asDouble()).isEqualTo(0.875);
        assertThat(sem.get("low").asDouble()).isCloseTo(0.5291, within(1e-3));
        assertThat(sem.get("high").asDouble()).isCloseTo(0.9776, within(1e-3));
        assertThat(sem.get("target").asDouble()).isEqualTo(0.9);

        JsonNode topic = q.get("agreement").get(0);
        assertThat(topic.get("field").asString()).isEqualTo("topic");
        assertThat(topic.get("items").asLong()).isEqualTo(4);
        assertThat(topic.get("workers").asInt()).isEqualTo(2);
        assertThat(topic.get("perPair")).hasSize(1);
        assertThat(topic.get("perPair").get(0).get("items").asLong()).isEqualTo(4);
        // The tampered answer (스포츠) is a category of its own now; agreement is over what is stored.
        assertThat(topic.get("measures").has("cohenKappa")).isTrue();
        assertThat(q.get("gold").get("answers").asLong()).isZero();
    }

    @Test
    void reportAsJsonHtmlAndPdf() {
        Team t = labelled();
        String base = "/api/v1/projects/" + t.projectId() + "/quality/report";
        JsonNode r = t.manager().api().get(base + "?format=json").expect(200).json();
        // Cohen's κ by hand: p_o 3/4; A 경제 2 정치 1 사회 1, B 경제 1 정치 2 사회 1 → p_e 5/16; κ = 7/11.
        JsonNode topic = r.get("quality").get("agreement").get(0);
        assertThat(topic.get("measures").get("cohenKappa").asDouble()).isCloseTo(7 / 11.0, within(1e-4));
        assertThat(topic.get("measures").get("observedAgreement").asDouble()).isEqualTo(0.75);
        JsonNode labels = r.get("distributions").get("labels").get("topic");
        assertThat(labels.get("경제").asLong()).isEqualTo(3);
        assertThat(labels.get("정치").asLong()).isEqualTo(3);
        assertThat(labels.get("사회").asLong()).isEqualTo(2);
        assertThat(r.get("distributions").get("modalities").get("text").get("n").asLong()).isEqualTo(4);
        assertThat(r.get("rejectionReasons")).singleElement().satisfies(c -> {
            assertThat(c.get("reason").asString()).isEqualTo("경제 기사입니다");
            assertThat(c.get("count").asLong()).isEqualTo(1);
        });
        assertThat(r.get("workers")).hasSize(2);
        long inspected = 0;
        for (JsonNode w : r.get("workers")) {
            assertThat(w.get("submitted").asLong()).isEqualTo(4);
            inspected += w.get("inspected").asLong();
        }
        assertThat(inspected).isEqualTo(8);
        assertThat(r.get("throughput")).isNotEmpty();

        var html = t.manager().api().get(base + "?format=html");
        html.expect(200);
        assertThat(html.contentType()).startsWith("text/html");
        assertThat(html.text()).contains("데이터셋 품질 보고서").contains("구문 정확성").contains("경제 기사입니다");
        assertThat(t.manager().api().get(base + "?format=html&lang=en").expect(200).text())
                .contains("Dataset quality report").contains("Semantic accuracy");

        var pdf = t.manager().api().get(base + "?format=pdf");
        pdf.expect(200);
        assertThat(pdf.contentType()).startsWith("application/pdf");
        assertThat(new String(pdf.body(), 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");

        JsonNode bad = t.manager().api().get(base + "?format=xml").expect(422).json();
        assertThat(bad.toString()).contains("format");
        t.labelers().get(0).api().get(base).expect(403);
        t.reviewer().api().get(base).expect(403);
    }

    @Test
    void consensusMergesTheApprovedResults() {
        Team t = labelled();
        String base = "/api/v1/projects/" + t.projectId() + "/quality/consensus";
        // One of the 8 results was rejected: 4 tasks, 3 with both results approved. 정치/사회 tasks agree.
        JsonNode c = t.manager().api().get(base).expect(200).json();
        assertThat(c.get("strategy").asString()).isEqualTo("MAJORITY");
        assertThat(c.get("tasks").asLong()).isEqualTo(4);
        assertThat(c.get("items")).hasSize(4);
        long disagreeing = 0;
        for (JsonNode item : c.get("items")) {
            if (!item.get("unanimous").asBoolean()) disagreeing++;
            assertThat(item.get("result").has("topic")).isTrue();
        }
        // task 2 (경제 vs 정치) disagrees when both are approved; the others agree or have one approved result
        assertThat(disagreeing).isLessThanOrEqualTo(1);
        assertThat(c.get("unanimous").asLong()).isEqualTo(4 - disagreeing);
        assertThat(t.manager().api().get(base + "?strategy=REVIEWER&limit=1").expect(200).json().get("items")).hasSize(1);
        assertThat(t.manager().api().get(base + "?strategy=nope").expect(422).json().toString()).contains("strategy");
        t.labelers().get(0).api().get(base).expect(403);
    }

    @Test
    void anEmptyProjectHasNullsNotZeros() {
        Team t = fx.team(1, "");
        JsonNode q = t.manager().api().get("/api/v1/projects/" + t.projectId() + "/quality").expect(200).json();
        assertThat(q.get("syntacticAccuracy").get("rate").isNull()).isTrue();
        assertThat(q.get("syntacticAccuracy").get("checked").asLong()).isZero();
        assertThat(q.get("semanticAccuracy").get("estimate").isNull()).isTrue();
        assertThat(q.get("semanticAccuracy").get("n").asLong()).isZero();
        assertThat(q.get("agreement").get(0).get("items").asLong()).isZero();
        assertThat(q.get("agreement").get(0).get("measures")).isEmpty();
        t.manager().api().get("/api/v1/projects/" + t.projectId() + "/quality/report?format=pdf").expect(200);
    }
}
