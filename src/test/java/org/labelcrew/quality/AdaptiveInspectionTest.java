package org.labelcrew.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.labelcrew.review.InspectionRates;
import org.labelcrew.review.InspectionRates.Evidence;
import org.labelcrew.review.InspectionRates.Policy;
import org.labelcrew.support.Fixtures;
import org.labelcrew.support.IntegrationTest;
import org.labelcrew.task.ReviewDraw;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Review mode ADAPTIVE: each labeler's draw rate from their last inspections and gold answers (hand-computed), the
 * rate in force shown on the quality page, and the draw that uses it (a hash of the assignment and version, so the
 * test knows which submissions a rate draws).
 */
@IntegrationTest
class AdaptiveInspectionTest {

    @Autowired
    Fixtures fx;

    static double rate(Policy p, long inspected, long defects, long gold, Double goldMean) {
        return InspectionRates.rate(1, "x", p, new Evidence(inspected, defects, gold, goldMean)).rate();
    }

    @Test
    void theFormulaByHand() {
        Policy p = new Policy(0.1, 0.3, 1.0, 10);
        // A new labeler: no evidence, confidence 0 → the maximum.
        assertThat(rate(p, 0, 0, 0, null)).isEqualTo(1.0);
        // 10 clean inspections: e = 0, c = 1 → min.
        assertThat(rate(p, 10, 0, 0, null)).isEqualTo(0.1);
        // 5 clean inspections: c = 0.5 → 0.5·0.1 + 0.5·1.0 = 0.55.
        assertThat(rate(p, 5, 0, 0, null)).isEqualTo(0.55);
        // 2 clean inspections: c = 0.2 → 0.2·0.1 + 0.8·1.0 = 0.82.
        assertThat(rate(p, 2, 0, 0, null)).isEqualTo(0.82);
        // 1 defect in 20 (e = 0.05 = TOLERANCE) → the base rate.
        assertThat(rate(p, 20, 1, 0, null)).isEqualTo(0.3);
        // 1 defect in 10 (e = 0.10 = 2·TOLERANCE) → max.
        assertThat(rate(p, 10, 1, 0, null)).isEqualTo(1.0);
        // 10 gold answers, mean 0.97: e = 0.03 → 0.1 + (0.3 − 0.1)·0.03/0.05 = 0.22.
        assertThat(rate(p, 0, 0, 10, 0.97)).isEqualTo(0.22);
        // 8 clean inspections and 2 gold answers of mean 0.925: e = max(0, 0.075) → 0.3 + (1 − 0.3)·0.025/0.05 = 0.65.
        assertThat(rate(p, 8, 0, 2, 0.925)).isEqualTo(0.65);
        // The worse of the two counts: 10 clean inspections, but gold mean 0.5 → max.
        assertThat(rate(p, 10, 0, 10, 0.5)).isEqualTo(1.0);
        InspectionRates.Rate r = InspectionRates.rate(7, "lee", p, new Evidence(5, 1, 0, null));
        // e = 0.2 → raw max; c = 0.5 → 1.0; the figures behind it are reported.
        assertThat(r.rejectionRate()).isEqualTo(0.2);
        assertThat(r.confidence()).isEqualTo(0.5);
        assertThat(r.goldError()).isNull();
        assertThat(r.rate()).isEqualTo(1.0);
    }

    @Test
    void aNewLabelerIsDrawnAtTheMaximumAndAReliableOneAtTheirOwnRate() {
        Fixtures.Team team = fx.team(1, """
                "review": {"mode": "ADAPTIVE", "sampleRate": 0.3, "minRate": 0.1, "maxRate": 1.0, "window": 4}""");
        long projectId = team.projectId();
        JsonNode project = team.manager().api().get("/api/v1/projects/" + projectId).expect(200).json();
        assertThat(project.get("review").get("mode").asString()).isEqualTo("ADAPTIVE");
        assertThat(project.get("review").get("minRate").asDouble()).isEqualTo(0.1);
        assertThat(project.get("review").get("window").asInt()).isEqualTo(4);
        fx.tasks(projectId, IntStream.range(0, 16).mapToObj(i -> "기사 " + i).toArray(String[]::new));
        Fixtures.User labeler = team.labelers().get(0);

        // New: rate 1 → every submission is drawn while nothing is inspected yet.
        for (int i = 0; i < 4; i++) assertThat(submit(projectId, labeler)[1]).isEqualTo("SUBMITTED");
        JsonNode rates = quality(team).get("inspection");
        assertThat(rates.get("mode").asString()).isEqualTo("ADAPTIVE");
        assertThat(rates.get("labelers").get(0).get("rate").asDouble()).isEqualTo(1.0);

        // The reviewer approves all four: 4 clean inspections in a window of 4 → c = 1, e = 0 → the minimum, 0.1.
        for (int i = 0; i < 4; i++) {
            JsonNode item = team.reviewer().api().post("/api/v1/projects/" + projectId + "/next-review", null).expect(200).json();
            team.reviewer().api().post("/api/v1/reviews/" + item.get("reviewId").asLong() + "/decision",
                    "{\"verdict\": \"APPROVE\"}").expect(200);
        }
        JsonNode mine = quality(team).get("inspection").get("labelers").get(0);
        assertThat(mine.get("accountId").asLong()).isEqualTo(labeler.id());
        assertThat(mine.get("inspected").asLong()).isEqualTo(4);
        assertThat(mine.get("defects").asLong()).isEqualTo(0);
        assertThat(mine.get("confidence").asDouble()).isEqualTo(1.0);
        assertThat(mine.get("rate").asDouble()).isEqualTo(0.1);

        // Now each submission is drawn exactly when its hash falls under 0.1 (undrawn ones are approved by sampling,
        // which is no inspection, so the rate stays 0.1 while the drawn ones wait).
        int drawn = 0;
        for (int i = 0; i < 10; i++) {
            String[] s = submit(projectId, labeler);
            boolean expected = ReviewDraw.uniform(Long.parseLong(s[0]), 1) < 0.1;
            if (expected) drawn++;
            assertThat(s[1]).as("assignment " + s[0]).isEqualTo(expected ? "SUBMITTED" : "APPROVED");
        }
        assertThat(drawn).as("a low rate draws few").isLessThan(5);
        long autoApproved = fx.jdbc().sql("SELECT count(*) FROM review WHERE project_id = :p AND verdict = 'AUTO_APPROVE'")
                .param("p", projectId).query(Long.class).single();
        assertThat(autoApproved).isEqualTo(10 - drawn);
    }

    @Test
    void theSettingsAreChecked() {
        Fixtures.Team team = fx.team(0, "");
        String path = "/api/v1/projects/" + team.projectId();
        JsonNode bad = team.manager().api().patch(path,
                "{\"review\": {\"mode\": \"ADAPTIVE\", \"sampleRate\": 0.05, \"minRate\": 0.1, \"maxRate\": 1}}").expect(422).json();
        assertThat(bad.toString()).contains("review.sampleRate").contains("between minRate and maxRate");
        bad = team.manager().api().patch(path, "{\"review\": {\"mode\": \"ADAPTIVE\", \"sampleRate\": 0.3, \"minRate\": 0.1}}")
                .expect(422).json();
        assertThat(bad.toString()).contains("review.maxRate");
        bad = team.manager().api().patch(path,
                "{\"review\": {\"mode\": \"ADAPTIVE\", \"sampleRate\": 0.3, \"minRate\": 0.1, \"maxRate\": 1, \"window\": 0}}")
                .expect(422).json();
        assertThat(bad.toString()).contains("review.window");
        // Back to FULL clears the adaptive figures.
        team.manager().api().patch(path,
                "{\"review\": {\"mode\": \"ADAPTIVE\", \"sampleRate\": 0.3, \"minRate\": 0.1, \"maxRate\": 1}}").expect(200);
        JsonNode full = team.manager().api().patch(path, "{\"review\": {\"mode\": \"FULL\"}}").expect(200).json();
        assertThat(full.get("review").get("minRate").isNull()).isTrue();
        assertThat(full.get("review").get("sampleRate").asDouble()).isEqualTo(1.0);
        assertThat(quality(team).get("inspection").get("labelers")).isEmpty();
    }

    private static JsonNode quality(Fixtures.Team team) {
        return team.manager().api().get("/api/v1/projects/" + team.projectId() + "/quality").expect(200).json();
    }

    /** Leases and submits the next task as {@code labeler}; returns {assignmentId, state}. */
    private static String[] submit(long projectId, Fixtures.User labeler) {
        JsonNode lease = labeler.api().post("/api/v1/projects/" + projectId + "/next-task", null).expect(200).json();
        long id = lease.get("assignmentId").asLong();
        JsonNode done = labeler.api().post("/api/v1/assignments/" + id + "/submit", "{\"result\": {\"topic\": \"경제\"}}")
                .expect(200).json();
        return new String[] {Long.toString(id), done.get("state").asString()};
    }

}
