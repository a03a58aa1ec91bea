package org.labelcrew.io;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
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

    private Path reportFile(long jobId) {
        return Path.of(jdbc.sql("SELECT report_path FROM import_job WHERE id = :id").param("id", jobId)
                .query(String.class).single());
    }

    @Test
    void aReportIsDeletedOnceItsImportEndedMoreThanTheRetentionAgo() {
        Crowd crowd = new Crowd(fixtures, SCHEMA);
        long id = importWithABadRow(crowd).get("id").asLong();
        Path file = reportFile(id);
        assertThat(file).exists();

        reports.sweep();
        assertThat(file).exists();
        crowd.manager.api().get("/api/v1/imports/" + id + "/rejected").expect(200);

        clock.advance(Duration.ofDays(6));
        reports.sweep();
        assertThat(file).as("kept within the 7 days").exists();

        clock.advance(Duration.ofDays(1).plusMinutes(1));
        assertThat(reports.sweep()).isGreaterThanOrEqualTo(1);
        assertThat(file).doesNotExist();
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
        Path goneFile = reportFile(importWithABadRow(gone).get("id").asLong());
        Path staysFile = reportFile(importWithABadRow(stays).get("id").asLong());
        // A report left by an import whose job has no path to it (an attempt that was overtaken) goes too.
        Path stray = goneFile.resolveSibling("999999999.rejected.csv");
        Files.writeString(stray, "line,field,reason\r\n");

        // No API deletes a project yet; its rows go by the foreign keys' cascade, import jobs included.
        jdbc.sql("DELETE FROM project WHERE id = :id").param("id", gone.projectId).update();
        reports.sweep();

        assertThat(goneFile).doesNotExist();
        assertThat(stray).doesNotExist();
        assertThat(staysFile).exists();
    }
}
