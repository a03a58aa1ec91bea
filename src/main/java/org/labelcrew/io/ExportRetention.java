package org.labelcrew.io;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Exports do not stay in the blob store for ever: an export's file ({@code io/exports/<job id>.<extension>}) is
 * deleted once the export finished more than {@code labelcrew.exports.retention} ago ({@code LABELCREW_EXPORT_RETENTION},
 * an ISO-8601 duration, default 7 days). The job stays DONE with its counts and gains {@code expired_at}; its download
 * then answers 410 Gone ({@code export.expired}), and the browser offers to run the same export again. Files of
 * exports whose job is gone (the project was deleted) go too. Runs hourly as a db-scheduler recurring task, so one
 * instance at a time does it; should two ever sweep at once, the row lock lets only one of them expire a job, and
 * deleting a file already gone is no error.
 */
@Component
class ExportRetention {

    static final String SETTING = "LABELCREW_EXPORT_RETENTION (labelcrew.exports.retention)";
    private static final Logger log = LoggerFactory.getLogger(ExportRetention.class);
    private static final String FOLDER = "io/exports/";
    private static final Pattern EXPORT = Pattern.compile("io/exports/(\\d{1,18})\\.[A-Za-z0-9.-]{1,20}");

    private final JdbcClient jdbc;
    private final Clock clock;
    private final IoFiles files;
    private final Duration retention;

    ExportRetention(JdbcClient jdbc, Clock clock, IoFiles files,
            @Value("${labelcrew.exports.retention:P7D}") String retention) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.files = files;
        this.retention = parse(retention);
    }

    /**
     * The setting as a positive ISO-8601 duration ({@code P7D}, {@code PT12H}); anything else stops the start with a
     * message naming the setting, rather than exports that never expire or expire at once.
     */
    static Duration parse(String value) {
        String v = value == null ? "" : value.strip();
        Duration d;
        try {
            d = Duration.parse(v);
        } catch (DateTimeParseException e) {
            throw new IllegalStateException(SETTING + " is \"" + v + "\", which is not an ISO-8601 duration; "
                    + "write for example P7D (7 days) or PT12H (12 hours)", e);
        }
        if (d.isNegative() || d.isZero()) {
            throw new IllegalStateException(SETTING + " is \"" + v + "\"; an export must be kept for some time, "
                    + "for example P7D (7 days)");
        }
        return d;
    }

    Duration retention() {
        return retention;
    }

    /** When the file of an export that finished at {@code finishedAt} goes (at the first sweep after this). */
    Instant expiresAt(Instant finishedAt) {
        return finishedAt.plus(retention);
    }

    /** Deletes the export files past their retention and those of deleted projects; returns how many files went. */
    int sweep() {
        int deleted = 0;
        // Expire the job first (its own statement, committed), then delete the file, so a download never finds a job
        // whose file is half gone; a file left by a crash in between is an orphan for the next sweep. FOR UPDATE: a
        // second sweep at the same moment waits for this one, then finds the job expired and leaves it.
        List<String> expired = jdbc.sql("""
                UPDATE export_job j SET expired_at = :now, file_path = NULL
                FROM (SELECT id, file_path FROM export_job
                      WHERE status = 'DONE' AND expired_at IS NULL AND finished_at < :cutoff FOR UPDATE) old
                WHERE j.id = old.id AND j.expired_at IS NULL RETURNING old.file_path""")
                .param("now", Timestamp.from(clock.instant()))
                .param("cutoff", Timestamp.from(clock.instant().minus(retention)))
                .query(String.class).list();
        for (String ref : expired) {
            if (ref != null && files.exists(ref)) {
                files.delete(ref);
                deleted++;
            }
        }
        deleted += orphans();
        if (deleted > 0) log.info("Deleted {} export file(s) past their {} retention or of deleted projects", deleted, retention);
        return deleted;
    }

    /**
     * Export files no job keeps: the job row is gone (its project was deleted), or the job expired or failed. A job
     * still queued or running may be storing its file: kept.
     */
    private int orphans() {
        return files.deleteStrays(FOLDER, EXPORT, ids -> {
            Set<Long> working = new HashSet<>();
            Set<String> kept = new HashSet<>();
            jdbc.sql("""
                    SELECT id, status, file_path FROM export_job
                    WHERE id = ANY(:ids) AND (status IN ('QUEUED', 'RUNNING') OR file_path IS NOT NULL)""")
                    .param("ids", ids.toArray(Long[]::new))
                    .query(rs -> {
                        if (!IoJobs.finished(rs.getString("status"))) working.add(rs.getLong("id"));
                        else kept.add(rs.getString("file_path"));
                    });
            return (key, id) -> working.contains(id) || kept.contains(key);
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class Schedule {
        @Bean
        RecurringTask<Void> exportSweeperTask(ExportRetention retention) {
            return Tasks.recurring("export-sweeper", FixedDelay.ofHours(1)).execute((instance, ctx) -> retention.sweep());
        }
    }
}
