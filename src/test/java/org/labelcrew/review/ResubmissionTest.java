package org.labelcrew.review;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.labelcrew.support.Fixtures;
import org.labelcrew.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Issue 13: a resubmitted task says so to its reviewer, with the earlier reason and the result it rejected. */
@IntegrationTest
class ResubmissionTest {

    @Autowired
    Fixtures fx;

    @Test
    void aResubmissionCarriesTheEarlierRejectionAndItsResult() {
        Fixtures.Team team = fx.team(1, null);
        fx.tasks(team.projectId(), "미세먼지가 심해 외출 자제 권고가 내려졌다.");
        var labeler = team.labelers().get(0).api();
        var reviewer = team.reviewer().api();
        String next = "/api/v1/projects/" + team.projectId();

        long assignment = labeler.post(next + "/next-task", null).expect(200).json().get("assignmentId").asLong();
        labeler.post("/api/v1/assignments/" + assignment + "/submit", "{\"result\": {\"topic\": \"경제\"}}").expect(200);
        JsonNode first = reviewer.post(next + "/next-review", null).expect(200).json();
        assertThat(first.get("earlier").isNull()).isTrue();
        reviewer.post("/api/v1/reviews/" + first.get("reviewId").asLong() + "/decision",
                "{\"verdict\": \"REJECT\", \"reason\": \"미세먼지 기사는 사회입니다\"}").expect(200);

        JsonNode rework = labeler.post(next + "/next-task", null).expect(200).json();
        assertThat(rework.get("assignmentId").asLong()).isEqualTo(assignment);
        labeler.post("/api/v1/assignments/" + assignment + "/submit", "{\"result\": {\"topic\": \"사회\"}}").expect(200);

        JsonNode again = reviewer.post(next + "/next-review", null).expect(200).json();
        assertThat(again.get("result").get("topic").asString()).isEqualTo("사회");
        JsonNode earlier = again.get("earlier");
        assertThat(earlier.get("reason").asString()).isEqualTo("미세먼지 기사는 사회입니다");
        assertThat(earlier.get("reviewer").asString()).isEqualTo(team.reviewer().username());
        assertThat(earlier.get("result").get("topic").asString()).isEqualTo("경제");
        assertThat(earlier.get("rejectedAt").asString()).isNotBlank();
    }
}
