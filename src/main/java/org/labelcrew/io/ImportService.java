package org.labelcrew.io;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.labelcrew.account.CurrentUser;
import org.labelcrew.project.ProjectAccess;
import org.labelcrew.shared.ApiException;
import org.labelcrew.shared.Json;
import org.labelcrew.shared.Page;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.web.multipart.MultipartFile;
import tools.jackson.core.type.TypeReference;

/** Starting imports and following them; the work itself is {@link ImportRunner}'s. Managers of the project only. */
@Service
public class ImportService {

    private static final TypeReference<List<ImportJob.LineErrorView>> ERRORS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final Json json;
    private final ProjectAccess access;
    private final ImportRunner runner;
    private final SchedulerClient scheduler;
    private final IoFiles files;
    private final Clock clock;

    ImportService(JdbcClient jdbc, Json json, ProjectAccess access, ImportRunner runner, SchedulerClient scheduler,
            IoFiles files, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.access = access;
        this.runner = runner;
        this.scheduler = scheduler;
        this.files = files;
        this.clock = clock;
    }

    /** Stores the upload and queues its import; the checks of its content happen in the job, line by line. */
    public ImportJob start(long projectId, String format, MultipartFile file, CurrentUser user) {
        return start(projectId, format, file, null, user);
    }

    /** {@code parts}: several files for a format that reads a zip of them (media), packed into one zip here. */
    public ImportJob start(long projectId, String format, MultipartFile file, List<MultipartFile> parts, CurrentUser user) {
        requireManager(projectId, user);
        if (format == null || format.isBlank()) {
            throw ApiException.invalid("format", "is required; one of " + runner.formatNames());
        }
        if (runner.format(format).isEmpty()) {
            throw ApiException.invalid("format", "\"" + format + "\" is not an import format; use one of " + runner.formatNames());
        }
        boolean several = parts != null && !parts.isEmpty();
        if (several && file != null) throw ApiException.invalid("files", "send either one \"file\" or several \"files\", not both");
        if (several && !runner.format(format).get().takesSeveralFiles()) {
            throw ApiException.invalid("files", "\"" + format + "\" takes one file; several files are for the media formats");
        }
        if (file == null && !several) throw ApiException.invalid("file", "is required (multipart field \"file\")");
        Path path = files.imports().resolve(UUID.randomUUID() + ".upload");
        long id;
        try {
            // Moves the container's temporary copy when it can (same file system), instead of copying gigabytes.
            if (several) {
                SeveralFiles.zip(parts, path);
            } else {
                file.transferTo(path);
            }
            String sha256 = sha256(path);
            try {
                id = jdbc.sql("""
                        INSERT INTO import_job (project_id, format, file_name, file_path, file_size, file_sha256,
                                                created_by, created_at)
                        VALUES (:p, :f, :name, :path, :size, :sha, :by, :now) RETURNING id""")
                        .param("p", projectId).param("f", format).param("name", several ? parts.size() + " files" : fileName(file))
                        .param("path", path.toString()).param("size", Files.size(path)).param("sha", sha256)
                        .param("by", user.id()).param("now", Timestamp.from(clock.instant()))
                        .query(Long.class).single();
            } catch (DuplicateKeyException e) {
                throw sameFileRunning(projectId, sha256);
            }
        } catch (IOException e) {
            deleteQuietly(path);
            throw new UncheckedIOException("Could not store the upload", e);
        } catch (RuntimeException e) {
            deleteQuietly(path);
            throw e;
        }
        try {
            IoSchedule.runNow(scheduler, IoSchedule.IMPORT, id);
        } catch (RuntimeException e) {
            // Never a job that waits for ever: it is marked failed, with the reason, and its upload removed.
            jdbc.sql("""
                    UPDATE import_job SET status = 'FAILED', errors = :e::jsonb, finished_at = :now
                    WHERE id = :id AND status = 'QUEUED'""")
                    .param("e", json.write(List.of(new ImportJob.LineErrorView(null,
                            "could not be queued: " + e.getMessage() + "; nothing was imported, upload the file again"))))
                    .param("now", Timestamp.from(clock.instant())).param("id", id).update();
            deleteQuietly(path);
            throw e;
        }
        return find(id);
    }

    /**
     * The 409 for an upload whose content an unfinished import of the project already has (a unique index on the
     * running jobs' hashes decides, so two uploads at once cannot both pass): one click, one import.
     */
    private ApiException sameFileRunning(long projectId, String sha256) {
        ImportJob running = jdbc.sql(SELECT + " WHERE project_id = :p AND file_sha256 = :sha AND status IN ('QUEUED', 'RUNNING')")
                .param("p", projectId).param("sha", sha256).query((rs, i) -> row(rs)).optional().orElse(null);
        String which = running == null ? "an import that has just ended" : "import " + running.id() + " ("
                + running.status() + (running.fileName() == null ? "" : ", " + running.fileName()) + ")";
        return new ApiException(HttpStatus.CONFLICT, "Same file already importing",
                "This file is already being imported into project " + projectId + " by " + which
                        + ". Nothing was stored from this upload; follow that import"
                        + (running == null ? "" : " at /api/v1/imports/" + running.id())
                        + ", and upload again only if it fails.",
                List.of(ApiException.FieldError.field("file", "has the same content (SHA-256 " + sha256 + ") as "
                        + which + ", which has not finished")));
    }

    /** Hex SHA-256 of the stored upload: one sequential read (a 180 MB file: about a tenth of a second). */
    static String sha256(Path path) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] buf = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(path)) {
            int n;
            while ((n = in.read(buf)) > 0) digest.update(buf, 0, n);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    public ImportJob get(long id, CurrentUser user) {
        ImportJob job = find(id);
        requireManager(job.projectId(), user);
        return job;
    }

    /** The project's imports, newest first. */
    public Page<ImportJob> list(long projectId, String after, Integer limit, CurrentUser user) {
        requireManager(projectId, user);
        return IoJobs.list(jdbc, SELECT, (rs, i) -> row(rs), ImportJob::id, projectId, after, limit);
    }

    private static final String SELECT = """
            SELECT id, project_id, format, file_name, file_size, status, total, imported, rejected, bytes_read, errors,
                   created_at, finished_at FROM import_job""";

    private ImportJob find(long id) {
        return jdbc.sql(SELECT + " WHERE id = :id").param("id", id).query((rs, i) -> row(rs)).optional()
                .orElseThrow(() -> ApiException.notFound("Import", id));
    }

    private ImportJob row(ResultSet rs) throws SQLException {
        Timestamp finished = rs.getTimestamp("finished_at");
        return new ImportJob(rs.getLong("id"), rs.getLong("project_id"), rs.getString("format"),
                rs.getString("file_name"), rs.getLong("file_size"), rs.getString("status"), rs.getLong("total"),
                rs.getLong("imported"), rs.getLong("rejected"), rs.getLong("bytes_read"),
                json.mapper().readValue(rs.getString("errors"), ERRORS), rs.getTimestamp("created_at").toInstant(),
                finished == null ? null : finished.toInstant());
    }

    private void requireManager(long projectId, CurrentUser user) {
        IoJobs.requireManager(access, projectId, user);
    }

    private static String fileName(MultipartFile file) {
        String name = file.getOriginalFilename();
        if (name == null || name.isBlank()) return null;
        name = name.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1);
        return name.length() > 255 ? name.substring(0, 255) : name;
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // Nothing refers to the file yet; a leftover is harmless.
        }
    }
}
