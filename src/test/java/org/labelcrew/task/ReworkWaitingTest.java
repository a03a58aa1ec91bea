package org.labelcrew.task;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.labelcrew.support.Fixtures;
import org.labelcrew.support.Fixtures.Team;
import org.labelcrew.support.Fixtures.User;
import org.labelcrew.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The home page says when rejected work waits: {@code counts.myRework}, the caller's own (issue 13). */
@IntegrationTest
class ReworkWaitingTest {

    @Autowired
    Fixtures fx;

    private static long myRework(User who, long projectId, boolean list) {
        JsonNode project = list
                ? who.api().get("/api/v1/projects").expect(200).json().get("items").valueStream()
                        .filter(p -> p.get("id").asLong() == projectId).findFirst().orElseThrow()
                : who.api().get("/api/v1/projects/" + projectId).expect(200).json();
        return project.get("counts").get("myRework").asLong();
    }

    @Test
    void aRejectedAnswerIsCountedForItsLabelerOnlyUntilReworked() {
        Team t = fx.team(2, null);
        fx.tasks(t.projectId(), "첫 번째 문장", "두 번째 문장");
        User labeler = t.labelers().get(0);
        User other = t.labelers().get(1);
        JsonNode first = labeler.api().post("/api/v1/projects/" + t.projectId() + "/next-task", null).expect(200).json();
        labeler.api().post("/api/v1/assignments/" + first.get("assignmentId").asLong() + "/submit",
                "{\"result\": {\"topic\": \"정치\"}}").expect(200);
        assertThat(myRework(labeler, t.projectId(), true)).isZero();

        JsonNode review = t.reviewer().api().post("/api/v1/projects/" + t.projectId() + "/next-review", null)
                .expect(200).json();
        t.reviewer().api().post("/api/v1/reviews/" + review.get("reviewId").asLong() + "/decision",
                "{\"verdict\": \"REJECT\", \"reason\": \"경제 기사입니다\"}").expect(200);

        assertThat(myRework(labeler, t.projectId(), true)).isEqualTo(1);
        assertThat(myRework(labeler, t.projectId(), false)).isEqualTo(1);
        assertThat(myRework(other, t.projectId(), true)).as("someone else's rejection is not theirs").isZero();
        assertThat(myRework(t.reviewer(), t.projectId(), false)).isZero();

        // Taken up again (leased for rework), it no longer waits.
        labeler.api().post("/api/v1/projects/" + t.projectId() + "/next-task", null).expect(200);
        assertThat(myRework(labeler, t.projectId(), true)).isZero();
    }
}
