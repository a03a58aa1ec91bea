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
import java.util.Map;
import org.labelcrew.account.CurrentUser;
import org.labelcrew.io.support.Encodings;
import org.labelcrew.project.ProjectAccess;
import org.labelcrew.shared.ApiException;
import org.labelcrew.shared.Json;
import org.labelcrew.shared.Page;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.web.multipart.MultipartFile;
import tools.jackson.databind.JsonNode;

/** Starting imports and following them; the work itself is {@link ImportRunner}'s. Managers of the project only. */
@Service
public class ImportService {

    private final JdbcClient jdbc;
    private final Json json;
    private final ProjectAccess access;
    private final ImportRunner runner;
    private final SchedulerClient scheduler;
    private final IoFiles files;
    private final Clock clock;
    private final S3Source source;

    ImportService(JdbcClient jdbc, Json json, ProjectAccess access, ImportRunner runner, SchedulerClient scheduler,
            IoFiles files, Clock clock, S3Source source) {
        this.source = source;
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
        return start(projectId, format, file, null, null, user);
    }

    /**
     * Stores the upload and queues its import with {@code options} (the multipart field, a JSON object or null).
     * {@code parts}: several files for a format that reads a zip of them (media), packed into one zip here. An upload
     * that is not UTF-8 while {@code encoding} is {@code auto} is refused with {@link EncodingConsentNeeded} (nothing
     * stored): the browser asks the manager and uploads again with {@code encoding} set.
     */
    public ImportJob start(long projectId, String format, MultipartFile file, List<MultipartFile> parts, String rawOptions,
            CurrentUser user) {
        requireManager(projectId, user);
        if (format == null || format.isBlank()) {
            throw IoProblems.invalid(ApiException.FieldError.coded("format", "io.format.required", "is required; one of " + runner.formatNames(),
                    "formats", String.valueOf(runner.formatNames())))
                    .withCode("import.request.formatRequired", Map.of("formats", String.valueOf(runner.formatNames())));
        }
        ImportFormat importFormat = runner.format(format).orElseThrow(() -> IoProblems.invalid(ApiException.FieldError.coded("format", "io.format.unknown",
                "\"" + format + "\" is not an import format; use one of " + runner.formatNames(),
                "format", format, "formats", String.valueOf(runner.formatNames())))
                .withCode("import.request.formatUnknown", Map.of("format", format, "formats", String.valueOf(runner.formatNames()))));
        ImportOptions options = parseOptions(rawOptions, importFormat);
        boolean several = parts != null && !parts.isEmpty();
        if (several && file != null) {
            throw IoProblems.invalid(ApiException.FieldError.coded("files", "io.files.fileAndFiles", "send either one \"file\" or several \"files\", not both"))
                    .withCode("import.request.fileAndFiles", Map.of());
        }
        if (several && !importFormat.takesSeveralFiles()) {
            throw IoProblems.invalid(ApiException.FieldError.coded("files", "io.files.oneFileOnly",
                    "\"" + format + "\" takes one file; several files are for the media formats", "format", format))
                    .withCode("import.request.oneFileOnly", Map.of("format", format));
        }
        if (options.source() != null) {
            if (file != null || several) {
                throw IoProblems.invalid(ApiException.FieldError.coded("options.source", "io.source.withFile",
                        "reads the media from a bucket; send no \"file\" or \"files\" with it"))
                        .withCode("import.source.withFile", Map.of());
            }
            return startFromSource(projectId, format, options, user);
        }
        if (file == null && !several) {
            throw IoProblems.invalid(ApiException.FieldError.coded("file", "io.file.required", "is required (multipart field \"file\")")).withCode("import.request.fileRequired", Map.of());
        }
        // The upload is written to a work file once (the container's temporary copy is moved there when it can),
        // hashed, then moved or streamed into the blob store, where the job reads it on whichever instance runs it.
        Path path = files.workFile(".upload");
        String key = null;
        long id;
        try {
            if (several) {
                SeveralFiles.zip(parts, path);
            } else {
                file.transferTo(path);
            }
            Encodings.Sniffer sniffer = new Encodings.Sniffer();
            String sha256 = sha256(path, sniffer);
            String detected = sniffer.verdict();
            // A file that is neither (stray bytes in a UTF-8 file) goes on as UTF-8: its bad lines are named one by one.
            // A zip of media is bytes, not text: no encoding question.
            if (!several && options.encodingOrAuto().equals("auto") && (detected.equals("cp949") || detected.equals("utf-16"))
                    && !importFormat.binary(several || startsAsZip(path))) {
                throw new EncodingConsentNeeded(detected);
            }
            long size = Files.size(path);
            key = files.keepUpload(path);
            try {
                id = jdbc.sql("""
                        INSERT INTO import_job (project_id, format, file_name, file_path, file_size, file_sha256,
                                                created_by, created_at, options)
                        VALUES (:p, :f, :name, :path, :size, :sha, :by, :now, :o::jsonb) RETURNING id""")
                        .param("p", projectId).param("f", format).param("name", several ? parts.size() + " files" : fileName(file))
                        .param("path", key).param("size", size).param("sha", sha256)
                        .param("by", user.id()).param("now", Timestamp.from(clock.instant()))
                        .param("o", json.write(options.toJson()))
                        .query(Long.class).single();
            } catch (DuplicateKeyException e) {
                throw sameFileRunning(projectId, sha256);
            }
        } catch (IOException e) {
            IoFiles.deleteQuietly(path);
            files.delete(key);
            throw new UncheckedIOException("Could not store the upload", e);
        } catch (RuntimeException e) {
            IoFiles.deleteQuietly(path);
            files.delete(key);
            throw e;
        }
        try {
            IoSchedule.runNow(scheduler, IoSchedule.IMPORT, id);
        } catch (RuntimeException e) {
            // Never a job that waits for ever: it is marked failed, with the reason, and its upload removed.
            jdbc.sql("""
                    UPDATE import_job SET status = 'FAILED', errors = :e::jsonb, finished_at = :now
                    WHERE id = :id AND status = 'QUEUED'""")
                    .param("e", json.write(List.of(ImportJob.LineErrorView.coded(null, "import.job.notQueued",
                            "could not be queued: " + e.getMessage() + "; nothing was imported, upload the file again",
                            "detail", IoJobs.message(e)))))
                    .param("now", Timestamp.from(clock.instant())).param("id", id).update();
            files.delete(key);
            throw e;
        }
        return find(id);
    }

    /**
     * An import of the media under an S3-compatible bucket prefix ({@link S3Source}): checked now (the bucket exists,
     * the prefix holds objects), read by the job. Its "hash" is the source's, so the same prefix is not imported twice
     * at once.
     */
    private ImportJob startFromSource(long projectId, String format, ImportOptions options, CurrentUser user) {
        source.check(options);
        String sha256;
        try {
            sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(
                    ("source " + options.endpoint() + " " + S3Source.Location.of(options.source()))
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        long id;
        try {
            id = jdbc.sql("""
                    INSERT INTO import_job (project_id, format, file_name, file_path, file_size, file_sha256,
                                            created_by, created_at, options)
                    VALUES (:p, :f, :name, NULL, 0, :sha, :by, :now, :o::jsonb) RETURNING id""")
                    .param("p", projectId).param("f", format).param("name", options.source())
                    .param("sha", sha256).param("by", user.id()).param("now", Timestamp.from(clock.instant()))
                    .param("o", json.write(options.toJson()))
                    .query(Long.class).single();
        } catch (DuplicateKeyException e) {
            throw sameFileRunning(projectId, sha256);
        }
        try {
            IoSchedule.runNow(scheduler, IoSchedule.IMPORT, id);
        } catch (RuntimeException e) {
            jdbc.sql("""
                    UPDATE import_job SET status = 'FAILED', errors = :e::jsonb, finished_at = :now
                    WHERE id = :id AND status = 'QUEUED'""")
                    .param("e", json.write(List.of(ImportJob.LineErrorView.coded(null, "import.job.notQueued",
                            "could not be queued: " + e.getMessage() + "; nothing was imported, start it again",
                            "detail", IoJobs.message(e)))))
                    .param("now", Timestamp.from(clock.instant())).param("id", id).update();
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
                List.of(ApiException.FieldError.coded("file", "io.file.sameRunning", "has the same content (SHA-256 " + sha256 + ") as "
                        + which + ", which has not finished", "sha256", sha256, "importId", running == null ? null : running.id())))
                .withCode("io.file.sameRunning", running == null ? Map.of("sha256", sha256) : Map.of("sha256", sha256, "importId", running.id()));
    }

    /** Hex SHA-256 of the stored upload: one sequential read (a 180 MB file: about a tenth of a second). */
    static String sha256(Path path) throws IOException {
        return sha256(path, new Encodings.Sniffer());
    }

    /** The hash, while {@code sniffer} watches the same bytes (one read of the file for both). */
    static String sha256(Path path, Encodings.Sniffer sniffer) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] buf = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(path)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                digest.update(buf, 0, n);
                sniffer.update(buf, 0, n);
            }
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
                   created_at, finished_at, options, normalized, report_path FROM import_job""";

    /**
     * The options of an upload: the JSON object, checked key by key; a key no option has, or one this format does not
     * read, is a 422 naming it ({@code options.<key>}).
     */
    private ImportOptions parseOptions(String raw, ImportFormat format) {
        if (raw == null || raw.isBlank()) return ImportOptions.NONE;
        tools.jackson.databind.JsonNode node;
        try {
            node = json.parse(raw);
        } catch (RuntimeException e) {
            throw IoProblems.invalid(ApiException.FieldError.coded("options", "io.options.notJson",
                    "is not valid JSON; send a JSON object such as {\"onError\": \"skip\"}"))
                    .withCode("import.options.notJson", Map.of());
        }
        ImportOptions options = ImportOptions.of(node);
        java.util.Set<String> allowed = new java.util.HashSet<>(format.optionKeys());
        allowed.addAll(List.of("encoding", "onError"));
        if (format.takesSeveralFiles()) allowed.addAll(ImportOptions.SOURCE_KEYS); // media from a bucket prefix
        List<ApiException.FieldError> errors = new java.util.ArrayList<>();
        for (String key : node.propertyNames()) {
            if (!allowed.contains(key)) {
                String takes = String.join(", ", allowed.stream().sorted().toList());
                errors.add(ApiException.FieldError.coded("options." + key, "io.option.notForFormat", "is not an option of format "
                        + format.name() + "; it takes " + takes, "format", format.name(), "allowed", takes));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid("The import options do not fit format " + format.name() + ": " + String.join("; ",
                    errors.stream().map(e -> e.field() + " " + e.message()).toList()), errors)
                    .withCode("import.options.notForFormat", Map.of("format", format.name(),
                            "fields", String.join(", ", errors.stream().map(ApiException.FieldError::field).toList())));
        }
        return options;
    }

    /**
     * The 422 for an upload that is not UTF-8 while {@code encoding} is {@code auto}: {@code detected} is
     * {@code cp949}, {@code utf-16} or {@code unknown}. The controller answers it with {@code code} and {@code params}
     * so the browser can ask "convert from CP949?" in the reader's language.
     */
    static final class EncodingConsentNeeded extends ApiException {
        final String detected;

        EncodingConsentNeeded(String detected) {
            super(HttpStatus.UNPROCESSABLE_CONTENT, "Encoding not confirmed", switch (detected) {
                case "cp949" -> "The file is not UTF-8; it looks like CP949 (EUC-KR). Nothing was stored: upload it again"
                        + " with options {\"encoding\": \"cp949\"} to convert it, or save it as UTF-8.";
                case "utf-16" -> "The file is UTF-16 (it starts with a UTF-16 byte-order mark). Nothing was stored: upload"
                        + " it again with options {\"encoding\": \"utf-16\"} to convert it, or save it as UTF-8.";
                default -> "The file is not UTF-8. Nothing was stored: save it as UTF-8, or name its encoding in"
                        + " options.encoding.";
            }, List.of(ApiException.FieldError.coded("options.encoding", "io.encoding.notUtf8", "must be given: the file is not UTF-8 (it looks like "
                    + detected + ")", "detected", detected)));
            this.detected = detected;
        }
    }

    /** A stored file to send: where it is ({@code ref}), its size. */
    public record Stored(String ref, long size) {
    }

    /** The rejected-rows report of an import (CSV), or 404 when it has none. */
    public Stored report(long id, CurrentUser user) {
        ImportJob job = get(id, user);
        String path = jdbc.sql("SELECT report_path FROM import_job WHERE id = :id").param("id", id)
                .query(String.class).optional().orElse(null);
        if (!job.hasReport() || path == null || !files.exists(path)) {
            throw new ApiException(HttpStatus.NOT_FOUND, "Not found", "Import " + id
                    + " has no rejected-rows report: it rejected no row" + (IoJobs.finished(job.status()) ? "" : " so far"),
                    List.of(ApiException.FieldError.coded("id", "io.report.none", "names an import without rejected rows")))
                    .withCode("io.report.none", Map.of());
        }
        try {
            return new Stored(path, files.size(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ImportJob find(long id) {
        return jdbc.sql(SELECT + " WHERE id = :id").param("id", id).query((rs, i) -> row(rs)).optional()
                .orElseThrow(() -> ApiException.notFound("Import", id));
    }

    private ImportJob row(ResultSet rs) throws SQLException {
        Timestamp finished = rs.getTimestamp("finished_at");
        // The errors column holds the line errors, then the warnings (the objects without a message):
        // ImportRunner.errorsColumn. Line errors have codes too since import codes; those stored before have none.
        List<ImportJob.LineErrorView> errors = new java.util.ArrayList<>();
        List<ImportWarning> warnings = new java.util.ArrayList<>();
        for (JsonNode e : json.parse(rs.getString("errors"))) {
            if (!e.has("message")) warnings.add(json.mapper().treeToValue(e, ImportWarning.class));
            else errors.add(json.mapper().treeToValue(e, ImportJob.LineErrorView.class));
        }
        return new ImportJob(rs.getLong("id"), rs.getLong("project_id"), rs.getString("format"),
                rs.getString("file_name"), rs.getLong("file_size"), rs.getString("status"), rs.getLong("total"),
                rs.getLong("imported"), rs.getLong("rejected"), rs.getLong("bytes_read"),
                errors, rs.getTimestamp("created_at").toInstant(),
                finished == null ? null : finished.toInstant(), ImportOptions.of(json.parse(rs.getString("options"))),
                rs.getLong("normalized"), rs.getString("report_path") != null, warnings);
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


    /** Whether the stored upload starts with a zip's local-file signature (PK\3\4). */
    private static boolean startsAsZip(Path path) throws java.io.IOException {
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(path)) {
            byte[] head = in.readNBytes(4);
            return head.length == 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
        }
    }
}
