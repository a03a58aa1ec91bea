package org.labelcrew.task;

import java.util.Map;
import org.labelcrew.shared.Json;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The append-only event log: every state change of a task, who did it and on which assignment. */
@Component
public class TaskEvents {

    public static final String ASSIGN = "ASSIGN", SUBMIT = "SUBMIT", SKIP = "SKIP", EXPIRE = "EXPIRE",
            REVIEW_START = "REVIEW_START", REVIEW_EXPIRE = "REVIEW_EXPIRE", APPROVE = "APPROVE", REJECT = "REJECT",
            CORRECT = "CORRECT", AUTO_APPROVE = "AUTO_APPROVE", GOLD = "GOLD", SCORE = "SCORE";
    /** A labeler paused automatically by their gold accuracy (issue 11): logged on the gold item that crossed it. */
    public static final String AUTO_PAUSE = "AUTO_PAUSE";

    private final JdbcClient jdbc;
    private final Json json;

    TaskEvents(JdbcClient jdbc, Json json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public void append(long taskId, long projectId, String type, Long actorId, Long assignmentId, Map<String, ?> detail) {
        jdbc.sql("""
                INSERT INTO task_event (task_id, project_id, type, actor_id, assignment_id, detail)
                VALUES (:t, :p, :type, :actor, :a, :d::jsonb)""")
                .param("t", taskId).param("p", projectId).param("type", type).param("actor", actorId)
                .param("a", assignmentId).param("d", json.write(detail == null ? Map.of() : detail))
                .update();
    }
}
