package org.labelcrew.io;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
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
 * Deletes the rejected-rows reports (blob {@code io/reports/import-<job id>.rejected.csv}, issue 12) that nobody will
 * download any more: a report whose import ended more than {@code labelcrew.imports.report-retention} ago (default 7
 * days; the job then says {@code hasReport: false} and its download is a 404), and a report whose import job is gone
 * because its project was deleted (the job rows go with the project, by the foreign key's cascade, so the file has no
 * row left to find it by). Runs hourly as a db-scheduler recurring task, so one instance at a time does it; the reports
 * live in the blob store, so whichever instance runs it reaches them all.
 */
@Component
class ImportReports {

    private static final Logger log = LoggerFactory.getLogger(ImportReports.class);
    private static final String FOLDER = "io/reports/";
    private static final Pattern REPORT = Pattern.compile("io/reports/import-(\\d{1,18})\\.rejected\\.csv");

    private final JdbcClient jdbc;
    private final Clock clock;
    private final IoFiles files;
    private final Duration retention;

    ImportReports(JdbcClient jdbc, Clock clock, IoFiles files,
            @Value("${labelcrew.imports.report-retention:P7D}") Duration retention) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.files = files;
        this.retention = retention;
    }

    /** Deletes the reports past their retention and those of deleted projects; returns how many files went. */
    int sweep() {
        int deleted = 0;
        // Expired: forget the reference first (in its own statement, committed), then delete the file, so a download
        // never finds a reference whose file is half gone; a file left by a crash in between is an orphan for the next
        // sweep.
        List<String> expired = jdbc.sql("""
                UPDATE import_job j SET report_path = NULL
                FROM (SELECT id, report_path FROM import_job
                      WHERE report_path IS NOT NULL AND finished_at < :cutoff FOR UPDATE) old
                WHERE j.id = old.id RETURNING old.report_path""")
                .param("cutoff", Timestamp.from(clock.instant().minus(retention)))
                .query(String.class).list();
        for (String ref : expired) {
            if (files.exists(ref)) {
                files.delete(ref);
                deleted++;
            }
        }
        deleted += orphans();
        if (deleted > 0) log.info("Deleted {} rejected-rows report(s) past their {} retention or of deleted projects",
                deleted, retention);
        return deleted;
    }

    /**
     * Report files no job keeps: the job row is gone (its project was deleted), or the job ended without pointing at
     * the file (an attempt that was overtaken). A job still queued or running may be writing its report: kept.
     */
    private int orphans() {
        // The reports a job keeps: those of jobs still at work, and each finished job's own report.
        return files.deleteStrays(FOLDER, REPORT, ids -> {
            Set<String> kept = new HashSet<>(jdbc.sql("""
                    SELECT id, status, report_path FROM import_job
                    WHERE id = ANY(:ids) AND (status IN ('QUEUED', 'RUNNING') OR report_path IS NOT NULL)""")
                    .param("ids", ids.toArray(Long[]::new))
                    .query((rs, i) -> !IoJobs.finished(rs.getString("status")) || rs.getString("report_path") == null
                            ? FOLDER + "import-" + rs.getLong("id") + ".rejected.csv"
                            : rs.getString("report_path"))
                    .list());
            return (key, id) -> kept.contains(key);
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class Schedule {
        @Bean
        RecurringTask<Void> importReportSweeperTask(ImportReports reports) {
            return Tasks.recurring("import-report-sweeper", FixedDelay.ofHours(1)).execute((instance, ctx) -> reports.sweep());
        }
    }
}
