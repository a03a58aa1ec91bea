package org.labelcrew.task;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.labelcrew.account.CurrentUser;
import org.labelcrew.project.ProjectAccess;
import org.labelcrew.project.ProjectRole;
import org.labelcrew.project.ProjectSettings;
import org.labelcrew.shared.AdvisoryLock;
import org.labelcrew.shared.Json;
import org.labelcrew.shared.WorkPacer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/**
 * "Next task": runs the strategy chain for a labeler inside one transaction. The labeler's own calls are serialised
 * by an advisory lock (a double click never opens two leases); different labelers only meet on task rows, which
 * {@code FOR UPDATE SKIP LOCKED} keeps apart.
 */
@Service
public class TaskQueue {

    private final JdbcClient jdbc;
    private final Json json;
    private final ProjectAccess access;
    private final List<NextTaskStrategy> chain;
    private final TaskEvents events;
    private final ReviewRecords reviews;
    private final Clock clock;
    private final WorkPacer pacer;

    TaskQueue(JdbcClient jdbc, Json json, ProjectAccess access, List<NextTaskStrategy> chain, TaskEvents events,
            ReviewRecords reviews, Clock clock, WorkPacer pacer) {
        this.pacer = pacer;
        this.jdbc = jdbc;
        this.json = json;
        this.access = access;
        this.chain = chain;
        this.events = events;
        this.reviews = reviews;
        this.clock = clock;
    }

    /** The links that serve only assignments the person already has: all a manager gets from next-task. */
    static final Set<String> OWN_WORK = Set.of("rework", "held-lease", "returned-draft");

    @Transactional
    public Optional<Lease> next(long projectId, CurrentUser user) {
        pacer.personWorking(); // a running import gives way (P8)
        // A manager may label what they opened themself (DirectAssign): for them the chain serves only their own
        // assignments (rework, a held lease, a returned draft), never gold or fresh queue work.
        // The membership check takes the person's lock in the same statement: one round trip fewer (issue 14).
        boolean manager = access.requireActive(projectId, user, AdvisoryLock.NEXT_TASK, ProjectRole.LABELER,
                ProjectRole.MANAGER).role() == ProjectRole.MANAGER;
        ProjectSettings project = access.settings(projectId);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS); // as PostgreSQL keeps it
        Instant until = now.plus(Duration.ofMinutes(project.leaseMinutes()));
        Set<String> own = Set.copyOf(jdbc.sql("""
                SELECT DISTINCT state FROM assignment
                WHERE project_id = :p AND labeler_id = :me AND state IN ('REJECTED', 'LEASED', 'EXPIRED')""")
                .param("p", projectId).param("me", user.id()).query(String.class).list());
        for (NextTaskStrategy strategy : chain) {
            if (!strategy.applies(own)) continue;
            if (manager && !OWN_WORK.contains(strategy.reason())) continue;
            OptionalLong picked = strategy.pick(project, user.id(), now, until);
            if (picked.isPresent()) {
                long assignmentId = picked.getAsLong();
                Lease lease = load(assignmentId, strategy.reason(), project);
                NextTaskStrategy.Bookkeeping todo = strategy.bookkeeping();
                if (todo != NextTaskStrategy.Bookkeeping.NONE) {
                    jdbc.sql("SELECT refresh_task(:t)").param("t", lease.taskId()).query().rowSet();
                }
                if (todo == NextTaskStrategy.Bookkeeping.REFRESH_AND_LOG) {
                    // The log keeps the true reason (a gold item's history is for managers only).
                    events.append(lease.taskId(), projectId, TaskEvents.ASSIGN, user.id(), assignmentId,
                            Map.of("reason", strategy.reason(), "leaseExpiresAt", lease.leaseExpiresAt().toString()));
                }
                return Optional.of(lease);
            }
        }
        return Optional.empty();
    }

    private Lease load(long assignmentId, String reason, ProjectSettings project) {
        record Row(long taskId, String data, String draft, Timestamp until, int held) {
        }
        Row row = jdbc.sql("""
                SELECT a.task_id, t.data, a.draft, a.lease_expires_at, t.held
                FROM assignment a JOIN task t ON t.id = a.task_id WHERE a.id = :id""")
                .param("id", assignmentId)
                .query((rs, i) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4),
                        rs.getInt(5)))
                .single();
        // A freshly opened assignment (overlap, gold) has no rejection to show; rework, and rework held across a reload, do.
        Lease.Rejection rejection = "overlap".equals(reason) || "gold".equals(reason) ? null
                : reviews.lastRejection(assignmentId).orElse(null);
        JsonNode draft = json.parse(row.draft());
        if (draft == null && rejection != null) {
            // Rework starts from the answer the reviewer rejected, so the labeler fixes it rather than redoing it.
            draft = jdbc.sql("SELECT result FROM annotation WHERE id = " + TaskStore.LATEST_ANNOTATION.formatted(":a"))
                    .param("a", assignmentId).query((rs, i) -> json.column(rs, "result")).optional().orElse(null);
        }
        String effectiveReason = reason;
        if ("gold".equals(reason)) {
            // A control item looks like any other: the labeler is told what a fresh ordinary task says (gold items
            // hold no overlap slots, so "order" is what one would say).
            effectiveReason = "order";
        } else if ("overlap".equals(reason)) {
            // Tell the labeler whether they joined a task others already started, or opened a new one. (Read before
            // refresh_task counts this assignment: held > 0 means others hold it too.)
            effectiveReason = row.held() > 0 ? "overlap" : "order";
        }
        return new Lease(assignmentId, row.taskId(), json.parse(row.data()), draft,
                row.until().toInstant(), NextTaskReason.of(effectiveReason), rejection, project.schema());
    }
}
