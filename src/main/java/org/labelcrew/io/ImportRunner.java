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
import org.labelcrew.project.ProjectAccess;
import org.labelcrew.schema.SchemaService;
import org.labelcrew.shared.ApiException;
import org.labelcrew.shared.Json;
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
 *
 * <p>Progress goes to {@code import_job} on a second connection (autocommit), so the browser sees it while the load
 * itself is still uncommitted. The job's final DONE is written in the load's own transaction: tasks and DONE appear
 * together. If the instance dies mid-way, the transaction is lost and db-scheduler runs the job again from the start.
 */
@Component
class ImportRunner {

    private static final Logger log = LoggerFactory.getLogger(ImportRunner.class);

    static final int MAX_ERRORS = 100;
    private static final long PROGRESS_EVERY_MS = 500;

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final Json json;
    private final ObjectMapper mapper;
    private final IoJobs.Formats<ImportFormat> formats;
    private final Clock clock;
    private final SchemaService schemas;
    private final ProjectAccess projects;

    ImportRunner(DataSource dataSource, JdbcClient jdbc, Json json, List<ImportFormat> formats, SchemaService schemas,
            ProjectAccess projects, Clock clock) {
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

    private record Job(long id, long projectId, String format, String status, Path file, JsonNode schema) {
    }

    void run(long jobId) {
        Job job = jdbc.sql("""
                SELECT j.id, j.project_id, j.format, j.status, j.file_path, p.schema
                FROM import_job j JOIN project p ON p.id = j.project_id WHERE j.id = :id""")
                .param("id", jobId)
                .query((rs, i) -> new Job(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        rs.getString(5) == null ? null : Path.of(rs.getString(5)), json.column(rs, "schema")))
                .optional().orElse(null);
        if (job == null || IoJobs.finished(job.status())) return;
        try {
            Outcome outcome = load(job);
            if (!outcome.errors().isEmpty()) fail(job, outcome);
        } catch (Exception e) {
            log.warn("Import {} failed", jobId, e);
            fail(job, new Outcome(0, 0, 1, List.of(new ImportJob.LineErrorView(null, "The import stopped: " + IoJobs.message(e)))));
        } finally {
            deleteQuietly(job.file());
        }
    }

    private record Outcome(long items, long imported, long rejected, List<ImportJob.LineErrorView> errors) {
    }

    private Outcome load(Job job) throws IOException, SQLException {
        ImportFormat format = format(job.format())
                .orElseThrow(() -> new IllegalStateException("unknown format " + job.format()));
        if (job.file() == null || !Files.isRegularFile(job.file())) {
            throw new IllegalStateException("the uploaded file is gone (" + job.file() + ")");
        }
        long started = System.nanoTime();
        long estimate = format.itemsFollowLines() ? Math.max(0, countLines(job.file()) - format.headerLines()) : 0;
        long counted = System.nanoTime();
        jdbc.sql("""
                UPDATE import_job SET status = 'RUNNING', total = :total, imported = 0, rejected = 0, bytes_read = 0,
                       errors = '[]' WHERE id = :id""")
                .param("total", estimate).param("id", job.id()).update();

        List<ImportJob.LineErrorView> errors = new ArrayList<>();
        List<ImportFormat.Item> gold = new ArrayList<>();
        long items = 0;
        long rejected = 0;
        long lastProgress = System.currentTimeMillis();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(job.file()), 1 << 16);
             ImportFormat.Reader reader = format.open(in, job.schema());
             Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (TaskCopy copy = new TaskCopy(connection, job.projectId(), job.id())) {
                ImportFormat.Entry entry;
                while ((entry = reader.next()) != null) {
                    if (entry instanceof ImportFormat.Item g && g.gold() != null) {
                        String problem = goldProblem(job.schema(), g, gold.size());
                        if (problem != null) entry = new ImportFormat.LineError(g.line(), problem);
                    }
                    if (entry instanceof ImportFormat.Item item) {
                        items++;
                        // After the first error nothing more is loaded, but lines are still checked and reported.
                        if (rejected == 0 && item.gold() != null) {
                            // Gold items are few: kept aside and inserted after the COPY, which stays as it is for the
                            // millions of ordinary items.
                            gold.add(item);
                        } else if (rejected == 0) {
                            byte[] json = item.json() != null ? item.json() : mapper.writeValueAsBytes(item.data());
                            copy.add(json, item.priority(), item.sourceHash());
                        }
                    } else if (entry instanceof ImportFormat.LineError error) {
                        if (rejected++ == 0) copy.close();
                        if (errors.size() < MAX_ERRORS) {
                            errors.add(new ImportJob.LineErrorView(error.line(), error.message()));
                        }
                    }
                    long now = System.currentTimeMillis();
                    if (now - lastProgress >= PROGRESS_EVERY_MS) {
                        lastProgress = now;
                        progress(job.id(), Math.max(estimate, items + rejected), rejected == 0 ? copy.rows() : 0,
                                rejected, reader.bytesRead());
                    }
                }
                if (items == 0 && rejected == 0) {
                    rejected = 1;
                    errors.add(new ImportJob.LineErrorView(1L, "has no items: the file is "
                            + (format.headerLines() > 0 ? "empty or only a header" : "empty")));
                }
                if (rejected > 0) {
                    copy.close();
                    connection.rollback();
                    return new Outcome(items + rejected, 0, rejected, errors);
                }
                long stored = copy.finish() + insertGold(connection, job, gold);
                try (PreparedStatement done = connection.prepareStatement("""
                        UPDATE import_job SET status = 'DONE', total = ?, imported = ?, rejected = 0, bytes_read = file_size,
                               errors = '[]', finished_at = ? WHERE id = ?""")) {
                    done.setLong(1, items);
                    done.setLong(2, stored);
                    done.setTimestamp(3, Timestamp.from(clock.instant()));
                    done.setLong(4, job.id());
                    done.executeUpdate();
                }
                connection.commit();
                if (!gold.isEmpty()) projects.evict(job.projectId()); // the cached settings count gold items
                log.info("Import {} stored {} tasks in project {} in {} ms (counting lines {} ms)", job.id(), stored,
                        job.projectId(), (System.nanoTime() - started) / 1_000_000, (counted - started) / 1_000_000);
                return new Outcome(items, stored, 0, List.of());
            } catch (IOException | SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    static final int MAX_GOLD = 10_000;

    /** Why a gold item cannot be stored (its reference breaks the schema: each field named), or null. */
    private String goldProblem(JsonNode schema, ImportFormat.Item item, int goldSoFar) {
        if (goldSoFar >= MAX_GOLD) return "is gold item number " + (goldSoFar + 1) + "; one import takes at most " + MAX_GOLD;
        List<ApiException.FieldError> problems = schemas.resultProblems(schema, item.data(), item.gold());
        if (problems.isEmpty()) return null;
        return "has a gold reference that breaks the label schema: " + String.join("; ", problems.stream()
                .map(e -> e.field().replaceFirst("^result", "gold") + " " + e.message()).toList());
    }

    private long insertGold(Connection connection, Job job, List<ImportFormat.Item> gold) throws SQLException {
        return TaskStore.insertGold(connection, job.projectId(), job.id(), gold.stream()
                .map(item -> new TaskStore.GoldRow(json.write(item.data()), item.priority(), item.sourceHash(),
                        json.write(item.gold())))
                .toList());
    }

    private void progress(long jobId, long total, long imported, long rejected, long bytesRead) {
        jdbc.sql("UPDATE import_job SET total = :t, imported = :i, rejected = :r, bytes_read = :b WHERE id = :id")
                .param("t", total).param("i", imported).param("r", rejected).param("b", bytesRead).param("id", jobId)
                .update();
    }

    private void fail(Job job, Outcome outcome) {
        jdbc.sql("""
                UPDATE import_job SET status = 'FAILED', total = :t, imported = 0, rejected = :r, errors = :e::jsonb,
                       finished_at = :now WHERE id = :id""")
                .param("t", outcome.items()).param("r", outcome.rejected()).param("e", json.write(outcome.errors()))
                .param("now", Timestamp.from(clock.instant())).param("id", job.id()).update();
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

    private static void deleteQuietly(Path file) {
        if (file == null) return;
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Could not delete the import upload {}", file, e);
        }
    }
}
