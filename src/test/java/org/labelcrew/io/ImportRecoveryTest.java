package org.labelcrew.io;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.labelcrew.account.Role;
import org.labelcrew.support.Fixtures;
import org.labelcrew.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Hardening finding 5: an import whose instance died sat RUNNING for 32 minutes and then ran again in full, and a
 * re-upload of the same file meanwhile doubled the project. Here a job is left as a dead instance leaves it (RUNNING,
 * its scheduler execution picked with a heartbeat that stopped), and the live application must take it over within
 * seconds, store each line once, and refuse the same file while it is unfinished.
 */
@IntegrationTest
class ImportRecoveryTest {

    @Autowired
    Fixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    IoFiles files;

    @Autowired
    ImportRunner runner;

    @Autowired
    javax.sql.DataSource dataSource;

    Fixtures.User manager;
    long projectId;

    @BeforeEach
    void project() {
        manager = fixtures.user("mgr", Role.MANAGER);
        projectId = fixtures.project(manager, Fixtures.TOPIC_SCHEMA, null).get("id").asLong();
    }

    static byte[] jsonl(int lines, String tag) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < lines; i++) b.append("{\"text\": \"").append(tag).append(" 문장 ").append(i).append("\"}\n");
        return b.toString().getBytes(UTF_8);
    }

    /** An import as an instance that died mid-way leaves it: RUNNING, attempt 1, its upload still in the blob store. */
    long jobLeftByADeadInstance(byte[] content) throws Exception {
        Path upload = files.workFile(".upload");
        Files.write(upload, content);
        String sha = ImportService.sha256(upload);
        String key = files.keepUpload(upload);
        return jdbc.sql("""
                INSERT INTO import_job (project_id, format, file_name, file_path, file_size, file_sha256, status,
                                        attempt, total, imported, created_by)
                VALUES (:p, 'jsonl', 'crowd.jsonl', :path, :size, :sha, 'RUNNING', 1, :total, :total / 2,
                        (SELECT id FROM account WHERE username = :u)) RETURNING id""")
                .param("p", projectId).param("path", key).param("size", content.length)
                .param("sha", sha).param("total", 1000).param("u", manager.username())
                .query(Long.class).single();
    }

    long tasks() {
        return jdbc.sql("SELECT count(*) FROM task WHERE project_id = :p").param("p", projectId).query(Long.class).single();
    }

    long duplicates() {
        return jdbc.sql("""
                SELECT count(*) FROM (SELECT data FROM task WHERE project_id = :p GROUP BY data HAVING count(*) > 1) d""")
                .param("p", projectId).query(Long.class).single();
    }

    @Test
    void theSameFileWhileItsImportIsUnfinishedIsRefusedNamingThatImport() throws Exception {
        byte[] content = jsonl(50, "같은 파일");
        long running = jobLeftByADeadInstance(content);

        JsonNode problem = manager.api().upload("/api/v1/projects/" + projectId + "/imports", "again.jsonl", content,
                "format", "jsonl").expect(409).json();
        assertThat(problem.get("detail").asString()).contains("import " + running).contains("/api/v1/imports/" + running);
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("file");
        assertThat(problem.get("errors").get(0).get("message").asString()).contains("import " + running);
        assertThat(jdbc.sql("SELECT count(*) FROM import_job WHERE project_id = :p").param("p", projectId)
                .query(Long.class).single()).as("no second job").isEqualTo(1);

        // Another file is welcome meanwhile, and so is the same file once its import has ended.
        JsonNode other = Jobs.importFile(manager.api(), projectId, "jsonl", jsonl(3, "다른 파일"));
        assertThat(other.get("status").asString()).isEqualTo("DONE");
        jdbc.sql("UPDATE import_job SET status = 'FAILED' WHERE id = :id").param("id", running).update();
        assertThat(Jobs.importFile(manager.api(), projectId, "jsonl", content).get("status").asString()).isEqualTo("DONE");
    }

    @Test
    void aJobWhoseInstanceDiedIsTakenOverWithinSecondsAndStoresEachLineOnce() throws Exception {
        long id = jobLeftByADeadInstance(jsonl(2000, "살아남은"));
        // Its execution as db-scheduler left it: picked by an instance whose heartbeat stopped a minute ago.
        Instant silent = Instant.now().minus(Duration.ofMinutes(1));
        jdbc.sql("""
                INSERT INTO scheduled_tasks (task_name, task_instance, execution_time, picked, picked_by, last_heartbeat,
                                             version)
                VALUES ('import', :id, :t, true, 'instance-that-died', :t, 1)""")
                .param("id", Long.toString(id)).param("t", Timestamp.from(silent)).update();

        // Dead after 4 missed 5-second beats, checked every 10 s: taken over well within the minute promised.
        JsonNode job = Jobs.awaitEnd(manager.api(), "/api/v1/imports/" + id, Duration.ofSeconds(40));
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("DONE");
        assertThat(job.get("imported").asLong()).isEqualTo(2000);
        assertThat(tasks()).isEqualTo(2000);
        assertThat(duplicates()).isZero();
        assertThat(jdbc.sql("SELECT attempt FROM import_job WHERE id = :id").param("id", id).query(Integer.class).single())
                .isEqualTo(2);
    }

    @Test
    void aRunPresumedDeadThatWakesUpCannotStoreItsTasksBesideTheNewRun() throws Exception {
        int lines = 100_000;
        long id = jobLeftByADeadInstance(jsonl(lines, "늦게 깬"));
        jdbc.sql("UPDATE import_job SET imported = 0, attempt = 0 WHERE id = :id").param("id", id).update();
        // The old run is held mid-COPY, at its first row, while another run takes the job over (here: takes the next
        // attempt number). A trigger waits on an advisory lock this test holds, so the order does not depend on how
        // fast the machine is (CI once finished the whole file before a poll saw it start).
        long gate = 0x1abe1c4e00L + id;
        String hold = "test_hold_import_" + id;
        try (java.sql.Connection holder = dataSource.getConnection()) {
            try (var st = holder.createStatement()) {
                st.execute("""
                        CREATE FUNCTION %s() RETURNS trigger LANGUAGE plpgsql AS $$
                        BEGIN
                          IF NEW.import_id = %d THEN PERFORM pg_advisory_xact_lock_shared(%d); END IF;
                          RETURN NEW;
                        END $$""".formatted(hold, id, gate));
                st.execute("CREATE TRIGGER " + hold + " BEFORE INSERT ON task FOR EACH ROW EXECUTE FUNCTION " + hold + "()");
                st.execute("SELECT pg_advisory_lock(" + gate + ")");
            }
            CompletableFuture<Void> old;
            try {
                old = CompletableFuture.runAsync(() -> runner.run(id));
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (jdbc.sql("""
                        SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted
                        AND ((classid::bigint << 32) | objid::bigint) = :gate""").param("gate", gate)
                        .query(Long.class).single() == 0) {
                    assertThat(old).as("the old run reached its first row").isNotDone();
                    assertThat(System.nanoTime()).as("the old run reached its first row in time").isLessThan(deadline);
                    Thread.sleep(10);
                }
                jdbc.sql("UPDATE import_job SET attempt = attempt + 1 WHERE id = :id").param("id", id).update();
            } finally {
                try (var st = holder.createStatement()) {
                    st.execute("SELECT pg_advisory_unlock(" + gate + ")");
                }
            }
            try {
                old.get();
            } finally {
                try (var st = holder.createStatement()) {
                    st.execute("DROP TRIGGER " + hold + " ON task");
                    st.execute("DROP FUNCTION " + hold + "()");
                }
            }
        }
        assertThat(tasks()).as("the overtaken run stored nothing").isZero();
        assertThat(jdbc.sql("SELECT status FROM import_job WHERE id = :id").param("id", id).query(String.class).single())
                .isEqualTo("RUNNING");

        runner.run(id); // the run that took over
        JsonNode job = manager.api().get("/api/v1/imports/" + id).expect(200).json();
        assertThat(job.get("status").asString()).isEqualTo("DONE");
        assertThat(tasks()).isEqualTo(lines);
        assertThat(duplicates()).isZero();
    }

    @Test
    void aJobThatKeepsDyingEndsFailedWithItsReason() throws Exception {
        long id = jobLeftByADeadInstance(jsonl(5, "계속 죽는"));
        jdbc.sql("UPDATE import_job SET attempt = :a WHERE id = :id").param("a", ImportRunner.MAX_ATTEMPTS)
                .param("id", id).update();
        runner.run(id);
        JsonNode job = manager.api().get("/api/v1/imports/" + id).expect(200).json();
        assertThat(job.get("status").asString()).isEqualTo("FAILED");
        assertThat(job.get("errors").get(0).get("message").asString()).contains("stopped mid-way");
        assertThat(tasks()).isZero();
    }

    @Test
    void theSameExportWhileOneIsUnfinishedIsRefusedNamingIt() {
        long running = jdbc.sql("""
                INSERT INTO export_job (project_id, format, options, status, attempt) VALUES (:p, 'jsonl', '{}', 'RUNNING', 1)
                RETURNING id""").param("p", projectId).query(Long.class).single();
        String path = "/api/v1/projects/" + projectId + "/exports";
        JsonNode problem = manager.api().post(path, "{\"format\": \"jsonl\"}").expect(409).json();
        assertThat(problem.get("detail").asString()).contains("export " + running);
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("format");
        // Other options are another export.
        long split = manager.api().post(path, "{\"format\": \"jsonl\", \"split\": {\"train\": 1}}").expect(202).json()
                .get("id").asLong();
        assertThat(Jobs.awaitEnd(manager.api(), "/api/v1/exports/" + split).get("status").asString()).isEqualTo("DONE");
    }
}
