package org.labelcrew.io;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.labelcrew.media.BlobStore;
import org.labelcrew.support.Fixtures;
import org.labelcrew.support.IntegrationTest;
import org.labelcrew.support.TestClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Rejected-rows reports (issue 12) do not stay for ever: the hourly sweep deletes a report once its import ended more
 * than the retention ago (7 days by default), and the report of a deleted project's import at once.
 */
@IntegrationTest
class ImportReportsTest {

    static final String SCHEMA = """
            {"fields": [{"name": "topic", "type": "choice", "options": ["a", "b"]}]}""";

    @Autowired
    Fixtures fixtures;
    @Autowired
    ImportReports reports;
    @Autowired
    TestClock clock;
    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** An import with one bad row (skipped), so that it has a report; the job as it ended. */
    private JsonNode importWithABadRow(Crowd crowd) {
        JsonNode started = crowd.manager.api().upload("/api/v1/projects/" + crowd.projectId + "/imports", "data.csv",
                "text\n좋다\n\"never closed\n".getBytes(UTF_8), "format", "csv", "options", "{\"onError\": \"skip\"}")
                .expect(202).json();
        JsonNode job = Jobs.awaitEnd(crowd.manager.api(), "/api/v1/imports/" + started.get("id").asLong());
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("DONE");
        assertThat(job.get("hasReport").asBoolean()).isTrue();
        return job;
    }

    @Autowired
    BlobStore blobs;

    /** The report's blob key (io/reports/…). */
    private String reportFile(long jobId) {
        return jdbc.sql("SELECT report_path FROM import_job WHERE id = :id").param("id", jobId)
                .query(String.class).single();
    }

    private boolean stored(String key) throws Exception {
        return blobs.exists(key);
    }

    @Test
    void aReportIsDeletedOnceItsImportEndedMoreThanTheRetentionAgo() throws Exception {
        Crowd crowd = new Crowd(fixtures, SCHEMA);
        long id = importWithABadRow(crowd).get("id").asLong();
        String file = reportFile(id);
        assertThat(file).startsWith("io/reports/");
        assertThat(stored(file)).isTrue();

        reports.sweep();
        assertThat(stored(file)).isTrue();
        crowd.manager.api().get("/api/v1/imports/" + id + "/rejected").expect(200);

        clock.advance(Duration.ofDays(6));
        reports.sweep();
        assertThat(stored(file)).as("kept within the 7 days").isTrue();

        clock.advance(Duration.ofDays(1).plusMinutes(1));
        assertThat(reports.sweep()).isGreaterThanOrEqualTo(1);
        assertThat(stored(file)).isFalse();
        crowd.manager.api().get("/api/v1/imports/" + id + "/rejected").expect(404);
        JsonNode job = crowd.manager.api().get("/api/v1/imports/" + id).expect(200).json();
        assertThat(job.get("hasReport").asBoolean()).isFalse();
        // The job itself, its counts and errors stay.
        assertThat(job.get("rejected").asLong()).isEqualTo(1);
        assertThat(job.get("errors")).hasSize(1);
    }

    @Test
    void theReportsOfADeletedProjectAreDeleted() throws Exception {
        Crowd gone = new Crowd(fixtures, SCHEMA);
        Crowd stays = new Crowd(fixtures, SCHEMA);
        String goneFile = reportFile(importWithABadRow(gone).get("id").asLong());
        String staysFile = reportFile(importWithABadRow(stays).get("id").asLong());
        // A report left by an import whose job has no path to it (an attempt that was overtaken) goes too.
        String stray = "io/reports/import-999999999.rejected.csv";
        blobs.put(stray, "line,field,reason\r\n".getBytes(UTF_8), "text/csv");

        // No API deletes a project yet; its rows go by the foreign keys' cascade, import jobs included.
        jdbc.sql("DELETE FROM project WHERE id = :id").param("id", gone.projectId).update();
        reports.sweep();

        assertThat(stored(goneFile)).isFalse();
        assertThat(stored(stray)).isFalse();
        assertThat(stored(staysFile)).isTrue();
    }
}
