package org.labelcrew.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.stream.IntStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.labelcrew.support.Fixtures;
import org.labelcrew.support.Fixtures.Team;
import org.labelcrew.support.Fixtures.User;
import org.labelcrew.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The quality report's inspection section (issue 11) against hand-computed figures: an accepted and a returned lot
 * with their totals and semantic accuracy split by the samples it comes from; adaptive rates of a labeler with a
 * rejection beside a reliable one; the empty case (full review, no lots). And the labeler's notice of a returned lot
 * ({@code GET /me/returned-lots}), which lasts while their rejected work of the lot waits for rework.
 */
@IntegrationTest
class InspectionReportTest {

    @Autowired
    Fixtures fx;

    private static void submit(Team t, User labeler, int n) {
        for (int i = 0; i < n; i++) {
            long a = labeler.api().post("/api/v1/projects/" + t.projectId() + "/next-task", null).expect(200).json()
                    .get("assignmentId").asLong();
            labeler.api().post("/api/v1/assignments/" + a + "/submit", "{\"result\": {\"topic\": \"경제\"}}").expect(200);
        }
    }

    /** The reviewer takes the next work and decides; returns the assignment reviewed. */
    private static long review(Team t, boolean approve) {
        JsonNode item = t.reviewer().api().post("/api/v1/projects/" + t.projectId() + "/next-review", null).expect(200).json();
        t.reviewer().api().post("/api/v1/reviews/" + item.get("reviewId").asLong() + "/decision",
                approve ? "{\"verdict\": \"APPROVE\"}" : "{\"verdict\": \"REJECT\", \"reason\": \"정치 기사입니다\"}").expect(200);
        return item.get("assignmentId").asLong();
    }

    private static String lots(Team t) {
        return "/api/v1/projects/" + t.projectId() + "/lots";
    }

    private static JsonNode report(Team t) {
        return t.manager().api().get("/api/v1/projects/" + t.projectId() + "/quality/report").expect(200).json();
    }

    private static String pdfText(byte[] pdf) throws Exception {
        try (var doc = Loader.loadPDF(pdf)) {
            // spaces and line breaks as the PDF's text layer has them vary (the word gaps are not always U+0020):
            // compare letters, digits and a few signs only
            return new PDFTextStripper().getText(doc).replaceAll("[^\\p{L}\\p{N}().,%/]", "");
        }
    }

    @Test
    void anAcceptedAndAReturnedLotWithTheirTotalsAndTheLabelersNotice() throws Exception {
        Team t = fx.team(1, null);
        User labeler = t.labelers().get(0);
        fx.tasks(t.projectId(), IntStream.range(0, 21).mapToObj(i -> "기사 " + i).toArray(String[]::new));
        // One item reviewed outside any lot (FULL review): source REVIEW, 1 of 1 passed.
        submit(t, labeler, 1);
        review(t, true);

        // Lot A: 10 items at AQL 6.5 → letter B, ↑ to A: n 2, Ac 0, Re 1. Both sampled items approved → accepted.
        submit(t, labeler, 10);
        long lotA = t.manager().api().post(lots(t), "{\"aql\": 6.5}").expect(201).json().get("id").asLong();
        review(t, true);
        review(t, true);
        // Lot B: the next 10: the first sampled item rejected, the second approved → 1 defect ≥ Re 1 → returned.
        submit(t, labeler, 10);
        long lotB = t.manager().api().post(lots(t), "{\"aql\": 6.5}").expect(201).json().get("id").asLong();
        review(t, false);
        review(t, true);
        // One of the returned lot's other 8 items, reviewed in full: source LOT_RETURNED, 1 of 1 passed.
        review(t, true);

        JsonNode r = report(t);
        JsonNode in = r.get("quality").get("inspection");
        assertThat(in.get("mode").asString()).isEqualTo("FULL");
        assertThat(in.get("labelers")).isEmpty();
        JsonNode lotsJson = in.get("lots");
        assertThat(lotsJson).hasSize(2);
        JsonNode b = lotsJson.get(0);
        JsonNode a = lotsJson.get(1);
        assertThat(b.get("id").asLong()).as("newest first").isEqualTo(lotB);
        assertThat(a.get("id").asLong()).isEqualTo(lotA);
        for (JsonNode lot : new JsonNode[] {a, b}) {
            assertThat(lot.get("lotSize").asInt()).isEqualTo(10);
            assertThat(lot.get("codeLetter").asString()).isEqualTo("B");
            assertThat(lot.get("sampleSize").asInt()).isEqualTo(2);
            assertThat(lot.get("acceptNumber").asInt()).isZero();
            assertThat(lot.get("rejectNumber").asInt()).isEqualTo(1);
            assertThat(lot.get("inspected").asLong()).isEqualTo(2);
            assertThat(lot.get("createdAt").isNull()).isFalse();
            assertThat(lot.get("decidedAt").isNull()).isFalse();
        }
        assertThat(a.get("state").asString()).isEqualTo("ACCEPTED");
        assertThat(a.get("defects").asLong()).isZero();
        assertThat(b.get("state").asString()).isEqualTo("RETURNED");
        assertThat(b.get("defects").asLong()).isEqualTo(1);

        JsonNode totals = in.get("lotTotals");
        assertThat(totals.get("lots").asLong()).isEqualTo(2);
        assertThat(totals.get("accepted").asLong()).isEqualTo(1);
        assertThat(totals.get("returned").asLong()).isEqualTo(1);
        assertThat(totals.get("open").asLong()).isZero();
        assertThat(totals.get("items").asLong()).isEqualTo(20);
        assertThat(totals.get("itemsInAcceptedLots").asLong()).isEqualTo(10);
        assertThat(totals.get("itemsInReturnedLots").asLong()).isEqualTo(10);
        assertThat(totals.get("sampled").asLong()).isEqualTo(4);
        assertThat(totals.get("inspected").asLong()).isEqualTo(4);
        assertThat(totals.get("defects").asLong()).isEqualTo(1);

        // Semantic accuracy: 1 (review) + 4 (lot samples, 3 passed) + 1 (returned rest) = 6, 5 passed → 0.8333,
        // Wilson 95 % [0.4365, 0.9699] (by hand: p 5/6, z 1.96). The accepted lot's 8 auto-approved items are no
        // inspection.
        JsonNode sem = r.get("quality").get("semanticAccuracy");
        assertThat(sem.get("n").asLong()).isEqualTo(6);
        assertThat(sem.get("passed").asLong()).isEqualTo(5);
        assertThat(sem.get("estimate").asDouble()).isEqualTo(0.8333);
        assertThat(sem.get("low").asDouble()).isEqualTo(0.4365);
        assertThat(sem.get("high").asDouble()).isEqualTo(0.9699);
        assertThat(sem.get("reviewMode").asString()).isEqualTo("FULL");
        JsonNode sources = sem.get("sources");
        assertThat(sources).hasSize(3);
        assertThat(sources.get(0).toString()).isEqualTo("{\"source\":\"LOT_RETURNED\",\"inspected\":1,\"passed\":1}");
        assertThat(sources.get(1).toString()).isEqualTo("{\"source\":\"LOT_SAMPLE\",\"inspected\":4,\"passed\":3}");
        assertThat(sources.get(2).toString()).isEqualTo("{\"source\":\"REVIEW\",\"inspected\":1,\"passed\":1}");
        // GET /quality carries the same section.
        JsonNode q = t.manager().api().get("/api/v1/projects/" + t.projectId() + "/quality").expect(200).json();
        assertThat(q.get("inspection").get("lotTotals")).isEqualTo(totals);

        String base = "/api/v1/projects/" + t.projectId() + "/quality/report";
        String en = t.manager().api().get(base + "?format=html&lang=en").expect(200).text();
        assertThat(en).contains("Inspection and lots").contains("full review")
                .contains("2 lots: 1 accepted · 1 returned · 0 open. 10 items in returned lots, 10 in accepted lots. "
                        + "4 of 4 sampled items inspected, 1 defects.")
                .contains("#" + lotA).contains("#" + lotB).contains("returned").contains("accepted")
                .contains("lot samples (drawn at random)").contains("75.0% (3/4)");
        String ko = t.manager().api().get(base + "?format=html").expect(200).text();
        assertThat(ko).contains("검수 방식과 로트 검사").contains("로트 2개: 합격 1 · 불합격 1 · 검사 중 0. 불합격 로트의 작업 10건");
        String pdf = pdfText(t.manager().api().get(base + "?format=pdf").expect(200).body());
        assertThat(pdf).as("Korean in the PDF's text layer (the bundled font)").contains("검수방식과로트검사")
                .contains("불합격로트의작업10건").contains("로트표본(무작위추출)4");

        // The labeler is told: lot B was returned, 1 of their 10 items in it is to be reworked.
        JsonNode notices = labeler.api().get("/api/v1/me/returned-lots").expect(200).json();
        assertThat(notices).hasSize(1);
        assertThat(notices.get(0).get("projectId").asLong()).isEqualTo(t.projectId());
        assertThat(notices.get(0).get("lotId").asLong()).isEqualTo(lotB);
        assertThat(notices.get(0).get("code").asString()).isEqualTo("lot.returned");
        assertThat(notices.get(0).get("params").get("lot").asLong()).isEqualTo(lotB);
        assertThat(notices.get(0).get("params").get("n").asLong()).isEqualTo(1);
        assertThat(notices.get(0).get("params").get("items").asLong()).isEqualTo(10);
        assertThat(t.reviewer().api().get("/api/v1/me/returned-lots").expect(200).json()).isEmpty();
        assertThat(t.manager().api().get("/api/v1/me/returned-lots").expect(200).json()).isEmpty();
        // Taken up again for rework, it no longer waits: the notice goes.
        labeler.api().post("/api/v1/projects/" + t.projectId() + "/next-task", null).expect(200);
        assertThat(labeler.api().get("/api/v1/me/returned-lots").expect(200).json()).isEmpty();
        assertThat(new String(t.manager().api().get(base + "?format=pdf").expect(200).body(), 0, 5,
                StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
    }

    @Test
    void adaptiveRatesOfALabelerWithARejectionAndOfAReliableOne() {
        Team t = fx.team(2, """
                "review": {"mode": "ADAPTIVE", "sampleRate": 0.3, "minRate": 0.1, "maxRate": 1.0, "window": 4}""");
        fx.tasks(t.projectId(), IntStream.range(0, 8).mapToObj(i -> "기사 " + i).toArray(String[]::new));
        User careless = t.labelers().get(0);
        User reliable = t.labelers().get(1);
        // New labelers are drawn at the maximum (1.0): all 8 submissions wait for review.
        submit(t, careless, 4);
        submit(t, reliable, 4);
        boolean rejected = false;
        for (int i = 0; i < 8; i++) {
            JsonNode item = t.reviewer().api().post("/api/v1/projects/" + t.projectId() + "/next-review", null).expect(200).json();
            long labelerId = fx.jdbc().sql("SELECT labeler_id FROM assignment WHERE id = :a")
                    .param("a", item.get("assignmentId").asLong()).query(Long.class).single();
            boolean reject = !rejected && labelerId == careless.id();
            rejected |= reject;
            t.reviewer().api().post("/api/v1/reviews/" + item.get("reviewId").asLong() + "/decision",
                    reject ? "{\"verdict\": \"REJECT\", \"reason\": \"정치 기사입니다\"}" : "{\"verdict\": \"APPROVE\"}").expect(200);
        }

        JsonNode r = report(t);
        JsonNode in = r.get("quality").get("inspection");
        assertThat(in.get("mode").asString()).isEqualTo("ADAPTIVE");
        assertThat(in.get("sampleRate").asDouble()).isEqualTo(0.3);
        assertThat(in.get("minRate").asDouble()).isEqualTo(0.1);
        assertThat(in.get("maxRate").asDouble()).isEqualTo(1.0);
        assertThat(in.get("window").asInt()).isEqualTo(4);
        assertThat(in.get("labelers")).hasSize(2);
        JsonNode c = in.get("labelers").get(careless.id() < reliable.id() ? 0 : 1);
        JsonNode g = in.get("labelers").get(careless.id() < reliable.id() ? 1 : 0);
        // Careless: 1 defect in 4 → e 0.25 ≥ 2 × 0.05 → the maximum; c = 4/4 = 1 → rate 1.0.
        assertThat(c.get("accountId").asLong()).isEqualTo(careless.id());
        assertThat(c.get("inspected").asLong()).isEqualTo(4);
        assertThat(c.get("defects").asLong()).isEqualTo(1);
        assertThat(c.get("rejectionRate").asDouble()).isEqualTo(0.25);
        assertThat(c.get("goldAnswers").asLong()).isZero();
        assertThat(c.get("confidence").asDouble()).isEqualTo(1.0);
        assertThat(c.get("rate").asDouble()).isEqualTo(1.0);
        // Reliable: 0 defects in 4 → e 0 → the minimum; c = 1 → rate 0.1.
        assertThat(g.get("accountId").asLong()).isEqualTo(reliable.id());
        assertThat(g.get("inspected").asLong()).isEqualTo(4);
        assertThat(g.get("defects").asLong()).isZero();
        assertThat(g.get("rejectionRate").asDouble()).isEqualTo(0.0);
        assertThat(g.get("rate").asDouble()).isEqualTo(0.1);
        assertThat(in.get("lots")).isEmpty();
        JsonNode sem = r.get("quality").get("semanticAccuracy");
        assertThat(sem.get("reviewMode").asString()).isEqualTo("ADAPTIVE");
        assertThat(sem.get("sources")).hasSize(1);
        assertThat(sem.get("sources").get(0).toString()).isEqualTo("{\"source\":\"REVIEW\",\"inspected\":8,\"passed\":7}");

        String en = t.manager().api().get("/api/v1/projects/" + t.projectId() + "/quality/report?format=html&lang=en")
                .expect(200).text();
        assertThat(en).contains("adaptive review · minimum 10.0% · base 30.0% · maximum 100.0% · over the last 4")
                .contains("Review rate per labeler (adaptive)").contains("25.0% (1/4)").contains("no lots");
    }

    @Test
    void fullReviewWithoutLotsReportsAnEmptySection() {
        Team t = fx.team(1, null);
        JsonNode r = report(t);
        JsonNode in = r.get("quality").get("inspection");
        assertThat(in.get("mode").asString()).isEqualTo("FULL");
        assertThat(in.get("labelers")).isEmpty();
        assertThat(in.get("lots")).isEmpty();
        assertThat(in.get("lotTotals").toString()).isEqualTo("{\"lots\":0,\"open\":0,\"accepted\":0,\"returned\":0,\"items\":0,"
                + "\"itemsInAcceptedLots\":0,\"itemsInReturnedLots\":0,\"sampled\":0,\"inspected\":0,\"defects\":0}");
        JsonNode sem = r.get("quality").get("semanticAccuracy");
        assertThat(sem.get("n").asLong()).isZero();
        assertThat(sem.get("estimate").isNull()).isTrue();
        assertThat(sem.get("sources")).isEmpty();
        assertThat(t.labelers().get(0).api().get("/api/v1/me/returned-lots").expect(200).json()).isEmpty();
        String ko = t.manager().api().get("/api/v1/projects/" + t.projectId() + "/quality/report?format=html").expect(200).text();
        assertThat(ko).contains("검수 방식과 로트 검사").contains("전수 검수").contains("로트가 없습니다");
    }
}
