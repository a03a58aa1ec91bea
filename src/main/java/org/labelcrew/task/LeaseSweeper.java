package org.labelcrew.task;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.labelcrew.project.ProjectService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Returns the slots of leases that ran out. Runs every 30 s as a db-scheduler task (one instance at a time across a
 * cluster); the draft stays on the assignment so the labeler gets it back (see Strategies.ReturnedDraft).
 */
@Service
public class LeaseSweeper {

    static final int BATCH = 1000;

    private final JdbcClient jdbc;
    private final TaskEvents events;
    private final Clock clock;
    private final TransactionTemplate tx;

    LeaseSweeper(JdbcClient jdbc, TaskEvents events, Clock clock, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
        this.tx = tx;
    }

    /** Expires every lease past its time; returns how many. */
    public int sweep() {
        int total = 0;
        while (true) {
            Integer n = tx.execute(status -> sweepBatch(clock.instant()));
            total += n;
            if (n < BATCH) return total;
        }
    }

    private int sweepBatch(Instant now) {
        record Expired(long id, long taskId, long projectId) {
        }
        List<Expired> expired = jdbc.sql("""
                UPDATE assignment SET state = 'EXPIRED', updated_at = :now
                WHERE id IN (SELECT id FROM assignment WHERE state = 'LEASED' AND lease_expires_at <= :now
                             ORDER BY lease_expires_at LIMIT :n FOR UPDATE SKIP LOCKED)
                RETURNING id, task_id, project_id""")
                .param("now", Timestamp.from(now)).param("n", BATCH)
                .query((rs, i) -> new Expired(rs.getLong(1), rs.getLong(2), rs.getLong(3))).list();
        for (Expired e : expired) {
            jdbc.sql("SELECT refresh_task(:t)").param("t", e.taskId()).query().rowSet();
            events.append(e.taskId(), e.projectId(), TaskEvents.EXPIRE, null, e.id(), Map.of());
        }
        return expired.size();
    }

    /**
     * Ends at once every lease a person holds in a project they may no longer label in (removed, paused, or given
     * another role), in the transaction that made the change. Their drafts are kept, as on any expiry; their drafts and
     * submits are refused from then on by {@link WorkService} (403).
     */
    @EventListener
    void labelingEnded(ProjectService.LabelingEnded e) {
        Instant now = clock.instant();
        record Ended(long id, long taskId) {
        }
        List<Ended> ended = jdbc.sql("""
                UPDATE assignment SET state = 'EXPIRED', lease_expires_at = :now, updated_at = :now
                WHERE project_id = :p AND labeler_id = :a AND state = 'LEASED' RETURNING id, task_id""")
                .param("now", Timestamp.from(now)).param("p", e.projectId()).param("a", e.accountId())
                .query((rs, i) -> new Ended(rs.getLong(1), rs.getLong(2))).list();
        for (Ended x : ended) {
            jdbc.sql("SELECT refresh_task(:t)").param("t", x.taskId()).query().rowSet();
            events.append(x.taskId(), e.projectId(), TaskEvents.EXPIRE, null, x.id(), Map.of("reason", e.why()));
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Schedule {
        @Bean
        RecurringTask<Void> leaseSweeperTask(LeaseSweeper sweeper) {
            return Tasks.recurring("lease-sweeper", FixedDelay.ofSeconds(30)).execute((instance, ctx) -> sweeper.sweep());
        }
    }
}
