package org.labelcrew.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.labelcrew.quality.ConsensusService;
import org.labelcrew.shared.Json;
import org.labelcrew.task.TaskStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.SerializedString;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.util.RawValue;

/**
 * Runs one export job: reads the approved tasks through a server-side cursor (fetch size with autocommit off, so the
 * driver holds one batch, not the project) in one repeatable-read snapshot, and streams them through the format into
 * {@code <data dir>/exports/<id>.<ext>}. The file appears under its final name only when complete.
 *
 * <p>Crash recovery as for imports: a run whose instance died is run again by db-scheduler (heartbeat), each run takes
 * the job's next {@code attempt} and writes its own partial file, and only the latest run may finish the job.
 */
@Component
class ExportRunner {

    private static final Logger log = LoggerFactory.getLogger(ExportRunner.class);

    /** Rows per round trip of the cursor: a few MB, so a million-task export is not a few thousand waits. */
    private static final int FETCH = 5000;
    private static final long PROGRESS_EVERY_MS = 500;

    /** Approved tasks, one row per approved assignment, in task order (task's query; see {@link TaskStore}). */
    static final String APPROVED = TaskStore.approvedResults();

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final Json json;
    private final IoJobs.Formats<ExportFormat> formats;
    private final IoFiles files;
    private final Clock clock;

    private final ConsensusService consensus;

    ExportRunner(DataSource dataSource, JdbcClient jdbc, Json json, List<ExportFormat> formats, IoFiles files, Clock clock,
            ConsensusService consensus) {
        this.consensus = consensus;
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.json = json;
        this.formats = new IoJobs.Formats<>(formats, ExportFormat::name);
        this.files = files;
        this.clock = clock;
    }

    Optional<ExportFormat> format(String name) {
        return formats.get(name);
    }

    List<String> formatNames() {
        return formats.names();
    }

    /** {@code consensus}: the project's merge strategy for overlapping results; null writes every approved result. */
    private record Job(long id, long projectId, String format, JsonNode options, String status, JsonNode schema,
            String consensus) {
    }

    void run(long jobId) {
        Job job = jdbc.sql("""
                SELECT j.id, j.project_id, j.format, j.options, j.status, p.schema, p.consensus
                FROM export_job j JOIN project p ON p.id = j.project_id WHERE j.id = :id""")
                .param("id", jobId)
                .query((rs, i) -> new Job(rs.getLong(1), rs.getLong(2), rs.getString(3), json.column(rs, "options"),
                        rs.getString(5), json.column(rs, "schema"), rs.getString(7)))
                .optional().orElse(null);
        if (job == null || IoJobs.finished(job.status())) return;
        Integer attempt = jdbc.sql("""
                UPDATE export_job SET attempt = attempt + 1
                WHERE id = :id AND status IN ('QUEUED', 'RUNNING') RETURNING attempt""")
                .param("id", jobId).query(Integer.class).optional().orElse(null);
        if (attempt == null) return;
        if (attempt > 1) log.warn("Export {} is run again (attempt {}): an earlier run stopped mid-way", jobId, attempt);
        Path tmp = null;
        try {
            if (attempt > ImportRunner.MAX_ATTEMPTS) {
                throw new IllegalStateException("was started " + ImportRunner.MAX_ATTEMPTS + " times and each run "
                        + "stopped mid-way (the application was stopped or crashed); start the export again");
            }
            ExportFormat format = format(job.format())
                    .orElseThrow(() -> new IllegalStateException("unknown format " + job.format()));
            Split split = split(job.options());
            // Each run its own work file: a run presumed dead that still writes never mixes into the new one's.
            tmp = files.work().resolve("export-" + job.id() + "." + format.extension() + "." + attempt + ".part");
            long written = write(job, attempt, format, split, tmp);
            // Into the blob store, where any instance serves it. Should two runs both get here, each puts a complete
            // export of the project under the key (a put is atomic in both stores): whichever lands last is served.
            String target = files.keepExport(job.id(), format.extension(), tmp, format.contentType());
            int done = jdbc.sql("""
                    UPDATE export_job SET status = 'DONE', written = :w, total = :w, file_path = :path, finished_at = :now
                    WHERE id = :id AND attempt = :a AND status = 'RUNNING'""")
                    .param("w", written).param("path", target)
                    .param("now", Timestamp.from(clock.instant())).param("id", job.id()).param("a", attempt).update();
            if (done == 0) {
                log.warn("Export {}: attempt {} was overtaken by a later run, which finishes the job", jobId, attempt);
                return;
            }
            log.info("Export {} wrote {} tasks of project {}", job.id(), written, job.projectId());
        } catch (Exception e) {
            log.warn("Export {} failed", jobId, e);
            deleteQuietly(tmp);
            jdbc.sql("""
                    UPDATE export_job SET status = 'FAILED', error = :e, finished_at = :now
                    WHERE id = :id AND attempt = :a AND status IN ('QUEUED', 'RUNNING')""")
                    .param("e", IoJobs.message(e))
                    .param("now", Timestamp.from(clock.instant())).param("id", job.id()).param("a", attempt).update();
        }
    }

    private long write(Job job, int attempt, ExportFormat format, Split split, Path tmp) throws Exception {
        // Merging needs the results as trees; otherwise a format that only copies them gets them unparsed.
        boolean raw = format.passesJsonThrough() && job.consensus() == null;
        ConsensusService.ExportMerge merge = job.consensus() == null ? null
                : consensus.exportMerge(job.projectId(), job.consensus(), job.schema());
        long written = 0;
        long lastProgress = System.currentTimeMillis();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            c.setReadOnly(true);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try (var s = c.createStatement()) {
                // A plan that streams: tasks in id order from the index, each joined to its approved assignments and
                // annotations by index lookups, so the first rows reach us at once and the file is written while
                // the database still reads. The planner's own choice for a big project (hash joins, then sorting a
                // million rows, 300 MB spilled to disk) sends nothing for five seconds, and the two halves of the
                // work then run one after the other instead of side by side (measured at 1M tasks: 10 s → 7 s).
                // No parallel workers: the other core is the one that writes the file.
                s.execute("SET LOCAL enable_hashjoin = off");
                s.execute("SET LOCAL enable_mergejoin = off");
                s.execute("SET LOCAL max_parallel_workers_per_gather = 0");
            }
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16);
                 ExportFormat.Writer writer = format.open(out, new ExportFormat.Context(job.schema(), job.options(), job.projectId()))) {
                long total;
                try (PreparedStatement count = c.prepareStatement(
                        TaskStore.approvedCount())) {
                    count.setLong(1, job.projectId());
                    try (ResultSet rs = count.executeQuery()) {
                        rs.next();
                        total = rs.getLong(1);
                    }
                }
                jdbc.sql("""
                        UPDATE export_job SET status = 'RUNNING', total = :t, written = 0
                        WHERE id = :id AND attempt = :a AND status IN ('QUEUED', 'RUNNING')""")
                        .param("t", total).param("id", job.id()).param("a", attempt).update();
                try (PreparedStatement ps = c.prepareStatement(APPROVED)) {
                    ps.setFetchSize(FETCH);
                    ps.setLong(1, job.projectId());
                    try (ResultSet rs = ps.executeQuery()) {
                        // Rows come grouped by task; an item is complete when the task id changes.
                        long taskId = -1;
                        JsonNode data = null;
                        List<ExportFormat.Annotation> annotations = new ArrayList<>();
                        while (true) {
                            boolean more = rs.next();
                            long id = more ? rs.getLong(1) : -1;
                            if (taskId != -1 && id != taskId) {
                                writer.write(new ExportFormat.Item(taskId, data, merged(merge, annotations),
                                        split == null ? null : split.of(taskId)));
                                written++;
                                annotations.clear();
                                long now = System.currentTimeMillis();
                                if (now - lastProgress >= PROGRESS_EVERY_MS) {
                                    lastProgress = now;
                                    jdbc.sql("UPDATE export_job SET written = :w WHERE id = :id AND attempt = :a")
                                            .param("w", written).param("id", job.id()).param("a", attempt).update();
                                }
                            }
                            if (!more) break;
                            if (id != taskId) {
                                taskId = id;
                                data = tree(rs, 2, raw);
                            }
                            long annotationId = rs.getLong(3);
                            if (!rs.wasNull()) {
                                annotations.add(new ExportFormat.Annotation(annotationId, rs.getString(4),
                                        tree(rs, 5, raw), rs.getInt(6), rs.getString(7),
                                        rs.getTimestamp(8).toInstant()));
                            }
                        }
                    }
                }
            } finally {
                c.rollback();
            }
        }
        return written;
    }

    /**
     * The annotations written for one task: all of them, or — with a consensus strategy and two or more — the one
     * merged result. A whole result chosen (best gold, reviewer's) is written as that annotation; a result merged
     * field by field (majority) carries the first submitter's annotation's id, labeler and times, without a reviewer.
     */
    private static List<ExportFormat.Annotation> merged(ConsensusService.ExportMerge merge,
            List<ExportFormat.Annotation> all) {
        if (merge == null || all.size() < 2) return List.copyOf(all);
        List<ConsensusService.Candidate> candidates = new ArrayList<>();
        for (ExportFormat.Annotation a : all) {
            candidates.add(new ConsensusService.Candidate(a.labeler(), a.result(), a.reviewer() != null));
        }
        ConsensusService.Choice choice = merge.merge(candidates);
        if (choice.from() >= 0) return List.of(all.get(choice.from()));
        ExportFormat.Annotation first = all.get(0);
        return List.of(new ExportFormat.Annotation(first.id(), first.labeler(), choice.result(), first.version(), null,
                first.createdAt()));
    }

    /**
     * The stored JSON as a tree, or — for a format that only copies it — as the driver's UTF-8 bytes, written out
     * unparsed and undecoded: no String per value and no re-encoding (issue 14, P2: the text round trip through
     * UTF-16 was most of the per-row work for Korean text).
     */
    private JsonNode tree(ResultSet rs, int column, boolean raw) throws java.sql.SQLException {
        if (!raw) {
            String text = rs.getString(column);
            return text == null ? null : json.parse(text);
        }
        byte[] utf8 = rs.getBytes(column); // a text column: the bytes as the server sent them (UTF-8)
        return utf8 == null ? null : JsonNodeFactory.instance.rawValueNode(new RawValue(new Utf8Raw(utf8)));
    }

    /** Raw JSON held as UTF-8 bytes: a UTF-8 generator copies them as they are; a character one decodes them once. */
    static final class Utf8Raw implements SerializableString {
        private final byte[] utf8;
        private String text;

        Utf8Raw(byte[] utf8) {
            this.utf8 = utf8;
        }

        @Override
        public String getValue() {
            if (text == null) text = new String(utf8, StandardCharsets.UTF_8);
            return text;
        }

        @Override
        public int charLength() {
            return getValue().length();
        }

        @Override
        public byte[] asUnquotedUTF8() {
            return utf8;
        }

        @Override
        public int appendUnquotedUTF8(byte[] buffer, int offset) {
            if (offset + utf8.length > buffer.length) return -1;
            System.arraycopy(utf8, 0, buffer, offset, utf8.length);
            return utf8.length;
        }

        @Override
        public int writeUnquotedUTF8(OutputStream out) throws IOException {
            out.write(utf8);
            return utf8.length;
        }

        @Override
        public int putUnquotedUTF8(ByteBuffer buffer) {
            if (buffer.remaining() < utf8.length) return -1;
            buffer.put(utf8);
            return utf8.length;
        }

        @Override
        public int appendUnquoted(char[] buffer, int offset) {
            return -1; // the caller then writes getValue()
        }

        // Quoted forms: raw JSON is never written as a string, but answer correctly should anyone ask.
        private SerializedString quoted() {
            return new SerializedString(getValue());
        }

        @Override
        public char[] asQuotedChars() {
            return quoted().asQuotedChars();
        }

        @Override
        public byte[] asQuotedUTF8() {
            return quoted().asQuotedUTF8();
        }

        @Override
        public int appendQuotedUTF8(byte[] buffer, int offset) {
            return quoted().appendQuotedUTF8(buffer, offset);
        }

        @Override
        public int appendQuoted(char[] buffer, int offset) {
            return quoted().appendQuoted(buffer, offset);
        }

        @Override
        public int writeQuotedUTF8(OutputStream out) throws IOException {
            return quoted().writeQuotedUTF8(out);
        }

        @Override
        public int putQuotedUTF8(ByteBuffer buffer) {
            return quoted().putQuotedUTF8(buffer);
        }

        @Override
        public String toString() {
            return getValue();
        }
    }

    /** The split saved with the job by {@link ExportService}, already checked there. */
    static Split split(JsonNode options) {
        JsonNode s = options == null ? null : options.get("split");
        if (s == null || s.isNull()) return null;
        return new Split(s.path("train").asDouble(0), s.path("validation").asDouble(0), s.path("test").asDouble(0),
                s.path("seed").asLong(0));
    }

    private static void deleteQuietly(Path file) {
        if (file == null) return;
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Could not delete {}", file, e);
        }
    }
}
