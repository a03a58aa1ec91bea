package org.labelcrew.io;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.labelcrew.account.CurrentUser;
import org.labelcrew.project.ProjectAccess;
import org.labelcrew.shared.ApiException;
import org.labelcrew.shared.Json;
import org.labelcrew.shared.Page;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/** Starting exports, following them and handing out the finished file. Managers of the project only. */
@Service
public class ExportService {

    private final JdbcClient jdbc;
    private final Json json;
    private final ProjectAccess access;
    private final ExportRunner runner;
    private final SchedulerClient scheduler;
    private final Clock clock;
    private final IoFiles files;
    private final ExportRetention retention;

    ExportService(JdbcClient jdbc, Json json, ProjectAccess access, ExportRunner runner, SchedulerClient scheduler,
            Clock clock, IoFiles files, ExportRetention retention) {
        this.files = files;
        this.retention = retention;
        this.jdbc = jdbc;
        this.json = json;
        this.access = access;
        this.runner = runner;
        this.scheduler = scheduler;
        this.clock = clock;
    }

    public record SplitRequest(Double train, Double validation, Double test, Long seed) {
    }

    /**
     * {@code field}: which field a single-field format writes (the spans field of a CoNLL export); by default the
     * schema's first field of the kind the format needs.
     */
    public record ExportRequest(String format, SplitRequest split, String field,
            @org.jspecify.annotations.Nullable Boolean media) {
    }

    public ExportJob start(long projectId, ExportRequest request, CurrentUser user) {
        requireManager(projectId, user);
        String format = request == null || request.format() == null || request.format().isBlank() ? "jsonl" : request.format();
        ExportFormat exportFormat = runner.format(format).orElseThrow(() -> IoProblems.invalid(ApiException.FieldError.coded("format", "io.format.notExport",
                "\"" + format + "\" is not an export format; use one of " + runner.formatNames(), "format", format,
                "formats", String.valueOf(runner.formatNames()))));
        Map<String, Object> options = new LinkedHashMap<>();
        if (request != null && request.field() != null && !request.field().isBlank()) options.put("field", request.field());
        // media: the image/audio files themselves go into the export beside the labels (yolo, voc…).
        if (request != null && Boolean.TRUE.equals(request.media())) options.put("media", true);
        if (request != null && request.split() != null) {
            SplitRequest s = request.split();
            Split split = Split.checked(s.train(), s.validation(), s.test(), s.seed());
            options.put("split", Map.of("train", split.train(), "validation", split.validation(), "test", split.test(),
                    "seed", split.seed()));
        }
        // Refused now, with the field at fault, rather than queued to fail in the background.
        JsonNode schema = jdbc.sql("SELECT schema::text FROM project WHERE id = :p").param("p", projectId)
                .query((rs, i) -> json.parse(rs.getString(1))).single();
        exportFormat.check(new ExportFormat.Context(schema, json.mapper().valueToTree(options)));
        long id;
        try {
            id = jdbc.sql("""
                    INSERT INTO export_job (project_id, format, options, created_by, created_at)
                    VALUES (:p, :f, :o::jsonb, :by, :now) RETURNING id""")
                    .param("p", projectId).param("f", format).param("o", json.write(options)).param("by", user.id())
                    .param("now", Timestamp.from(clock.instant()))
                    .query(Long.class).single();
        } catch (DuplicateKeyException e) {
            // The same export (project, format, options) is still queued or running: one click, one export.
            Long running = jdbc.sql("""
                    SELECT id FROM export_job WHERE project_id = :p AND format = :f AND options = :o::jsonb
                    AND status IN ('QUEUED', 'RUNNING')""")
                    .param("p", projectId).param("f", format).param("o", json.write(options))
                    .query(Long.class).optional().orElse(null);
            String which = running == null ? "an export that has just ended" : "export " + running;
            throw new ApiException(HttpStatus.CONFLICT, "Same export already running",
                    "The same export (format " + format + ", same options) of project " + projectId
                            + " is still running: " + which + ". Follow it"
                            + (running == null ? "" : " at /api/v1/exports/" + running) + " instead of starting another.",
                    List.of(ApiException.FieldError.coded("format", "io.export.sameRunning", "is the same export as " + which
                            + ", which has not finished", "exportId", running)))
                    .withCode("io.export.sameRunning", running == null ? Map.of() : Map.of("exportId", running));
        }
        try {
            IoSchedule.runNow(scheduler, IoSchedule.EXPORT, id);
        } catch (RuntimeException e) {
            // Never a job that waits for ever: it is marked failed, with the reason.
            jdbc.sql("""
                    UPDATE export_job SET status = 'FAILED', error = :e, finished_at = :now
                    WHERE id = :id AND status = 'QUEUED'""")
                    .param("e", "could not be queued: " + e.getMessage() + "; start the export again")
                    .param("now", Timestamp.from(clock.instant())).param("id", id).update();
            throw e;
        }
        return find(id);
    }

    public ExportJob get(long id, CurrentUser user) {
        ExportJob job = find(id);
        requireManager(job.projectId(), user);
        return job;
    }

    public Page<ExportJob> list(long projectId, String after, Integer limit, CurrentUser user) {
        requireManager(projectId, user);
        return IoJobs.list(jdbc, SELECT, (rs, i) -> row(rs), ExportJob::id, projectId, after, limit);
    }

    /** A finished export: where it is kept ({@code ref}, a blob key), its size, the name and type to send it as. */
    public record ExportFile(String ref, long size, String fileName, String contentType) {
    }

    /** The finished file; 409 while the job has not finished (or failed), 410 once its file expired. */
    public ExportFile file(long id, CurrentUser user) {
        ExportJob job = get(id, user);
        if (job.expired()) {
            // The browser words it from the code ("this export expired on …; start it again").
            throw new ApiException(HttpStatus.GONE, "Export expired", "Export " + id + " expired on "
                    + job.expiresAt() + ": its file is kept " + retention.retention() + " after the export ends "
                    + "(LABELCREW_EXPORT_RETENTION); start the same export again", null)
                    .withCode("export.expired", Map.of("exportId", id, "expiredAt", job.expiresAt().toString()));
        }
        if (!job.status().equals("DONE")) {
            throw ApiException.conflict("Export " + id + " is " + job.status() + "; its file is ready when it is DONE")
                    .withCode("export.notReady", Map.of("exportId", id, "status", String.valueOf(job.status())));
        }
        String path = jdbc.sql("SELECT file_path FROM export_job WHERE id = :id").param("id", id).query(String.class).single();
        if (path == null || !files.exists(path)) throw ApiException.notFound("Export file of export", id);
        ExportFormat format = runner.format(job.format())
                .orElseThrow(() -> ApiException.conflict("Export format " + job.format() + " is no longer available")
                        .withCode("export.formatGone", Map.of("format", job.format())));
        long size;
        try {
            size = files.size(path);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return new ExportFile(path, size, "project-" + job.projectId() + "-export-" + id + "." + format.extension(),
                format.contentType());
    }

    private static final String SELECT = """
            SELECT id, project_id, format, options, status, total, written, error, created_at, finished_at, expired_at
            FROM export_job""";

    private ExportJob find(long id) {
        return jdbc.sql(SELECT + " WHERE id = :id").param("id", id).query((rs, i) -> row(rs)).optional()
                .orElseThrow(() -> ApiException.notFound("Export", id));
    }

    private ExportJob row(ResultSet rs) throws SQLException {
        Timestamp finished = rs.getTimestamp("finished_at");
        Timestamp expired = rs.getTimestamp("expired_at");
        String status = rs.getString("status");
        // Until it expired: when the sweep will take the file (the retention as now configured); then: when it did.
        java.time.Instant expiresAt = expired != null ? expired.toInstant()
                : status.equals("DONE") && finished != null ? retention.expiresAt(finished.toInstant()) : null;
        return new ExportJob(rs.getLong("id"), rs.getLong("project_id"), rs.getString("format"),
                json.column(rs, "options"), status, rs.getLong("total"), rs.getLong("written"),
                rs.getString("error"), rs.getTimestamp("created_at").toInstant(),
                finished == null ? null : finished.toInstant(), expiresAt, expired != null);
    }

    private void requireManager(long projectId, CurrentUser user) {
        IoJobs.requireManager(access, projectId, user);
    }
}
