package org.labelcrew.task;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.labelcrew.account.CurrentUser;
import org.labelcrew.project.ProjectAccess;
import org.labelcrew.project.ProjectRole;
import org.labelcrew.project.ProjectSettings;
import org.labelcrew.schema.SchemaService;
import org.labelcrew.schema.scoring.Scoring;
import org.labelcrew.shared.ApiException;
import org.labelcrew.shared.ApiException.FieldError;
import org.labelcrew.shared.Json;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/**
 * Gold items (control tasks, "ground truth"): a manager marks a task as gold with a reference result. The next-task
 * chain hands gold items out at the project's gold rate ({@link Strategies.Gold}); a labeler's answer is scored against
 * the reference ({@link #score}) instead of going to review. A gold item is never ordinary work: it holds no overlap
 * slots, is never reviewed or exported, and is counted apart (task state {@code GOLD}).
 */
@Service
public class GoldItems {

    private final JdbcClient jdbc;
    private final Json json;
    private final ProjectAccess access;
    private final SchemaService schemas;
    private final Scoring scoring;
    private final TaskEvents events;

    GoldItems(JdbcClient jdbc, Json json, ProjectAccess access, SchemaService schemas, Scoring scoring, TaskEvents events) {
        this.jdbc = jdbc;
        this.json = json;
        this.access = access;
        this.schemas = schemas;
        this.scoring = scoring;
        this.events = events;
    }

    /** A gold item as its manager sees it: the reference, and how its answers went. */
    public record GoldView(long taskId, long projectId, JsonNode reference, long answers, @Nullable Double meanScore) {
    }

    private record Row(long projectId, String state, String data, String reference) {
    }

    private Row lock(long taskId) {
        return jdbc.sql("SELECT project_id, state, data, gold_reference FROM task WHERE id = :t FOR UPDATE")
                .param("t", taskId)
                .query((rs, i) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                .optional().orElseThrow(() -> ApiException.notFound("Task", taskId));
    }

    /**
     * Makes a task gold with this reference, or replaces the reference of a gold item (its answers are then scored
     * again). 422 naming each field of the reference that breaks the schema; 409 when the task is already ordinary work.
     */
    @Transactional
    public GoldView put(long taskId, JsonNode reference, CurrentUser user) {
        long projectId = jdbc.sql("SELECT project_id FROM task WHERE id = :t").param("t", taskId).query(Long.class)
                .optional().orElseThrow(() -> ApiException.notFound("Task", taskId));
        access.require(projectId, user, ProjectRole.MANAGER);
        Row task = lock(taskId);
        ProjectSettings project = access.settings(projectId);
        JsonNode data = json.parse(task.data());
        checkReference(project.schema(), data, reference);
        boolean wasGold = "GOLD".equals(task.state());
        if (!wasGold) {
            long work = jdbc.sql("SELECT count(*) FROM assignment WHERE task_id = :t").param("t", taskId)
                    .query(Long.class).single();
            if (work > 0) {
                throw ApiException.conflict("Task " + taskId + " is already ordinary work (" + work
                        + " assignment(s)); only a task no one has worked on can become gold")
                        .withCode("gold.alreadyWork", Map.of("taskId", taskId, "count", work));
            }
        }
        jdbc.sql("""
                UPDATE task SET state = 'GOLD', gold_reference = :r::jsonb, held = 0, approved = 0, updated_at = now()
                WHERE id = :t""")
                .param("r", json.write(reference)).param("t", taskId).update();
        if (wasGold) rescore(taskId, project.schema(), data, reference);
        events.append(taskId, projectId, TaskEvents.GOLD, user.id(), null, Map.of("gold", true, "replaced", wasGold));
        if (!wasGold) access.evict(projectId);
        return view(taskId, projectId, reference);
    }

    /** The task is ordinary work again. 409 once anyone has been handed it as gold: their scores must keep meaning. */
    @Transactional
    public void delete(long taskId, CurrentUser user) {
        long projectId = jdbc.sql("SELECT project_id FROM task WHERE id = :t").param("t", taskId).query(Long.class)
                .optional().orElseThrow(() -> ApiException.notFound("Task", taskId));
        access.require(projectId, user, ProjectRole.MANAGER);
        Row task = lock(taskId);
        if (!"GOLD".equals(task.state())) throw ApiException.notFound("Gold item", taskId);
        long answers = jdbc.sql("SELECT count(*) FROM assignment WHERE task_id = :t").param("t", taskId)
                .query(Long.class).single();
        if (answers > 0) {
            throw ApiException.conflict("Gold item " + taskId + " was handed to " + answers
                    + " labeler(s); it stays gold so that their scores keep their meaning (its reference can be replaced)")
                    .withCode("gold.answered", Map.of("taskId", taskId, "count", answers));
        }
        jdbc.sql("UPDATE task SET state = 'NEW', gold_reference = NULL, updated_at = now() WHERE id = :t")
                .param("t", taskId).update();
        events.append(taskId, projectId, TaskEvents.GOLD, user.id(), null, Map.of("gold", false));
        access.evict(projectId);
    }

    public GoldView get(long taskId, CurrentUser user) {
        Row task = jdbc.sql("SELECT project_id, state, data, gold_reference FROM task WHERE id = :t").param("t", taskId)
                .query((rs, i) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                .optional().orElseThrow(() -> ApiException.notFound("Task", taskId));
        access.require(task.projectId(), user, ProjectRole.MANAGER);
        if (task.reference() == null) throw ApiException.notFound("Gold item", taskId);
        return view(taskId, task.projectId(), json.parse(task.reference()));
    }

    private GoldView view(long taskId, long projectId, JsonNode reference) {
        record Answers(long n, Double mean) {
        }
        Answers a = jdbc.sql("SELECT count(*), avg(gold_score) FROM assignment WHERE task_id = :t AND state = 'SCORED'")
                .param("t", taskId).query((rs, i) -> new Answers(rs.getLong(1), (Double) rs.getObject(2))).single();
        return new GoldView(taskId, projectId, reference, a.n(), a.mean() == null ? null : round(a.mean()));
    }

    /** 422 with each problem's path under {@code reference} (the schema's paths say {@code result}). */
    void checkReference(JsonNode schema, JsonNode data, JsonNode reference) {
        if (reference == null || !reference.isObject()) {
            throw ApiException.invalid(ApiException.FieldError.coded("reference", "result.notObject",
                    "must be an annotation result: an object keyed by field name"));
        }
        List<FieldError> errors = schemas.resultProblems(schema, data, reference).stream()
                .map(e -> e.at(e.field() == null ? null : e.field().replaceFirst("^result", "reference")))
                .toList();
        if (!errors.isEmpty()) {
            throw ApiException.invalid("The reference breaks the label schema in " + errors.size() + " field(s)", errors);
        }
    }

    /** A gold answer's score: the item score (0..1) and each field's result, as stored on the assignment. */
    record Scored(double score, JsonNode feedback) {
    }

    Scored score(JsonNode schema, JsonNode data, JsonNode answer, JsonNode reference) {
        Scoring.ItemScore s = scoring.score(schema, data, answer, reference);
        return new Scored(s.score(), json.tree(s.fields()));
    }

    private void rescore(long taskId, JsonNode schema, JsonNode data, JsonNode reference) {
        record Answer(long assignmentId, JsonNode result) {
        }
        List<Answer> answers = jdbc.sql("""
                SELECT a.id, n.result FROM assignment a JOIN annotation n ON n.id = """
                + TaskStore.LATEST_ANNOTATION.formatted("a.id") + """

                WHERE a.task_id = :t AND a.state = 'SCORED'""")
                .param("t", taskId).query((rs, i) -> new Answer(rs.getLong(1), json.parse(rs.getString(2)))).list();
        for (Answer a : answers) {
            Scored s = score(schema, data, a.result(), reference);
            jdbc.sql("UPDATE assignment SET gold_score = :s, gold_feedback = :f::jsonb WHERE id = :id")
                    .param("s", s.score()).param("f", json.write(s.feedback())).param("id", a.assignmentId()).update();
        }
    }

    static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
