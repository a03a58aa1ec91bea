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

    /**
     * Per-modality distributions by hand: three images (two 640×480, one 1024×768) boxed by two labelers, and two
     * audio clips (2.4 s, 7.6 s) segmented with transcripts by the same two.
     */
    @Test
    void distributionsPerModality() {
        User manager = fx.user("mgr", org.labelcrew.account.Role.MANAGER);
        long images = fx.project(manager, """
                {"fields": [{"name": "obj", "type": "boxes", "labels": ["car", "person"]}]}""", "\"overlap\": 2")
                .get("id").asLong();
        long audio = fx.project(manager, """
                {"fields": [{"name": "talk", "type": "segments", "labels": ["A"], "transcript": true}]}""", "\"overlap\": 2")
                .get("id").asLong();
        User a = fx.user("lab", org.labelcrew.account.Role.LABELER);
        User b = fx.user("lab", org.labelcrew.account.Role.LABELER);
        for (long p : List.of(images, audio)) {
            fx.member(manager, p, a, "LABELER");
            fx.member(manager, p, b, "LABELER");
        }
        List<Long> pictures = new java.util.ArrayList<>();
        for (String data : List.of("{\"image\": 1, \"width\": 640, \"height\": 480}", "{\"image\": 2, \"width\": 640, \"height\": 480}",
                "{\"image\": 3, \"width\": 1024, \"height\": 768}")) {
            pictures.add(insert(images, data));
        }
        List<Long> clips = List.of(insert(audio, "{\"audio\": 4, \"duration\": 2.4}"), insert(audio, "{\"audio\": 5, \"duration\": 7.6}"));
        String car = "{\"x\": 1, \"y\": 1, \"w\": 10, \"h\": 10, \"label\": \"car\"}";
        String person = "{\"x\": 100, \"y\": 100, \"w\": 10, \"h\": 10, \"label\": \"person\"}";
        // a: 1, 2, 0 boxes; b: 1, 1, 1 boxes → objects per image 0 1 1 1 1 2
        submitAll(images, a, pictures, List.of("[" + car + "]", "[" + car + "," + person + "]", "[]"), "obj");
        submitAll(images, b, pictures, List.of("[" + car + "]", "[" + person + "]", "[" + car + "]"), "obj");
        String seg1 = "{\"start\": 0.1, \"end\": 1.0, \"label\": \"A\", \"transcript\": \"안녕하세요\"}";
        String seg2 = "{\"start\": 1.2, \"end\": 2.0, \"label\": \"A\", \"transcript\": \"  네 \"}";
        // transcripts: 안녕하세요 (5) ×3, 네 (1) ×2; segments per audio: a 2, 1; b 1, 1
        submitAll(audio, a, clips, List.of("[" + seg1 + "," + seg2 + "]", "[" + seg1 + "]"), "talk");
        submitAll(audio, b, clips, List.of("[" + seg2 + "]", "[" + seg1 + "]"), "talk");

        JsonNode d = manager.api().get("/api/v1/projects/" + images + "/quality/report").expect(200).json().get("distributions");
        assertThat(d.get("imageSizes").toString()).isEqualTo("{\"640×480\":2,\"1024×768\":1}");
        JsonNode objects = d.get("modalities").get("objectsPerImage");
        assertThat(objects.get("n").asLong()).isEqualTo(6);
        assertThat(objects.get("min").asLong()).isZero();
        assertThat(objects.get("max").asLong()).isEqualTo(2);
        assertThat(objects.get("mean").asDouble()).isCloseTo(1.0, within(1e-4));
        assertThat(objects.get("histogram").toString()).isEqualTo(
                "[{\"from\":0,\"to\":1,\"count\":1},{\"from\":1,\"to\":2,\"count\":4},{\"from\":2,\"to\":3,\"count\":1}]");
        assertThat(d.get("labels").get("obj").toString()).isEqualTo("{\"car\":4,\"person\":2}");
        assertThat(d.get("modalities").has("audioSeconds")).isFalse();
        // agreement of the boxes: one match on image 1 (sizes 1 + 1), one on image 2 (2 + 1), none on image 3 (0 + 1):
        // 2·(1 + 1 + 0) / (2 + 3 + 1)
        JsonNode obj = manager.api().get("/api/v1/projects/" + images + "/quality").expect(200).json().get("agreement").get(0);
        assertThat(obj.get("measured").asBoolean()).isTrue();
        assertThat(obj.get("items").asLong()).isEqualTo(3);
        assertThat(obj.get("measures").get("objectF1").asDouble()).isCloseTo(4 / 6.0, within(1e-4));

        JsonNode r = manager.api().get("/api/v1/projects/" + audio + "/quality/report").expect(200).json();
        JsonNode m = r.get("distributions").get("modalities");
        assertThat(m.get("audioSeconds").get("n").asLong()).isEqualTo(2);
        assertThat(m.get("audioSeconds").get("min").asLong()).isEqualTo(2);
        assertThat(m.get("audioSeconds").get("max").asLong()).isEqualTo(8);
        assertThat(m.get("segmentsPerAudio").get("mean").asDouble()).isCloseTo(1.25, within(1e-4));
        assertThat(m.get("transcriptLength").get("n").asLong()).isEqualTo(5);
        assertThat(m.get("transcriptLength").get("mean").asDouble()).isCloseTo(17 / 5.0, within(1e-4));
        assertThat(r.get("distributions").get("imageSizes")).isEmpty();

        String base = "/api/v1/projects/" + images + "/quality/report";
        assertThat(manager.api().get(base + "?format=html").expect(200).text())
                .contains("이미지 크기 (가로×세로 픽셀)").contains("640×480").contains("이미지당 객체 수");
        assertThat(manager.api().get("/api/v1/projects/" + audio + "/quality/report?format=html&lang=en").expect(200).text())
                .contains("Audio duration (seconds)").contains("Segments per audio").contains("Transcript length (characters)");
        var pdf = manager.api().get(base + "?format=pdf");
        pdf.expect(200);
        assertThat(new String(pdf.body(), 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
    }

    private long insert(long projectId, String data) {
        return fx.jdbc().sql("INSERT INTO task (project_id, data) VALUES (:p, :d::jsonb) RETURNING id").param("p", projectId)
                .param("d", data).query(Long.class).single();
    }

    /** Submits, for each task the labeler is given, {@code values[i]} as {@code field} where the task is {@code tasks[i]}. */
    private static void submitAll(long projectId, User labeler, List<Long> tasks, List<String> values, String field) {
        for (int i = 0; i < values.size(); i++) {
            JsonNode lease = labeler.api().post("/api/v1/projects/" + projectId + "/next-task", null).expect(200).json();
            String value = values.get(tasks.indexOf(lease.get("taskId").asLong()));
            labeler.api().post("/api/v1/assignments/" + lease.get("assignmentId").asLong() + "/submit",
                    "{\"result\": {\"" + field + "\": " + value + "}}").expect(200);
        }
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
