package org.labelcrew.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.labelcrew.account.Role;
import org.labelcrew.support.Fixtures;
import org.labelcrew.support.Fixtures.Team;
import org.labelcrew.support.Fixtures.User;
import org.labelcrew.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Issue 13: a manager gives a chosen task to a labeler, or opens it and labels it themself. */
@IntegrationTest
class DirectAssignTest {

    @Autowired
    Fixtures fx;

    private static String assign(long taskId) {
        return "/api/v1/tasks/" + taskId + "/assign";
    }

    private static String next(Team t) {
        return "/api/v1/projects/" + t.projectId() + "/next-task";
    }

    @Test
    void theChosenLabelerGetsTheAssignedTaskAsTheirNextAndTheQueueRespectsTheSlot() {
        Team t = fx.team(2, "\"overlap\": 1");
        List<Long> ids = fx.tasks(t.projectId(), "첫째", "둘째", "셋째");
        User first = t.labelers().get(0);
        JsonNode assigned = t.manager().api().post(assign(ids.get(2)), "{\"accountId\": " + first.id() + "}").expect(201).json();
        assertThat(assigned.get("accountId").asLong()).isEqualTo(first.id());
        assertThat(assigned.get("taskId").asLong()).isEqualTo(ids.get(2));

        JsonNode lease = first.api().post(next(t), null).expect(200).json();
        assertThat(lease.get("taskId").asLong()).isEqualTo(ids.get(2));
        assertThat(lease.get("assignmentId").asLong()).isEqualTo(assigned.get("assignmentId").asLong());
        // The slot is taken: the other labeler gets the first task, as the queue's order says.
        assertThat(t.labelers().get(1).api().post(next(t), null).expect(200).json().get("taskId").asLong()).isEqualTo(ids.get(0));
        first.api().post("/api/v1/assignments/" + lease.get("assignmentId").asLong() + "/submit",
                "{\"result\": {\"topic\": \"경제\"}}").expect(200);

        JsonNode history = t.manager().api().get("/api/v1/tasks/" + ids.get(2) + "/history").expect(200).json();
        JsonNode event = history.valueStream().filter(e -> e.get("type").asString().equals("ASSIGN")).findFirst().orElseThrow();
        assertThat(event.get("detail").get("reason").asString()).isEqualTo("assigned");
        assertThat(event.get("detail").get("to").asLong()).isEqualTo(first.id());
    }

    @Test
    void theRulesOfTheQueueHold() {
        Team t = fx.team(2, "\"overlap\": 1");
        List<Long> ids = fx.tasks(t.projectId(), "하나", "둘", "금");
        User first = t.labelers().get(0);
        User second = t.labelers().get(1);
        t.manager().api().post(assign(ids.get(0)), "{\"accountId\": " + first.id() + "}").expect(201);
        // overlap 1: no free slot for a second person; the same person never gets a task twice
        t.manager().api().post(assign(ids.get(0)), "{\"accountId\": " + second.id() + "}").expect(409);
        t.manager().api().post(assign(ids.get(0)), "{\"accountId\": " + first.id() + "}").expect(409);
        // only labelers of the project (or the manager themself)
        JsonNode problem = t.manager().api().post(assign(ids.get(1)), "{\"accountId\": " + t.reviewer().id() + "}").expect(422).json();
        assertThat(problem.toString()).contains("accountId");
        // The field error carries its own code (the problem's detail has task.assign.*), for the browser to word.
        assertThat(problem.get("errors").get(0).get("code").asString()).isEqualTo("assign.notLabeler");
        assertThat(problem.get("errors").get(0).get("params").get("role").asString()).isEqualTo("REVIEWER");
        User stranger = fx.user("out", Role.LABELER);
        JsonNode notMember = t.manager().api().post(assign(ids.get(1)), "{\"accountId\": " + stranger.id() + "}").expect(422).json();
        assertThat(notMember.get("errors").get(0).get("code").asString()).isEqualTo("assign.notMember");
        JsonNode nobody = t.manager().api().post(assign(ids.get(1)), "{}").expect(422).json();
        assertThat(nobody.get("errors").get(0).get("code").asString()).isEqualTo("field.required");
        t.manager().api().put("/api/v1/projects/" + t.projectId() + "/members/" + second.id(),
                "{\"role\": \"LABELER\", \"paused\": true}").expect(200);
        t.manager().api().post(assign(ids.get(1)), "{\"accountId\": " + second.id() + "}").expect(422);
        // only the project's managers assign
        first.api().post(assign(ids.get(1)), "{\"accountId\": " + first.id() + "}").expect(403);
        User otherManager = fx.user("mgr2", Role.MANAGER);
        fx.project(otherManager, Fixtures.TOPIC_SCHEMA, null);
        otherManager.api().post(assign(ids.get(1)), "{\"accountId\": " + first.id() + "}").expect(403);
        t.manager().api().post(assign(999_999_999L), "{\"accountId\": " + first.id() + "}").expect(404);
        // a gold item is never given by hand: it would no longer be a blind control
        t.manager().api().put("/api/v1/tasks/" + ids.get(2) + "/gold", "{\"reference\": {\"topic\": \"경제\"}}").expect(200);
        JsonNode gold = t.manager().api().post(assign(ids.get(2)), "{\"accountId\": " + first.id() + "}").expect(409).json();
        assertThat(gold.get("code").asString()).isEqualTo("task.goldNotAssignable");
    }

    @Test
    void aManagerOpensATaskLabelsItAndIsNeverHandedQueueWork() {
        Team t = fx.team(1, "\"overlap\": 1");
        List<Long> ids = fx.tasks(t.projectId(), "하나", "둘");
        User manager = t.manager();
        // Before opening anything, the queue gives a manager nothing (and no 403: they may label what they open).
        manager.api().post(next(t), null).expect(204);
        manager.api().post(assign(ids.get(1)), "{\"accountId\": " + manager.id() + "}").expect(201);
        JsonNode lease = manager.api().post(next(t), null).expect(200).json();
        assertThat(lease.get("taskId").asLong()).isEqualTo(ids.get(1));
        long assignmentId = lease.get("assignmentId").asLong();
        manager.api().put("/api/v1/assignments/" + assignmentId + "/draft", "{\"result\": {\"topic\": \"사회\"}}").expect(200);
        manager.api().post("/api/v1/assignments/" + assignmentId + "/submit", "{\"result\": {\"topic\": \"사회\"}}").expect(200);
        manager.api().post(next(t), null).expect(204);
        // the labeler still gets the rest from the queue; the opened task's only slot is the manager's
        assertThat(t.labelers().get(0).api().post(next(t), null).expect(200).json().get("taskId").asLong()).isEqualTo(ids.get(0));
    }
}
