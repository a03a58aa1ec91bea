package org.labelcrew.io;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
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
 * Exports do not stay in the blob store for ever: the hourly sweep deletes an export's file once the export ended more
 * than LABELCREW_EXPORT_RETENTION ago (7 days by default); the job says so ({@code expired}, {@code expiresAt}) and
 * its download answers 410 with a code the browser words.
 */
@IntegrationTest
class ExportRetentionTest {

    @Autowired
    Fixtures fixtures;
    @Autowired
    ExportRetention retention;
    @Autowired
    TestClock clock;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    BlobStore blobs;
    @Autowired
    IoFiles files;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** An export of the project run to its end; the job as it ended. */
    private JsonNode export(Crowd crowd, String format) {
        JsonNode started = crowd.manager.api().post("/api/v1/projects/" + crowd.projectId + "/exports",
                "{\"format\": \"" + format + "\"}").expect(202).json();
        JsonNode job = Jobs.awaitEnd(crowd.manager.api(), "/api/v1/exports/" + started.get("id").asLong());
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("DONE");
        return job;
    }

    private String file(long exportId) {
        return jdbc.sql("SELECT file_path FROM export_job WHERE id = :id").param("id", exportId)
                .query(String.class).single();
    }

    private Crowd crowdWithTasks() {
        Crowd crowd = new Crowd(fixtures, Fixtures.TOPIC_SCHEMA);
        crowd.importFile("jsonl", "{\"text\": \"하나\"}\n".getBytes(UTF_8));
        return crowd;
    }

    @Test
    void anExportFileIsDeletedOnceTheExportEndedMoreThanTheRetentionAgoAndItsDownloadIsGone() throws Exception {
        Crowd crowd = crowdWithTasks();
        JsonNode old = export(crowd, "jsonl");
        long oldId = old.get("id").asLong();
        String oldFile = file(oldId);
        assertThat(oldFile).startsWith("io/exports/");
        assertThat(old.get("expired").asBoolean()).isFalse();
        Instant finished = Instant.parse(old.get("finishedAt").asString());
        assertThat(Instant.parse(old.get("expiresAt").asString())).isEqualTo(finished.plus(Duration.ofDays(7)));

        clock.advance(Duration.ofDays(3));
        long newId = export(crowd, "labelstudio").get("id").asLong();
        String newFile = file(newId);

        retention.sweep();
        assertThat(blobs.exists(oldFile)).as("kept within the 7 days").isTrue();

        clock.advance(Duration.ofDays(4).plusMinutes(1));
        Instant sweptAt = clock.instant();
        assertThat(retention.sweep()).isGreaterThanOrEqualTo(1);
        assertThat(blobs.exists(oldFile)).isFalse();
        assertThat(blobs.exists(newFile)).as("the newer export is kept").isTrue();
        crowd.manager.api().get("/api/v1/exports/" + newId + "/file").expect(200);

        JsonNode job = crowd.manager.api().get("/api/v1/exports/" + oldId).expect(200).json();
        assertThat(job.get("status").asString()).isEqualTo("DONE");
        assertThat(job.get("expired").asBoolean()).isTrue();
        assertThat(Instant.parse(job.get("expiresAt").asString())).as("when the sweep took the file")
                .isBetween(sweptAt.minusMillis(1), clock.instant());
        assertThat(job.get("written").asLong()).as("the job and its counts stay").isEqualTo(old.get("written").asLong());
        JsonNode listed = crowd.manager.api().get("/api/v1/projects/" + crowd.projectId + "/exports").expect(200)
                .json().get("items");
        assertThat(listed.get(1).get("id").asLong()).isEqualTo(oldId);
        assertThat(listed.get(1).get("expired").asBoolean()).isTrue();
        assertThat(listed.get(0).get("expired").asBoolean()).isFalse();

        JsonNode problem = crowd.manager.api().get("/api/v1/exports/" + oldId + "/file").expect(410).json();
        assertThat(problem.get("code").asString()).isEqualTo("export.expired");
        assertThat(problem.get("params").get("exportId").asLong()).isEqualTo(oldId);
        assertThat(problem.get("params").get("expiredAt").asString()).isEqualTo(job.get("expiresAt").asString());
        assertThat(problem.get("detail").asString()).contains("expired").contains("start the same export again");
        // Someone else's export stays out of reach: the manager check comes before the expiry.
        assertThat(fixtures.user("other", org.labelcrew.account.Role.MANAGER).api().get("/api/v1/exports/" + oldId + "/file")
                .status()).isIn(403, 404);

        // Once expired, the same export runs again and is served.
        long again = export(crowd, "jsonl").get("id").asLong();
        crowd.manager.api().get("/api/v1/exports/" + again + "/file").expect(200);
    }

    @Test
    void aSecondInstanceSweepingAtTheSameTimeIsHarmless() throws Exception {
        Crowd crowd = crowdWithTasks();
        long id = export(crowd, "jsonl").get("id").asLong();
        String stored = file(id);
        // Another instance: its own sweeper over the same database and blob store.
        ExportRetention other = new ExportRetention(jdbc, clock, files, "P7D");
        clock.advance(Duration.ofDays(8));

        CyclicBarrier together = new CyclicBarrier(2);
        CompletableFuture<Integer> a = CompletableFuture.supplyAsync(() -> {
            await(together);
            return retention.sweep();
        });
        CompletableFuture<Integer> b = CompletableFuture.supplyAsync(() -> {
            await(together);
            return other.sweep();
        });
        a.get();
        b.get();
        assertThat(blobs.exists(stored)).isFalse();
        Instant expiredAt = jdbc.sql("SELECT expired_at FROM export_job WHERE id = :id").param("id", id)
                .query(java.sql.Timestamp.class).single().toInstant();

        // Later sweeps, on either instance, leave the expired job as it is.
        clock.advance(Duration.ofHours(1));
        other.sweep();
        retention.sweep();
        assertThat(jdbc.sql("SELECT expired_at FROM export_job WHERE id = :id").param("id", id)
                .query(java.sql.Timestamp.class).single().toInstant()).isEqualTo(expiredAt);
        JsonNode problem = crowd.manager.api().get("/api/v1/exports/" + id + "/file").expect(410).json();
        assertThat(problem.get("code").asString()).isEqualTo("export.expired");
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theExportFilesOfADeletedProjectAndStrayFilesAreDeleted() throws Exception {
        Crowd gone = crowdWithTasks();
        Crowd stays = crowdWithTasks();
        String goneFile = file(export(gone, "jsonl").get("id").asLong());
        String staysFile = file(export(stays, "jsonl").get("id").asLong());
        String stray = "io/exports/999999999.jsonl";
        blobs.put(stray, "{}\n".getBytes(UTF_8), "application/x-ndjson");

        jdbc.sql("DELETE FROM project WHERE id = :id").param("id", gone.projectId).update();
        retention.sweep();

        assertThat(blobs.exists(goneFile)).isFalse();
        assertThat(blobs.exists(stray)).isFalse();
        assertThat(blobs.exists(staysFile)).isTrue();
    }

    @Test
    void aBadRetentionStopsTheStartNamingTheSetting() {
        for (String bad : new String[] {"7 days", "7d", "", "P0D", "-P1D", "PT0S"}) {
            assertThatThrownBy(() -> new ExportRetention(jdbc, clock, files, bad)).as(bad)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("LABELCREW_EXPORT_RETENTION")
                    .hasMessageContaining("P7D");
        }
        assertThat(ExportRetention.parse("PT12H")).isEqualTo(Duration.ofHours(12));
        assertThat(ExportRetention.parse(" P30D ")).isEqualTo(Duration.ofDays(30));
    }

    @Autowired
    javax.sql.DataSource dataSource;

    @Test
    void anInstanceStartedWithABadRetentionStopsAndSaysWhy() throws Exception {
        com.zaxxer.hikari.HikariDataSource db = (com.zaxxer.hikari.HikariDataSource) dataSource;
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory(java.nio.file.Path.of("target"), "bad-retention");
        // As an operator would start it (LABELCREW_EXPORT_RETENTION=7days), on the same database.
        assertThatThrownBy(() -> new org.springframework.boot.builder.SpringApplicationBuilder(
                org.labelcrew.LabelCrewApplication.class, TestClock.Config.class)
                .profiles("test")
                .run("--server.port=0", "--labelcrew.data-dir=" + dir, "--labelcrew.db.url=" + db.getJdbcUrl(),
                        "--labelcrew.db.user=" + db.getUsername(), "--labelcrew.db.password=" + db.getPassword(),
                        "--labelcrew.exports.retention=7days")
                .close())
                .hasStackTraceContaining("LABELCREW_EXPORT_RETENTION (labelcrew.exports.retention) is \"7days\", "
                        + "which is not an ISO-8601 duration");
    }
}
