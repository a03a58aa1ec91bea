package org.labelcrew.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.labelcrew.support.Fixtures;
import org.labelcrew.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Acceptance sampling of a lot against the real database: the plan from the lot size (10 items at AQL 6.5: letter
 * B, whose cell is an arrow up to A — n 2, Ac 0, Re 1), the sample first in the review queue, the server's decision
 * when the sample is done (accept: the rest approved; return: the rest stays for full review), and a manager's
 * decision instead, with a reason.
 */
@IntegrationTest
class LotsTest {

    @Autowired
    Fixtures fx;

    private Fixtures.Team teamWithSubmittedWork(int items) {
        Fixtures.Team team = fx.team(1, "");
        fx.tasks(team.projectId(), IntStream.range(0, items).mapToObj(i -> "기사 " + i).toArray(String[]::new));
        Fixtures.User labeler = team.labelers().get(0);
        for (int i = 0; i < items; i++) {
            long a = labeler.api().post("/api/v1/projects/" + team.projectId() + "/next-task", null).expect(200).json()
                    .get("assignmentId").asLong();
            labeler.api().post("/api/v1/assignments/" + a + "/submit", "{\"result\": {\"topic\": \"경제\"}}").expect(200);
        }
        return team;
    }

    private static String lots(Fixtures.Team t) {
        return "/api/v1/projects/" + t.projectId() + "/lots";
    }

    private List<Long> sampled(long lotId) {
        return fx.jdbc().sql("SELECT assignment_id FROM inspection_lot_item WHERE lot_id = :l AND sampled ORDER BY 1")
                .param("l", lotId).query(Long.class).list();
    }

    private long inState(long projectId, String state) {
        return fx.jdbc().sql("SELECT count(*) FROM assignment WHERE project_id = :p AND state = :s")
                .param("p", projectId).param("s", state).query(Long.class).single();
    }

    /** The reviewer takes the next work and decides; returns the assignment reviewed. */
    private static long review(Fixtures.Team t, String verdictJson) {
        JsonNode item = t.reviewer().api().post("/api/v1/projects/" + t.projectId() + "/next-review", null).expect(200).json();
        t.reviewer().api().post("/api/v1/reviews/" + item.get("reviewId").asLong() + "/decision", verdictJson).expect(200);
        return item.get("assignmentId").asLong();
    }

    @Test
    void aCleanSampleAcceptsTheLotAndApprovesTheRest() {
        Fixtures.Team t = teamWithSubmittedWork(10);
        JsonNode lot = t.manager().api().post(lots(t), "{\"aql\": 6.5}").expect(201).json();
        assertThat(lot.get("lotSize").asInt()).isEqualTo(10);
        assertThat(lot.get("codeLetter").asString()).isEqualTo("B");
        assertThat(lot.get("sampleSize").asInt()).isEqualTo(2);
        assertThat(lot.get("acceptNumber").asInt()).isEqualTo(0);
        assertThat(lot.get("rejectNumber").asInt()).isEqualTo(1);
        assertThat(lot.get("state").asString()).isEqualTo("INSPECTING");
        long lotId = lot.get("id").asLong();
        List<Long> sample = sampled(lotId);
        assertThat(sample).hasSize(2);

        // The sample comes first in the review queue, whichever items were drawn.
        long first = review(t, "{\"verdict\": \"APPROVE\"}");
        assertThat(sample).contains(first);
        assertThat(t.manager().api().get(lots(t) + "/" + lotId).expect(200).json().get("inspected").asLong()).isEqualTo(1);
        long second = review(t, "{\"verdict\": \"APPROVE\"}");
        assertThat(sample).contains(second);

        JsonNode done = t.manager().api().get(lots(t) + "/" + lotId).expect(200).json();
        assertThat(done.get("state").asString()).isEqualTo("ACCEPTED");
        assertThat(done.get("defects").asLong()).isZero();
        assertThat(done.get("decidedBy").isNull()).as("the server decided").isTrue();
        assertThat(inState(t.projectId(), "APPROVED")).isEqualTo(10);
        assertThat(fx.jdbc().sql("SELECT count(*) FROM review WHERE project_id = :p AND verdict = 'AUTO_APPROVE' AND reason LIKE 'lot %'")
                .param("p", t.projectId()).query(Long.class).single()).isEqualTo(8);
        // Nothing is left to put in a new lot.
        t.manager().api().post(lots(t), "{\"aql\": 6.5}").expect(422);
        assertThat(t.manager().api().get(lots(t)).expect(200).json()).hasSize(1);
    }

    @Test
    void aDefectInTheSampleReturnsTheLotToFullReview() {
        Fixtures.Team t = teamWithSubmittedWork(10);
        long lotId = t.manager().api().post(lots(t), "{\"aql\": 6.5}").expect(201).json().get("id").asLong();
        // A rejection needs a reason, and a decided review cannot be decided again: both coded for the browser.
        JsonNode item = t.reviewer().api().post("/api/v1/projects/" + t.projectId() + "/next-review", null).expect(200).json();
        String decision = "/api/v1/reviews/" + item.get("reviewId").asLong() + "/decision";
        JsonNode noReason = t.reviewer().api().post(decision, "{\"verdict\": \"REJECT\"}").expect(422).json();
        assertThat(noReason.get("errors").get(0).get("field").asString()).isEqualTo("reason");
        assertThat(noReason.get("errors").get(0).get("code").asString()).isEqualTo("review.reasonToReject");
        JsonNode badVerdict = t.reviewer().api().post(decision, "{\"verdict\": \"MAYBE\"}").expect(400).json();
        assertThat(badVerdict.get("errors").get(0).get("code").asString()).isEqualTo("value.oneOf");
        assertThat(badVerdict.get("errors").get(0).get("params").get("allowed").toString()).contains("REJECT");
        t.reviewer().api().post(decision, "{\"verdict\": \"REJECT\", \"reason\": \"정치 기사입니다\"}").expect(200);
        JsonNode twice = t.reviewer().api().post(decision, "{\"verdict\": \"APPROVE\"}").expect(409).json();
        assertThat(twice.get("code").asString()).isEqualTo("review.alreadyDecided");
        assertThat(twice.get("params").get("verdict").asString()).isEqualTo("REJECT");
        assertThat(twice.get("params").get("reviewId").asLong()).isEqualTo(item.get("reviewId").asLong());
        assertThat(t.manager().api().get(lots(t) + "/" + lotId).expect(200).json().get("state").asString())
                .as("one of two inspected").isEqualTo("INSPECTING");
        review(t, "{\"verdict\": \"APPROVE\"}");
        JsonNode done = t.manager().api().get(lots(t) + "/" + lotId).expect(200).json();
        assertThat(done.get("state").asString()).isEqualTo("RETURNED");
        assertThat(done.get("defects").asLong()).isEqualTo(1);
        // The other eight wait for full review; the rejected one went back to its labeler.
        assertThat(inState(t.projectId(), "SUBMITTED")).isEqualTo(8);
        assertThat(inState(t.projectId(), "REJECTED")).isEqualTo(1);
        review(t, "{\"verdict\": \"APPROVE\"}");
        assertThat(inState(t.projectId(), "SUBMITTED")).isEqualTo(7);
    }

    @Test
    void aManagerMayDecideInsteadWithAReason() {
        Fixtures.Team t = teamWithSubmittedWork(3);
        // 3 items at AQL 1.0: letter A, ↓ to E's n 13 — more than the lot: every item is inspected.
        JsonNode lot = t.manager().api().post(lots(t), "{\"aql\": 1.0}").expect(201).json();
        assertThat(lot.get("sampleSize").asInt()).isEqualTo(3);
        long lotId = lot.get("id").asLong();
        JsonNode bad = t.manager().api().post(lots(t) + "/" + lotId + "/decision", "{\"decision\": \"ACCEPT\"}").expect(422).json();
        assertThat(bad.toString()).contains("reason");
        assertThat(bad.get("errors").get(0).get("code").asString()).isEqualTo("lot.reasonRequired");
        t.manager().api().post(lots(t) + "/" + lotId + "/decision", "{\"decision\": \"MAYBE\", \"reason\": \"x\"}").expect(422);
        JsonNode decided = t.manager().api().post(lots(t) + "/" + lotId + "/decision",
                "{\"decision\": \"RETURN\", \"reason\": \"납품 일정 변경\"}").expect(200).json();
        assertThat(decided.get("state").asString()).isEqualTo("RETURNED");
        assertThat(decided.get("decidedBy").asLong()).isEqualTo(t.manager().id());
        assertThat(decided.get("reason").asString()).isEqualTo("납품 일정 변경");
        JsonNode again = t.manager().api().post(lots(t) + "/" + lotId + "/decision", "{\"decision\": \"ACCEPT\", \"reason\": \"x\"}")
                .expect(409).json();
        assertThat(again.get("code").asString()).isEqualTo("lot.alreadyDecided");
        assertThat(again.get("params").get("state").asString()).isEqualTo("RETURNED");
        // Refused: an AQL off the series, and a lot for someone who does not manage the project.
        JsonNode offSeries = t.manager().api().post(lots(t), "{\"aql\": 3.0}").expect(422).json();
        assertThat(offSeries.get("errors").get(0).get("code").asString()).isEqualTo("value.oneOf");
        t.reviewer().api().get(lots(t)).expect(403);
        assertThat(inState(t.projectId(), "SUBMITTED")).as("a returned lot changes no work").isEqualTo(3);
    }
}
