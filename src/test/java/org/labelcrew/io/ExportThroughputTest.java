package org.labelcrew.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.labelcrew.account.Role;
import org.labelcrew.support.Fixtures;
import org.labelcrew.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Export throughput over bulk-approved tasks. Off by default; run with {@code -Dio.bench.items=1000000}. */
@IntegrationTest
@EnabledIfSystemProperty(named = "io.bench.items", matches = "\\d+")
class ExportThroughputTest {

    @Autowired
    Fixtures fixtures;

    @Autowired
    ExportRunner runner;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    javax.sql.DataSource dataSource;

    @Test
    void exportsManyTasksQuickly() {
        int n = Integer.getInteger("io.bench.items");
        var manager = fixtures.user("bench", Role.MANAGER);
        var labeler = fixtures.user("lab", Role.LABELER);
        var reviewer = fixtures.user("rev", Role.REVIEWER);
        long p = fixtures.project(manager, Fixtures.TOPIC_SCHEMA, null).get("id").asLong();
        jdbc.sql("INSERT INTO task (project_id, data) SELECT :p, jsonb_build_object('text', '내보내기 문장 ' || g, 'n', g) "
                + "FROM generate_series(1, :n) g").param("p", p).param("n", n).update();
        jdbc.sql("INSERT INTO assignment (task_id, project_id, labeler_id, state) SELECT id, project_id, :lab, 'APPROVED' "
                + "FROM task WHERE project_id = :p").param("p", p).param("lab", labeler.id()).update();
        jdbc.sql("INSERT INTO annotation (task_id, assignment_id, author_id, kind, version, schema_version, result) "
                + "SELECT task_id, id, :lab, 'SUBMISSION', 1, 1, '{\"topic\": \"정치\"}' FROM assignment WHERE project_id = :p")
                .param("p", p).param("lab", labeler.id()).update();
        jdbc.sql("INSERT INTO review (assignment_id, annotation_id, project_id, reviewer_id, verdict, decided_at) "
                + "SELECT n.assignment_id, n.id, :p, :rev, 'APPROVE', now() FROM annotation n JOIN assignment a "
                + "ON a.id = n.assignment_id WHERE a.project_id = :p").param("p", p).param("rev", reviewer.id()).update();
        jdbc.sql("UPDATE assignment a SET accepted_annotation_id = n.id, accepted_by = :rev FROM annotation n "
                + "WHERE n.assignment_id = a.id AND a.project_id = :p").param("p", p).param("rev", reviewer.id()).update();
        jdbc.sql("UPDATE task SET state = 'APPROVED', held = 1, approved = 1 WHERE project_id = :p").param("p", p).update();
        jdbc.sql("ANALYZE").update();
        long id = jdbc.sql("INSERT INTO export_job (project_id, format) VALUES (:p, 'jsonl') RETURNING id")
                .param("p", p).query(Long.class).single();

        // The plan and the bare query time, so a slow export can be told apart from slow JSON handling.
        try (var c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (var st = c.prepareStatement("EXPLAIN (ANALYZE, BUFFERS) " + ExportRunner.APPROVED.replace("?", Long.toString(p)))) {
                var rs = st.executeQuery();
                while (rs.next()) System.out.println("PLAN " + rs.getString(1));
            }
            long q0 = System.nanoTime();
            try (var st = c.prepareStatement(ExportRunner.APPROVED)) {
                st.setFetchSize(500);
                st.setLong(1, p);
                st.setLong(2, p);
                var rs = st.executeQuery();
                long bytes = 0;
                while (rs.next()) bytes += rs.getString(2).length() + rs.getString(5).length();
                System.out.printf("QUERY ONLY: %.2f s (%d chars)%n", (System.nanoTime() - q0) / 1e9, bytes);
            }
            c.rollback();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        long t0 = System.nanoTime();
        runner.run(id);
        double seconds = (System.nanoTime() - t0) / 1e9;

        var row = jdbc.sql("SELECT status, written, file_path FROM export_job WHERE id = :id").param("id", id)
                .query((rs, i) -> new Object[] {rs.getString(1), rs.getLong(2), rs.getString(3)}).single();
        System.out.printf("EXPORT BENCH: %d tasks in %.2f s = %.0f tasks/s%n", n, seconds, n / seconds);
        assertThat(row[0]).isEqualTo("DONE");
        assertThat(row[1]).isEqualTo((long) n);
        assertThat(Files.exists(Path.of((String) row[2]))).isTrue();
    }
}
