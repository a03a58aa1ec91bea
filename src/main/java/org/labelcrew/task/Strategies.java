package org.labelcrew.task;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.Set;
import org.labelcrew.project.ProjectSettings;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The next-task chain, in order; each link says why it chose what it chose (the lease's {@code reason}):
 * <ol>
 * <li>{@code rework} (10) — work a reviewer rejected goes back to its labeler first;</li>
 * <li>{@code held-lease} (20) — a lease the labeler still holds is handed back (a reload, a second tab);</li>
 * <li>{@code returned-draft} (30) — an expired lease comes back to the same labeler with their draft;</li>
 * <li>{@code gold} (40) — a gold item (control task) this labeler has not been handed (or skipped once), whenever
 * their gold share would otherwise fall below the project's gold rate; passes at no cost when the rate is 0 or there
 * is no gold. Only the event log says {@code gold}: the labeler is told {@code order}, as for any fresh task (gold is
 * secret to labelers and reviewers, see {@link TaskQueue});</li>
 * <li>{@code overlap} / {@code order} (50) — breadth-first: the task closest to its overlap, then priority, then
 * import order ({@code order} when it opens a task no one holds yet). Gold items are never ordinary work.</li>
 * </ol>
 * Every query that takes a slot locks the task row with {@code FOR UPDATE SKIP LOCKED}, so concurrent labelers never
 * receive the same slot, on one instance or many. One labeler's calls are serialised by {@link TaskQueue}'s advisory
 * lock, and an assignment is unique per (task, labeler): no one gets a task, gold or not, twice.
 */
final class Strategies {

    private Strategies() {
    }

    /** Work a reviewer rejected goes back to its labeler before anything new. */
    @Component
    @Order(10)
    static final class Rework implements NextTaskStrategy {
        private final JdbcClient jdbc;

        Rework(JdbcClient jdbc) {
            this.jdbc = jdbc;
        }

        public String reason() {
            return "rework";
        }

        @Override
        public boolean applies(Set<String> own) {
            return own.contains("REJECTED");
        }

        public OptionalLong pick(ProjectSettings project, long labelerId, Instant now, Instant leaseUntil) {
            return reopenOldest(jdbc, "state = 'REJECTED'", project, labelerId, now, leaseUntil);
        }
    }

    /** A lease the labeler still holds (a reload, a second tab) is handed back rather than a new one opened. */
    @Component
    @Order(20)
    static final class HeldLease implements NextTaskStrategy {
        private final JdbcClient jdbc;

        HeldLease(JdbcClient jdbc) {
            this.jdbc = jdbc;
        }

        public String reason() {
            return "held-lease";
        }

        @Override
        public Bookkeeping bookkeeping() {
            return Bookkeeping.NONE;
        }

        @Override
        public boolean applies(Set<String> own) {
            return own.contains("LEASED");
        }

        public OptionalLong pick(ProjectSettings project, long labelerId, Instant now, Instant leaseUntil) {
            return toOptional(jdbc.sql("""
                    SELECT id FROM assignment
                    WHERE project_id = :p AND labeler_id = :me AND state = 'LEASED' AND lease_expires_at > :now
                    ORDER BY id LIMIT 1""")
                    .param("p", project.id()).param("me", labelerId).param("now", Timestamp.from(now))
                    .query(Long.class).optional().orElse(null));
        }
    }

    /**
     * A lease that expired — by the clock or swept — comes back to the same labeler with the draft they saved, as long
     * as the task still has a free slot.
     */
    @Component
    @Order(30)
    static final class ReturnedDraft implements NextTaskStrategy {
        private final JdbcClient jdbc;

        ReturnedDraft(JdbcClient jdbc) {
            this.jdbc = jdbc;
        }

        public String reason() {
            return "returned-draft";
        }

        @Override
        public boolean applies(Set<String> own) {
            return own.contains("LEASED") || own.contains("EXPIRED");
        }

        public OptionalLong pick(ProjectSettings project, long labelerId, Instant now, Instant leaseUntil) {
            // A lease past its time that the sweeper has not reached yet still holds its slot: take it straight back.
            Long id = jdbc.sql("""
                    UPDATE assignment SET lease_expires_at = :until, updated_at = :now
                    WHERE id = (SELECT id FROM assignment
                                WHERE project_id = :p AND labeler_id = :me AND state = 'LEASED' AND lease_expires_at <= :now
                                ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)
                    RETURNING id""")
                    .param("until", Timestamp.from(leaseUntil)).param("now", Timestamp.from(now))
                    .param("p", project.id()).param("me", labelerId)
                    .query(Long.class).optional().orElse(null);
            if (id != null) return OptionalLong.of(id);
            Long taskId = jdbc.sql("""
                    SELECT t.id FROM task t JOIN assignment a ON a.task_id = t.id
                    WHERE a.project_id = :p AND a.labeler_id = :me AND a.state = 'EXPIRED' AND t.held < :overlap
                    ORDER BY a.updated_at DESC LIMIT 1
                    FOR UPDATE OF t SKIP LOCKED""")
                    .param("p", project.id()).param("me", labelerId).param("overlap", project.overlap())
                    .query(Long.class).optional().orElse(null);
            if (taskId == null) return OptionalLong.empty();
            return toOptional(jdbc.sql("""
                    UPDATE assignment SET state = 'LEASED', lease_expires_at = :until, updated_at = :now
                    WHERE task_id = :t AND labeler_id = :me AND state = 'EXPIRED' RETURNING id""")
                    .param("until", Timestamp.from(leaseUntil)).param("now", Timestamp.from(now))
                    .param("t", taskId).param("me", labelerId)
                    .query(Long.class).optional().orElse(null));
        }
    }

    /**
     * Gold items at the project's rate, deterministic per labeler: a gold item is due when the labeler's gold share,
     * counting the task about to be handed out, would stay below the rate — {@code gold < rate × (all + 1)} over the
     * labeler's assignments in the project. At rate 0.25 that is G O O O G O O O …: the first task, then every fourth.
     * Each labeler meets the gold items in their own order (a hash of item and labeler), so labelers cannot pass the
     * answers of "the first gold item" around. With no unanswered gold item left, the chain goes on to overlap.
     * <p>
     * Skips. A skip is not an answer, and skipping must not be a way around the control tasks:
     * <ul>
     * <li>The share counts only what the labeler answered or holds: a skipped task, gold or not, is in neither
     * {@code gold} nor {@code all}. Skipping a gold item therefore leaves gold due, and the next task is gold again
     * (another item, when there is one) — skipping never lowers the number of gold answers a labeler gives.</li>
     * <li>A gold item skipped once comes back later: after the fresh gold items, the one skipped longest ago first, on
     * the same assignment (draft kept).</li>
     * <li>A gold item skipped a second time is left for good and from then on counts as served (in {@code gold} and
     * {@code all}) though never scored: one broken or unanswerable item cannot lock a labeler out of the work. Managers
     * see each labeler's skipped gold items in the quality report ({@code perLabeler[].skipped}).</li>
     * </ul>
     */
    @Component
    @Order(40)
    static final class Gold implements NextTaskStrategy {
        private final JdbcClient jdbc;

        Gold(JdbcClient jdbc) {
            this.jdbc = jdbc;
        }

        public String reason() {
            return "gold";
        }

        static boolean due(double rate, long all, long gold) {
            return gold < rate * (all + 1) - 1e-9;
        }

        public OptionalLong pick(ProjectSettings project, long labelerId, Instant now, Instant leaseUntil) {
            if (!project.servesGold()) return OptionalLong.empty(); // the common case: no query at all
            record Share(long all, long gold) {
            }
            // A skip counts nowhere, except a gold item's second (final) skip, which counts as served.
            Share share = jdbc.sql("""
                    SELECT count(*) FILTER (WHERE state <> 'SKIPPED' OR (gold AND skips >= 2)),
                           count(*) FILTER (WHERE gold AND (state <> 'SKIPPED' OR skips >= 2))
                    FROM assignment WHERE project_id = :p AND labeler_id = :me""")
                    .param("p", project.id()).param("me", labelerId)
                    .query((rs, i) -> new Share(rs.getLong(1), rs.getLong(2))).single();
            if (!due(project.goldRate(), share.all(), share.gold())) return OptionalLong.empty();
            // FOR SHARE: any number of labelers may take the same gold item at once, but it cannot stop being gold
            // (GoldItems locks it FOR UPDATE) while one of them is being handed it.
            Long taskId = jdbc.sql("""
                    SELECT t.id FROM task t
                    WHERE t.project_id = :p AND t.state = 'GOLD'
                      AND NOT EXISTS (SELECT 1 FROM assignment a WHERE a.task_id = t.id AND a.labeler_id = :me)
                    ORDER BY hashint8extended(t.id, :me), t.id
                    LIMIT 1 FOR SHARE OF t SKIP LOCKED""")
                    .param("p", project.id()).param("me", labelerId)
                    .query(Long.class).optional().orElse(null);
            if (taskId == null) return reoffer(project, labelerId, now, leaseUntil);
            return OptionalLong.of(jdbc.sql("""
                    INSERT INTO assignment (task_id, project_id, labeler_id, state, lease_expires_at, created_at, updated_at, gold)
                    VALUES (:t, :p, :me, 'LEASED', :until, :now, :now, true) RETURNING id""")
                    .param("t", taskId).param("p", project.id()).param("me", labelerId)
                    .param("until", Timestamp.from(leaseUntil)).param("now", Timestamp.from(now))
                    .query(Long.class).single());
        }

        /**
         * No fresh gold item left: a gold item this labeler skipped once comes back, the one skipped longest ago
         * first. (It has an assignment, so it cannot stop being gold meanwhile: GoldItems refuses that with 409.)
         */
        private OptionalLong reoffer(ProjectSettings project, long labelerId, Instant now, Instant leaseUntil) {
            return reopenOldest(jdbc, "gold AND state = 'SKIPPED' AND skips < 2", project, labelerId, now, leaseUntil);
        }
    }

    /**
     * Breadth-first: of the tasks with a free slot that this labeler never held, the one closest to its overlap
     * first, then by priority, then in import order. Finishes tasks before opening new ones.
     */
    @Component
    @Order(50)
    static final class Overlap implements NextTaskStrategy {
        private final JdbcClient jdbc;

        Overlap(JdbcClient jdbc) {
            this.jdbc = jdbc;
        }

        public String reason() {
            return "overlap";
        }

        @Override
        public Bookkeeping bookkeeping() {
            return Bookkeeping.REFRESH;
        }

        /**
         * One statement picks the task, opens the assignment and logs it: this runs for nearly every task handed out,
         * and each round trip saved is latency for everyone. (The event's reason is the one the labeler is told:
         * {@code overlap} when others hold the task already, {@code order} for a fresh one — see TaskQueue.)
         */
        public OptionalLong pick(ProjectSettings project, long labelerId, Instant now, Instant leaseUntil) {
            return toOptional(jdbc.sql("""
                    WITH picked AS (
                        SELECT t.id, t.held FROM task t
                        WHERE t.project_id = :p AND t.held < :overlap AND t.state <> 'GOLD'
                          AND NOT EXISTS (SELECT 1 FROM assignment a WHERE a.task_id = t.id AND a.labeler_id = :me)
                        ORDER BY t.held DESC, t.priority DESC, t.id
                        LIMIT 1 FOR UPDATE OF t SKIP LOCKED),
                    opened AS (
                        INSERT INTO assignment (task_id, project_id, labeler_id, state, lease_expires_at, created_at, updated_at)
                        SELECT id, :p, :me, 'LEASED', :until, :now, :now FROM picked
                        RETURNING id, task_id),
                    logged AS (
                        INSERT INTO task_event (task_id, project_id, type, actor_id, assignment_id, detail)
                        SELECT o.task_id, :p, 'ASSIGN', :me, o.id,
                               jsonb_build_object('reason', CASE WHEN p.held > 0 THEN 'overlap' ELSE 'order' END,
                                                  'leaseExpiresAt', :untilText)
                        FROM opened o JOIN picked p ON p.id = o.task_id)
                    SELECT id FROM opened""")
                    .param("p", project.id()).param("overlap", project.overlap()).param("me", labelerId)
                    .param("until", Timestamp.from(leaseUntil)).param("now", Timestamp.from(now))
                    .param("untilText", leaseUntil.toString())
                    .query(Long.class).optional().orElse(null));
        }
    }

    /**
     * Leases again the labeler's own assignment that has waited longest of those {@code which} picks — work a reviewer
     * rejected, or a gold item skipped once. {@code which} is a fixed condition over assignment columns written in
     * this class, never input.
     */
    static OptionalLong reopenOldest(JdbcClient jdbc, String which, ProjectSettings project, long labelerId, Instant now,
            Instant leaseUntil) {
        return toOptional(jdbc.sql("""
                UPDATE assignment SET state = 'LEASED', lease_expires_at = :until, updated_at = :now
                WHERE id = (SELECT id FROM assignment
                            WHERE project_id = :p AND labeler_id = :me AND (%s)
                            ORDER BY updated_at, id LIMIT 1 FOR UPDATE SKIP LOCKED)
                RETURNING id""".formatted(which))
                .param("until", Timestamp.from(leaseUntil)).param("now", Timestamp.from(now))
                .param("p", project.id()).param("me", labelerId)
                .query(Long.class).optional().orElse(null));
    }

    static OptionalLong toOptional(Long id) {
        return id == null ? OptionalLong.empty() : OptionalLong.of(id);
    }
}
