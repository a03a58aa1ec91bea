package org.labelcrew.task;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.labelcrew.account.Role;
import org.labelcrew.support.Fixtures;
import org.labelcrew.support.Fixtures.User;
import org.labelcrew.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Issue 13: comments on a task between its labeler, reviewer and manager, kept in the task's history. */
@IntegrationTest
class TaskCommentsTest {

    @Autowired
    Fixtures fx;

    @Test
    void membersWhoSeeTheTaskCommentAndTheCommentsAreInItsHistory() {
        Fixtures.Team team = fx.team(2, null);
        long taskId = fx.tasks(team.projectId(), "서울에 비가 온다").get(0);
        User labeler = team.labelers().get(0);
        long leased = labeler.api().post("/api/v1/projects/" + team.projectId() + "/next-task", null).expect(200).json()
                .get("taskId").asLong();
        assertThat(leased).isEqualTo(taskId);

        JsonNode first = labeler.api().post("/api/v1/tasks/" + taskId + "/comments", "{\"text\": \"  '비'는 날씨인가요?  \"}")
                .expect(201).json();
        assertThat(first.get("text").asString()).isEqualTo("'비'는 날씨인가요?");
        assertThat(first.get("author").get("username").asString()).isEqualTo(labeler.username());
        assertThat(first.get("createdAt").asString()).isNotBlank();
        team.reviewer().api().post("/api/v1/tasks/" + taskId + "/comments", "{\"text\": \"네, 날씨 주제입니다\"}").expect(201);
        team.manager().api().post("/api/v1/tasks/" + taskId + "/comments", "{\"text\": \"지침에 추가했습니다\"}").expect(201);

        JsonNode list = labeler.api().get("/api/v1/tasks/" + taskId + "/comments").expect(200).json();
        assertThat(list.valueStream().map(c -> c.get("text").asString()))
                .containsExactly("'비'는 날씨인가요?", "네, 날씨 주제입니다", "지침에 추가했습니다");
        JsonNode history = team.manager().api().get("/api/v1/tasks/" + taskId + "/history").expect(200).json();
        assertThat(history.valueStream().filter(e -> e.get("type").asString().equals("COMMENT"))
                .map(e -> e.get("detail").get("text").asString())).hasSize(3).contains("네, 날씨 주제입니다");

        // The other labeler never worked the task; an outsider is in another project: both are told nothing (404).
        team.labelers().get(1).api().get("/api/v1/tasks/" + taskId + "/comments").expect(404);
        User outsider = fx.user("out", Role.LABELER);
        outsider.api().post("/api/v1/tasks/" + taskId + "/comments", "{\"text\": \"몰래\"}").expect(404);
        outsider.api().get("/api/v1/tasks/" + taskId + "/comments").expect(404);
        JsonNode blank = labeler.api().post("/api/v1/tasks/" + taskId + "/comments", "{\"text\": \"   \"}").expect(422).json();
        assertThat(blank.get("errors").get(0).get("field").asString()).isEqualTo("text");
        assertThat(blank.get("errors").get(0).get("code").asString()).isEqualTo("value.blank");
        assertThat(blank.get("code").asString()).isEqualTo("value.blank");
        JsonNode tooLong = labeler.api().post("/api/v1/tasks/" + taskId + "/comments",
                "{\"text\": \"" + "가".repeat(org.labelcrew.shared.InputLimits.COMMENT_MAX + 1) + "\"}").expect(422).json();
        assertThat(tooLong.get("errors").get(0).get("code").asString()).isEqualTo("text.tooLong");
        assertThat(tooLong.get("errors").get(0).get("params").get("max").asInt()).isEqualTo(org.labelcrew.shared.InputLimits.COMMENT_MAX);
        JsonNode control = labeler.api().post("/api/v1/tasks/" + taskId + "/comments", "{\"text\": \"a\\u0007b\"}").expect(422).json();
        assertThat(control.get("errors").get(0).get("code").asString()).isEqualTo("text.controlCharactersButBreaks");
        assertThat(labeler.api().get("/api/v1/tasks/" + taskId + "/comments").expect(200).json()).hasSize(3);
    }
}
