package org.labelcrew.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.labelcrew.io.support.Encodings;
import org.labelcrew.io.support.Texts;
import org.labelcrew.project.ProjectAccess;
import org.labelcrew.schema.SchemaService;
import org.labelcrew.shared.ApiException;
import org.labelcrew.shared.Json;
import org.labelcrew.shared.WorkPacer;
import org.labelcrew.task.TaskStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Runs one import job (called by the db-scheduler task, on whichever instance picks it up). The file is streamed once:
 * every item is validated and COPY'd into {@code task} inside one transaction; the first bad line cancels the COPY,
 * the rest of the file is still read to report up to {@value #MAX_ERRORS} bad lines, and the transaction is rolled
 * back. So an import is all or nothing, and the heap holds one line and one COPY buffer whatever the file size.
 * With option {@code onError: "skip"} bad lines are reported instead and the good ones stored (the job ends DONE with
 * {@code rejected > 0}); in both modes every rejected line goes to the rejected-rows report ({@code line,field,reason,code}).
 * A file in CP949 or UTF-16 (option {@code encoding}, the manager's consent) is converted to UTF-8 as it is read.
 *
 * <p>Progress goes to {@code import_job} on a second connection (autocommit), so the browser sees it while the load
 * itself is still uncommitted. The job's final DONE is written in the load's own transaction: tasks and DONE appear
 * together.
 *
 * <p>Crash recovery: if the instance dies mid-way, its transaction dies with its connection (nothing of the load is
 * stored), db-scheduler sees the job's heartbeat stop and another instance (or this one, restarted) runs it again from
 * the first line, within about half a minute. Each run takes the job's next {@code attempt} number and may finish the
 * job only while it still holds the latest one, so a run presumed dead that wakes up later can neither store its tasks
 * beside the new run's nor mark the job: no task is ever stored twice. A job whose runs keep dying stops at
 * {@value #MAX_ATTEMPTS} attempts, FAILED with the reason.
 */
@Component
class ImportRunner {

    private static final Logger log = LoggerFactory.getLogger(ImportRunner.class);

    static final int MAX_ERRORS = 100;
    /** Runs of one job that may die mid-way (the instance killed or crashed) before the job is given up as FAILED. */
    static final int MAX_ATTEMPTS = 3;
    private static final long PROGRESS_EVERY_MS = 500;

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final Json json;
    private final ObjectMapper mapper;
    private final IoJobs.Formats<ImportFormat> formats;
    private final Clock clock;
    private final SchemaService schemas;
    private final ProjectAccess projects;
    private final IoFiles files;
    private final S3Source source;
    private final WorkPacer pacer;

    ImportRunner(DataSource dataSource, JdbcClient jdbc, Json json, List<ImportFormat> formats, SchemaService schemas,
            ProjectAccess projects, Clock clock, IoFiles files, S3Source source, WorkPacer pacer) {
        this.source = source;
        this.files = files;
        this.pacer = pacer;
        this.dataSource = dataSource;
        this.schemas = schemas;
        this.projects = projects;
        this.jdbc = jdbc;
        this.json = json;
        this.mapper = json.mapper();
        this.formats = new IoJobs.Formats<>(formats, ImportFormat::name);
        this.clock = clock;
    }

    Optional<ImportFormat> format(String name) {
        return formats.get(name);
    }

    List<String> formatNames() {
        return formats.names();
    }

    /** {@code file}: where the upload is kept (a blob key; an absolute path for a job queued before that). */
    private record Job(long id, long projectId, String format, String status, String file, JsonNode schema,
            ImportOptions options) {
    }

    void run(long jobId) {
        Job job = jdbc.sql("""
                SELECT j.id, j.project_id, j.format, j.status, j.file_path, p.schema, j.options
                FROM import_job j JOIN project p ON p.id = j.project_id WHERE j.id = :id""")
                .param("id", jobId)
                .query((rs, i) -> new Job(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), json.column(rs, "schema"),
                        ImportOptions.of(json.column(rs, "options"))))
                .optional().orElse(null);
        if (job == null) return;
        if (IoJobs.finished(job.status())) {
            // Finished, but its instance died before it could remove the upload or tell the scheduler.
            files.delete(job.file());
            return;
        }
        // This run's number; any earlier run of the job loses the right to finish it.
        Integer attempt = jdbc.sql("""
                UPDATE import_job SET attempt = attempt + 1
                WHERE id = :id AND status IN ('QUEUED', 'RUNNING') RETURNING attempt""")
                .param("id", jobId).query(Integer.class).optional().orElse(null);
        if (attempt == null) return; // finished meanwhile by another run
        if (attempt > 1) {
            log.warn("Import {} is run again (attempt {}): an earlier run stopped mid-way, its instance stopped or died; "
                    + "nothing of it was stored, so the file is loaded from the first line", jobId, attempt);
        }
        if (attempt > MAX_ATTEMPTS) {
            if (fail(job, attempt, new Outcome(0, 0, 1, List.of(ImportJob.LineErrorView.coded(null, "import.job.tooManyAttempts", "was started "
                    + MAX_ATTEMPTS + " times and each run stopped mid-way (the application was stopped or crashed); "
                    + "nothing was imported, upload the file again", "attempts", MAX_ATTEMPTS))))) {
                files.delete(job.file());
            }
            return;
        }
        boolean ended; // whether this run ended the job (DONE or FAILED); if not, a later run owns the upload
        try {
            Outcome outcome = load(job, attempt);
            ended = outcome.superseded() ? false : outcome.done() || outcome.errors().isEmpty() || fail(job, attempt, outcome);
        } catch (Exception e) {
            log.warn("Import {} failed", jobId, e);
            ended = fail(job, attempt, new Outcome(0, 0, 1,
                    List.of(e instanceof ImportFailure f
                            ? new ImportJob.LineErrorView(null, "The import stopped: " + IoJobs.message(e), f.code(), f.params())
                            : ImportJob.LineErrorView.coded(null, "import.job.stopped", "The import stopped: " + IoJobs.message(e),
                                    "detail", IoJobs.message(e)))));
        }
        if (ended) {
            files.delete(job.file()); // the stored upload ends with its import (the report, if any, stays)
        } else {
            log.warn("Import {}: attempt {} was overtaken by a later run, which finishes the job; nothing of attempt {} "
                    + "was stored", jobId, attempt, attempt);
        }
    }

    private record Outcome(long items, long imported, long rejected, List<ImportJob.LineErrorView> errors,
            boolean superseded, boolean done, String report, List<ImportWarning> warnings) {
        Outcome(long items, long imported, long rejected, List<ImportJob.LineErrorView> errors) {
            this(items, imported, rejected, errors, false, false, null, List.of());
        }
    }

    /**
     * The {@code errors} column's JSON: the line errors, then the warnings (objects with a {@code code}). One column
     * holds both so that warnings needed no migration; {@link ImportService} splits them again.
     */
    static String errorsColumn(Json json, List<ImportJob.LineErrorView> errors, List<ImportWarning> warnings) {
        List<Object> all = new ArrayList<>(errors);
        all.addAll(warnings);
        return json.write(all);
    }

    private Outcome load(Job job, int attempt) throws IOException, SQLException {
        if (job.options().source() != null) {
            // Media from a bucket prefix: listed and packed into a zip work file here, then read as an uploaded zip.
            Path zip = files.workFile(".source.zip");
            try {
                // RUNNING while the objects are fetched (that alone may take minutes), not still QUEUED.
                jdbc.sql("""
                        UPDATE import_job SET status = 'RUNNING' WHERE id = :id AND attempt = :attempt
                        AND status IN ('QUEUED', 'RUNNING')""").param("id", job.id()).param("attempt", attempt).update();
                source.pack(job.options(), zip);
                return load(job, attempt, zip);
            } finally {
                IoFiles.deleteQuietly(zip);
            }
        }
        if (job.file() == null || !files.exists(job.file())) {
            throw new IllegalStateException("the uploaded file is gone (" + job.file() + ")");
        }
        // The upload where this instance reads it: the store's own file (local store), else a work copy, removed after.
        try (IoFiles.Local local = files.local(job.file())) {
            return load(job, attempt, local.path());
        }
    }

    private Outcome load(Job job, int attempt, Path file) throws IOException, SQLException {
        ImportFormat format = format(job.format())
                .orElseThrow(() -> new IllegalStateException("unknown format " + job.format()));
        long started = System.nanoTime();
        long estimate = format.itemsFollowLines() ? Math.max(0, countLines(file) - format.headerLines()) : 0;
        long counted = System.nanoTime();
        int running = jdbc.sql("""
                UPDATE import_job SET status = 'RUNNING', total = :total, imported = 0, rejected = 0, bytes_read = 0,
                       errors = '[]' WHERE id = :id AND attempt = :attempt AND status IN ('QUEUED', 'RUNNING')""")
                .param("total", estimate).param("id", job.id()).param("attempt", attempt).update();
        if (running == 0) return SUPERSEDED;

        List<ImportJob.LineErrorView> errors = new ArrayList<>();
        List<ImportFormat.Item> gold = new ArrayList<>();
        boolean skip = job.options().skip();
        long items = 0;
        long stored = 0;
        long rejected = 0;
        long normalized = 0;
        long lastProgress = System.currentTimeMillis();
        PredictionCheck predictions = new PredictionCheck(job.schema());
        String encoding = job.options().encodingOrAuto();
        boolean convert = encoding.equals("cp949") || encoding.equals("utf-16");
        CountingInputStream raw = new CountingInputStream(Files.newInputStream(file));
        Texts.takeChanged(); // a fresh count for this run's thread
        try (InputStream in = new BufferedInputStream(convert ? Encodings.toUtf8(raw, Encodings.charset(encoding)) : raw, 1 << 16);
             ImportFormat.Reader reader = format.openFor(in, new ImportFormat.Context(job.projectId(), job.id(), job.schema(), job.options()));
             RejectedReport report = new RejectedReport(files.work().resolve("import-" + job.id() + "." + attempt + ".rejected.csv"));
             Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (TaskCopy copy = new TaskCopy(connection, job.projectId(), job.id(), pacer)) {
                ImportFormat.Entry entry;
                while ((entry = reader.next()) != null) {
                    boolean changed = Texts.takeChanged();
                    if (entry instanceof ImportFormat.Item g && g.gold() != null) {
                        ImportFormat.LineError problem = goldProblem(job.schema(), g, gold.size());
                        if (problem != null) entry = problem;
                    }
                    if (entry instanceof ImportFormat.Item item) {
                        // All or nothing: after the first error nothing more is loaded, but lines are still checked and
                        // reported. With onError skip the good items keep being loaded around the bad ones.
                        if (skip || rejected == 0) {
                            items++;
                            if (changed) normalized++;
                            // Predictions are hints: one that does not fit the schema is stored and reported.
                            if (item.gold() == null) predictions.check(item.line(), predictionData(item));
                            if (item.gold() != null) {
                                // Gold items are few: kept aside and inserted after the COPY, which stays as it is for
                                // the millions of ordinary items.
                                gold.add(item);
                            } else {
                                byte[] json = item.json() != null ? item.json() : mapper.writeValueAsBytes(item.data());
                                copy.add(json, item.priority(), item.sourceHash());
                            }
                        } else {
                            items++;
                        }
                    } else if (entry instanceof ImportFormat.LineError error) {
                        if (rejected++ == 0 && !skip) copy.close();
                        report.add(error);
                        if (errors.size() < MAX_ERRORS) {
                            errors.add(ImportJob.LineErrorView.of(error));
                        }
                    }
                    long now = System.currentTimeMillis();
                    if (now - lastProgress >= PROGRESS_EVERY_MS) {
                        lastProgress = now;
                        progress(job.id(), attempt, Math.max(estimate, items + rejected),
                                skip || rejected == 0 ? copy.rows() : 0, rejected,
                                convert ? raw.count() : reader.bytesRead());
                    }
                }
                if (items == 0 && rejected == 0) {
                    rejected = 1;
                    errors.add(format.headerLines() > 0
                            ? ImportJob.LineErrorView.coded(1L, "import.file.onlyHeader", "has no items: the file is empty or only a header")
                            : ImportJob.LineErrorView.coded(1L, "import.file.empty", "has no items: the file is empty"));
                }
                Path reportFile = report.finish();
                // Kept in the blob store beside the upload, so any instance serves it.
                String reportPath = reportFile == null ? null : files.keepReport(job.id(), reportFile);
                if (rejected > 0 && (!skip || items == 0)) {
                    copy.close();
                    connection.rollback();
                    return new Outcome(items + rejected, 0, rejected, errors, false, false, reportPath,
                            predictions.warnings());
                }
                stored = copy.finish() + insertGold(connection, job, gold);
                // Only the latest run may finish the job. Should a later run have started (this one was presumed
                // dead), this matches nothing and the load is rolled back; should the later run be finishing at
                // this very moment, the row lock makes one of them wait and then see the job DONE.
                try (PreparedStatement done = connection.prepareStatement("""
                        UPDATE import_job SET status = 'DONE', total = ?, imported = ?, rejected = ?, bytes_read = file_size,
                               errors = ?::jsonb, finished_at = ?, normalized = ?, report_path = ?
                        WHERE id = ? AND attempt = ? AND status = 'RUNNING'""")) {
                    done.setLong(1, items + rejected);
                    done.setLong(2, stored);
                    done.setLong(3, rejected);
                    done.setString(4, errorsColumn(json, errors, predictions.warnings()));
                    done.setTimestamp(5, Timestamp.from(clock.instant()));
                    done.setLong(6, normalized);
                    done.setString(7, reportPath);
                    done.setLong(8, job.id());
                    done.setInt(9, attempt);
                    if (done.executeUpdate() == 0) {
                        connection.rollback();
                        return SUPERSEDED;
                    }
                }
                connection.commit();
                if (!gold.isEmpty()) projects.evict(job.projectId()); // the cached settings count gold items
                log.info("Import {} stored {} tasks in project {} in {} ms (counting lines {} ms, giving way to people {} ms)",
                        job.id(), stored, job.projectId(), (System.nanoTime() - started) / 1_000_000,
                        (counted - started) / 1_000_000, copy.pausedNanos() / 1_000_000);
                return new Outcome(items + rejected, stored, rejected, errors, false, true, reportPath,
                        predictions.warnings());
            } catch (IOException | SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private static final byte[] PREDICTION_KEY = "\"prediction\"".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    /**
     * The data whose {@code prediction} is checked. An item copied verbatim (a plain JSONL line, stored as its own
     * bytes for speed) has no tree: only a line that holds the text {@code "prediction"} is parsed, for the check
     * alone, and its bytes are still what is stored. Verbatim lines have no escapes, so the key cannot hide.
     */
    private JsonNode predictionData(ImportFormat.Item item) {
        if (item.data() != null || item.json() == null || !contains(item.json(), PREDICTION_KEY)) return item.data();
        return mapper.readTree(item.json());
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0, last = haystack.length - needle.length; i <= last; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) continue outer;
            }
            return true;
        }
        return false;
    }

    private static final Outcome SUPERSEDED = new Outcome(0, 0, 0, List.of(), true, false, null, List.of());

    static final int MAX_GOLD = 10_000;

    /**
     * Why a gold item cannot be stored (its reference breaks the schema: each field named), or null. The schema's
     * own words for each field stay English in {@code problems} (the schema validator's messages have no codes).
     */
    private ImportFormat.LineError goldProblem(JsonNode schema, ImportFormat.Item item, int goldSoFar) {
        if (goldSoFar >= MAX_GOLD) {
            return ImportFormat.LineError.coded(item.line(), "import.gold.tooMany", "is gold item number " + (goldSoFar + 1)
                    + "; one import takes at most " + MAX_GOLD, "n", goldSoFar + 1, "max", MAX_GOLD).withField("gold");
        }
        List<ApiException.FieldError> problems = schemas.resultProblems(schema, item.data(), item.gold());
        if (problems.isEmpty()) return null;
        String said = String.join("; ", problems.stream()
                .map(e -> e.field().replaceFirst("^result", "gold") + " " + e.message()).toList());
        return ImportFormat.LineError.coded(item.line(), "import.gold.breaksSchema",
                "has a gold reference that breaks the label schema: " + said, "problems", said).withField("gold");
    }

    private long insertGold(Connection connection, Job job, List<ImportFormat.Item> gold) throws SQLException {
        return TaskStore.insertGold(connection, job.projectId(), job.id(), gold.stream()
                .map(item -> new TaskStore.GoldRow(json.write(item.data()), item.priority(), item.sourceHash(),
                        json.write(item.gold())))
                .toList());
    }

    private void progress(long jobId, int attempt, long total, long imported, long rejected, long bytesRead) {
        jdbc.sql("""
                UPDATE import_job SET total = :t, imported = :i, rejected = :r, bytes_read = :b
                WHERE id = :id AND attempt = :a AND status = 'RUNNING'""")
                .param("t", total).param("i", imported).param("r", rejected).param("b", bytesRead).param("id", jobId)
                .param("a", attempt).update();
    }

    /** Marks the job FAILED, if this run still owns it; whether it did. */
    private boolean fail(Job job, int attempt, Outcome outcome) {
        return jdbc.sql("""
                UPDATE import_job SET status = 'FAILED', total = :t, imported = 0, rejected = :r, errors = :e::jsonb,
                       finished_at = :now, report_path = :report
                WHERE id = :id AND attempt = :a AND status IN ('QUEUED', 'RUNNING')""")
                .param("t", outcome.items()).param("r", outcome.rejected())
                .param("e", errorsColumn(json, outcome.errors(), outcome.warnings()))
                .param("report", outcome.report())
                .param("now", Timestamp.from(clock.instant())).param("id", job.id()).param("a", attempt).update() > 0;
    }

    /** Counts non-empty lines for the progress estimate: one fast sequential pass over bytes, no decoding. */
    static long countLines(Path file) throws IOException {
        long lines = 0;
        boolean content = false;
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                for (int i = 0; i < n; i++) {
                    byte b = buf[i];
                    if (b == '\n') {
                        if (content) lines++;
                        content = false;
                    } else if (b != '\r') {
                        content = true;
                    }
                }
            }
        }
        return content ? lines + 1 : lines;
    }

    /** Counts the raw bytes read, for the progress of a converted upload (the converted stream is longer). */
    private static final class CountingInputStream extends java.io.FilterInputStream {
        private long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) count++;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) count += n;
            return n;
        }

        long count() {
            return count;
        }
    }

    /**
     * The rejected-rows report: CSV {@code line,field,reason,code}, every rejected line (not only the first
     * {@value #MAX_ERRORS} of {@code errors}), written as the lines are read. Made only when a line is rejected;
     * it stays after the upload is deleted, for the manager to download.
     */
    static final class RejectedReport implements java.io.Closeable {
        private final Path path;
        private java.io.Writer out;

        RejectedReport(Path path) throws IOException {
            this.path = path;
            Files.deleteIfExists(path); // an earlier attempt's
        }

        void add(ImportFormat.LineError error) throws IOException {
            if (out == null) {
                out = Files.newBufferedWriter(path, java.nio.charset.StandardCharsets.UTF_8);
                out.write("\uFEFFline,field,reason,code\r\n"); // the BOM makes spreadsheet programs read it as UTF-8
            }
            out.write(error.line() + "," + csv(error.field() == null ? "" : error.field()) + "," + csv(error.message()) + ","
                    + csv(error.code() == null ? "" : error.code()) + "\r\n");
        }

        /** The report's path, closed; null when no line was rejected. */
        Path finish() throws IOException {
            if (out == null) return null;
            out.close();
            out = null;
            return path;
        }

        /** Closes it and removes the work file (kept, if it was, in the blob store by then). */
        @Override
        public void close() throws IOException {
            if (out != null) out.close();
            Files.deleteIfExists(path);
        }

        static String csv(String s) {
            if (s.isEmpty()) return s;
            boolean quote = s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0;
            // A leading = + - @ would be a formula in a spreadsheet: the reason quotes file content.
            String safe = "=+-@".indexOf(s.charAt(0)) >= 0 ? "'" + s : s;
            return quote ? "\"" + safe.replace("\"", "\"\"") + "\"" : safe;
        }
    }

}
