package org.labelcrew.task;

import io.swagger.v3.oas.annotations.media.Schema;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.labelcrew.account.CurrentUser;
import org.labelcrew.project.ProjectAccess;
import org.labelcrew.project.ProjectRole;
import org.labelcrew.project.ProjectSettings;
import org.labelcrew.shared.AdvisoryLock;
import org.labelcrew.shared.ApiException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A manager gives a chosen task to a chosen person, outside the queue's order (issue 13): "Assign to…" a labeler of
 * the project, or "Open" — the manager takes it themself (a manager may label what they open; the queue itself never
 * hands a manager work). The assignment is an ordinary lease, so the same rules hold as for next-task:
 * <ul>
 * <li>overlap — the task must have a free slot ({@code held < overlap}), locked {@code FOR UPDATE} like the queue;</li>
 * <li>one assignment per (task, person) — someone who already held the task (even skipped it) cannot get it again;</li>
 * <li>leases — the project's lease time from now; when it runs out the sweeper ends it and the person gets it back
 * with their draft as long as a slot is free (returned-draft), as for any lease. The person receives it from
 * next-task as a held lease: after rework and after a lease they already hold;</li>
 * <li>gold — a gold item cannot be assigned (409 {@code task.goldNotAssignable}): a task given by hand is one the
 * person knows was chosen for them, and a chosen control item is no longer a blind one. Gold reaches labelers only
 * through the gold link, at the project's rate;</li>
 * <li>who — a labeler of the project who is not paused, or the calling manager themself (a member with the
 * MANAGER role; an administrator who is not a member labels nowhere).</li>
 * </ul>
 */
@Service
public class DirectAssign {

    private final JdbcClient jdbc;
    private final ProjectAccess access;
    private final TaskEvents events;
    private final Clock clock;

    DirectAssign(JdbcClient jdbc, ProjectAccess access, TaskEvents events, Clock clock) {
        this.jdbc = jdbc;
        this.access = access;
        this.events = events;
        this.clock = clock;
    }

    @Schema(name = "TaskAssigned")
    public record Assigned(long assignmentId, long taskId, long projectId, long accountId, Instant leaseExpiresAt) {
    }

    @Transactional
    public Assigned assign(long taskId, @Nullable Long accountId, CurrentUser user) {
        record Task(long projectId, String state, int held) {
        }
        Task task = jdbc.sql("SELECT project_id, state, held FROM task WHERE id = :t")
                .param("t", taskId).query((rs, i) -> new Task(rs.getLong(1), rs.getString(2), rs.getInt(3)))
                .optional().orElseThrow(() -> ApiException.notFound("Task", taskId));
        access.require(task.projectId(), user, ProjectRole.MANAGER);
        if (accountId == null) throw ApiException.invalid(ApiException.FieldError.coded("accountId", "field.required",
                "required: the person to give the task to"));
        record Member(@Nullable String role, boolean paused) {
        }
        Member m = jdbc.sql("SELECT m.role, coalesce(m.paused, false) FROM (SELECT 1) one "
                        + ProjectAccess.membershipJoin("m", ":p", ":a"))
                .param("p", task.projectId()).param("a", accountId)
                .query((rs, i) -> new Member(rs.getString(1), rs.getBoolean(2))).single();
        boolean self = accountId == user.id();
        if (m.role() == null) {
            throw ApiException.invalid(ApiException.FieldError.coded("accountId", "assign.notMember",
                            "account " + accountId + " is not a member of project " + task.projectId(), "projectId", task.projectId()))
                    .withCode("task.assign.notMember", Map.of("accountId", accountId, "projectId", task.projectId()));
        }
        if (!("LABELER".equals(m.role()) || (self && "MANAGER".equals(m.role())))) {
            throw ApiException.invalid(ApiException.FieldError.coded("accountId", "assign.notLabeler",
                            "account " + accountId + " is a " + m.role() + " in project "
                            + task.projectId() + "; tasks are given to labelers (or a manager opens one for themself)", "role", m.role()))
                    .withCode("task.assign.notLabeler", Map.of("accountId", accountId, "role", m.role()));
        }
        if (m.paused()) {
            throw ApiException.invalid(ApiException.FieldError.coded("accountId", "assign.paused",
                            "account " + accountId + " is paused in project " + task.projectId(), "projectId", task.projectId()))
                    .withCode("task.assign.paused", Map.of("accountId", accountId));
        }
        if ("GOLD".equals(task.state())) {
            throw ApiException.conflict("Task " + taskId + " is a gold item: gold reaches labelers only through the queue, "
                    + "unannounced, so it cannot be given by hand").withCode("task.goldNotAssignable", Map.of("taskId", taskId));
        }
        ProjectSettings project = access.settings(task.projectId());
        // The person's own next-task calls take the same lock: the two never open leases for them side by side.
        AdvisoryLock.NEXT_TASK.lock(jdbc, accountId);
        int held = jdbc.sql("SELECT held FROM task WHERE id = :t FOR UPDATE").param("t", taskId).query(Integer.class).single();
        boolean had = jdbc.sql("SELECT exists(SELECT 1 FROM assignment WHERE task_id = :t AND labeler_id = :a)")
                .param("t", taskId).param("a", accountId).query(Boolean.class).single();
        if (had) {
            throw ApiException.conflict("Account " + accountId + " already has (or had) task " + taskId
                    + "; a task goes to each person once").withCode("task.assign.already", Map.of("taskId", taskId, "accountId", accountId));
        }
        if (held >= project.overlap()) {
            throw ApiException.conflict("Task " + taskId + " has no free slot: " + held + " of " + project.overlap()
                    + " are taken").withCode("task.assign.noSlot", Map.of("taskId", taskId, "held", held, "overlap", project.overlap()));
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Instant until = now.plus(Duration.ofMinutes(project.leaseMinutes()));
        long assignmentId = jdbc.sql("""
                INSERT INTO assignment (task_id, project_id, labeler_id, state, lease_expires_at, created_at, updated_at)
                VALUES (:t, :p, :a, 'LEASED', :until, :now, :now) RETURNING id""")
                .param("t", taskId).param("p", task.projectId()).param("a", accountId)
                .param("until", Timestamp.from(until)).param("now", Timestamp.from(now))
                .query(Long.class).single();
        jdbc.sql("SELECT refresh_task(:t)").param("t", taskId).query().rowSet();
        events.append(taskId, task.projectId(), TaskEvents.ASSIGN, user.id(), assignmentId,
                Map.of("reason", self ? "opened" : "assigned", "to", accountId, "leaseExpiresAt", until.toString()));
        return new Assigned(assignmentId, taskId, task.projectId(), accountId, until);
    }
}
