package org.labelcrew;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.labelcrew.account.CurrentUser;
import org.labelcrew.account.Role;
import org.labelcrew.project.ProjectService;
import org.labelcrew.quality.ProjectStats;
import org.labelcrew.review.ReviewService;
import org.labelcrew.task.Lease;
import org.labelcrew.task.TaskQueue;
import org.labelcrew.task.TaskStore;
import org.labelcrew.task.WorkService;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * A database of the previous release, with work in it, migrated forward by the application itself: applied
 * migrations are history, so this must keep working for every database out there. The previous release is the one
 * tagged last ({@link #PREVIOUS_RELEASE}: V1..V11, before the repeatable migrations existed); the rest of
 * src/main/resources/db/migration is what this release adds. The upgraded database must keep its work, serve the
 * application's key paths, and end with exactly the schema of a fresh install.
 */
class MigrateFromPreviousReleaseTest {

    /** The last released schema version. Move it forward when a release is tagged. */
    static final String PREVIOUS_RELEASE = "11";

    @Test
    void aDatabaseOfThePreviousReleaseMigratesForwardWithItsWork() throws Exception {
        Path dir = Path.of("target/test-data/previous-release-" + UUID.randomUUID());
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(true)
                .setLocaleConfig("locale", "C.UTF-8").setLocaleConfig("encoding", "UTF8").start()) {
            DataSource ds = pg.getPostgresDatabase();
            // The previous release knew no repeatable migrations: leave them out, as its databases were built.
            Flyway.configure().dataSource(ds).locations("classpath:db/migration").target(PREVIOUS_RELEASE)
                    .repeatableSqlMigrationPrefix("NOT_IN_THE_PREVIOUS_RELEASE__").load().migrate();
            JdbcClient jdbc = JdbcClient.create(ds);
            assertThat(jdbc.sql("SELECT max(version::int) FROM flyway_schema_history WHERE version IS NOT NULL")
                    .query(Integer.class).single()).isEqualTo(Integer.parseInt(PREVIOUS_RELEASE));

            Old old = seed(jdbc);

            try (ConfigurableApplicationContext app = new SpringApplicationBuilder(LabelCrewApplication.class)
                    .profiles("test")
                    .run("--labelcrew.db.url=" + pg.getJdbcUrl("postgres", "postgres"), "--labelcrew.db.user=postgres",
                            "--labelcrew.db.password=", "--server.port=0")) {
                // Every migration of this release applied, the repeatable ones (database functions) included.
                List<String> applied = jdbc.sql("""
                        SELECT coalesce(version, description) FROM flyway_schema_history WHERE success ORDER BY installed_rank""")
                        .query(String.class).list();
                assertThat(applied).contains("12", "refresh task", "task count after insert", "academy register");
                // The upgraded database has exactly the schema of a fresh install: the same tables and columns,
                // indexes, constraints, triggers and functions (bodies and signatures).
                jdbc.sql("CREATE DATABASE fresh").update();
                DataSource fresh = pg.getDatabase("postgres", "fresh");
                Flyway.configure().dataSource(fresh).locations("classpath:db/migration").load().migrate();
                assertThat(schema(jdbc)).hasSizeGreaterThan(100).isEqualTo(schema(JdbcClient.create(fresh)));

                // The data is all there; V12 ended the sessions named by a principal's record text, kept the others.
                assertThat(jdbc.sql("SELECT count(*) FROM account WHERE id IN (:a, :b)").param("a", old.labeler())
                        .param("b", old.reviewer()).query(Long.class).single()).isEqualTo(2);
                assertThat(jdbc.sql("SELECT principal_name FROM spring_session").query(String.class).list())
                        .containsExactly("mig_labeler");
                ProjectService projects = app.getBean(ProjectService.class);
                assertThat(projects.counts(old.project())).containsEntry("APPROVED", 1L).containsEntry("SUBMITTED", 1L)
                        .containsEntry("NEW", 1L).containsEntry("total", 3L);

                // The key queries of this release on the old data: export, next task, submit, review, statistics.
                List<Long> exported = jdbc.sql(TaskStore.approvedResults().replace("?", ":p")).param("p", old.project())
                        .query((rs, i) -> rs.getLong(1)).list();
                assertThat(exported).containsExactly(old.approvedTask());

                CurrentUser labeler = new CurrentUser(old.labeler(), "mig_labeler", "L", Set.of(Role.LABELER));
                CurrentUser reviewer = new CurrentUser(old.reviewer(), "mig_reviewer", "R", Set.of(Role.REVIEWER));
                Lease lease = app.getBean(TaskQueue.class).next(old.project(), labeler).orElseThrow();
                assertThat(lease.taskId()).isEqualTo(old.newTask());
                JsonMapper mapper = JsonMapper.builder().build();
                WorkService.Submitted submitted = app.getBean(WorkService.class)
                        .submit(lease.assignmentId(), mapper.readTree("{\"topic\": \"경제\"}"), labeler);
                assertThat(submitted.version()).isEqualTo(1);

                ReviewService reviews = app.getBean(ReviewService.class);
                ReviewService.ReviewItem item = reviews.next(old.project(), reviewer).orElseThrow();
                assertThat(item.taskId()).isEqualTo(old.submittedTask()); // the older submission first
                assertThat(item.result().get("topic").asString()).isEqualTo("사회");
                ReviewService.Decided decided = reviews.decide(item.reviewId(), new ReviewService.Decision(
                        ReviewService.Verdict.CORRECT, null, mapper.readTree("{\"topic\": \"정치\"}")), reviewer);
                assertThat(decided.taskState()).isEqualTo("APPROVED");
                assertThat(jdbc.sql("SELECT version FROM annotation WHERE id = :c").param("c", decided.correctionId())
                        .query(Integer.class).single()).isEqualTo(2); // after the submission's version 1

                CurrentUser manager = new CurrentUser(old.manager(), "mig_manager", "M", Set.of(Role.MANAGER));
                ProjectStats.Stats stats = app.getBean(ProjectStats.class).stats(old.project(), manager);
                assertThat(stats.counts()).containsEntry("APPROVED", 2L).containsEntry("SUBMITTED", 1L);
                assertThat(stats.workers()).singleElement().satisfies(w -> {
                    assertThat(w.username()).isEqualTo("mig_labeler");
                    assertThat(w.submitted()).isEqualTo(3);
                    assertThat(w.approved()).isEqualTo(2);
                });
            }
        }
    }

    record Old(long manager, long labeler, long reviewer, long project, long approvedTask, long submittedTask,
            long newTask) {
    }

    /** Work as the previous release stored it: an approved task, a submitted one, a new one, and two sessions. */
    private static Old seed(JdbcClient jdbc) {
        long manager = account(jdbc, "mig_manager", "{MANAGER}");
        long labeler = account(jdbc, "mig_labeler", "{LABELER}");
        long reviewer = account(jdbc, "mig_reviewer", "{REVIEWER}");
        String schema = """
                {"fields": [{"name": "topic", "type": "choice", "options": ["정치", "경제", "사회"], "required": true}]}""";
        long project = jdbc.sql("INSERT INTO project (name, schema, created_by) VALUES ('old', :s::jsonb, :m) RETURNING id")
                .param("s", schema).param("m", manager).query(Long.class).single();
        jdbc.sql("INSERT INTO project_schema (project_id, version, schema) VALUES (:p, 1, :s::jsonb)")
                .param("p", project).param("s", schema).update();
        jdbc.sql("""
                INSERT INTO project_member (project_id, account_id, role)
                VALUES (:p, :m, 'MANAGER'), (:p, :l, 'LABELER'), (:p, :r, 'REVIEWER')""")
                .param("p", project).param("m", manager).param("l", labeler).param("r", reviewer).update();
        List<Long> tasks = jdbc.sql("""
                INSERT INTO task (project_id, data) SELECT :p, jsonb_build_object('text', '문장 ' || i)
                FROM generate_series(1, 3) i RETURNING id""").param("p", project).query(Long.class).list();
        long approved = work(jdbc, project, tasks.get(0), labeler, "APPROVED", "경제", "2026-11-01T10:00:00Z");
        jdbc.sql("""
                INSERT INTO review (assignment_id, annotation_id, project_id, reviewer_id, verdict, created_at, decided_at)
                SELECT a.id, n.id, :p, :r, 'APPROVE', now(), now() FROM assignment a JOIN annotation n ON n.assignment_id = a.id
                WHERE a.id = :a""").param("p", project).param("r", reviewer).param("a", approved).update();
        jdbc.sql("UPDATE assignment SET accepted_annotation_id = (SELECT id FROM annotation WHERE assignment_id = :a), "
                + "accepted_by = :r WHERE id = :a").param("a", approved).param("r", reviewer).update();
        work(jdbc, project, tasks.get(1), labeler, "SUBMITTED", "사회", "2026-11-01T11:00:00Z");
        for (long t : tasks) jdbc.sql("SELECT refresh_task(:t)").param("t", t).query().rowSet();
        jdbc.sql("""
                INSERT INTO spring_session (primary_id, session_id, creation_time, last_access_time, max_inactive_interval,
                                            expiry_time, principal_name)
                VALUES (:a, :a, 0, 0, 43200, 9999999999999, :old), (:b, :b, 0, 0, 43200, 9999999999999, 'mig_labeler')""")
                .param("a", UUID.randomUUID().toString()).param("b", UUID.randomUUID().toString())
                .param("old", "CurrentUser[id=" + labeler + ", username=mig_labeler]").update();
        return new Old(manager, labeler, reviewer, project, tasks.get(0), tasks.get(1), tasks.get(2));
    }

    private static long account(JdbcClient jdbc, String username, String roles) {
        return jdbc.sql("""
                INSERT INTO account (username, password_hash, display_name, roles) VALUES (:u, '{noop}x', :u, :r::text[])
                RETURNING id""").param("u", username).param("r", roles).query(Long.class).single();
    }

    /** An assignment in {@code state} with one submitted annotation; returns the assignment. */
    private static long work(JdbcClient jdbc, long project, long task, long labeler, String state, String topic,
            String at) {
        long assignment = jdbc.sql("""
                INSERT INTO assignment (task_id, project_id, labeler_id, state, created_at, updated_at)
                VALUES (:t, :p, :l, :s, :at::timestamptz, :at::timestamptz) RETURNING id""")
                .param("t", task).param("p", project).param("l", labeler).param("s", state).param("at", at)
                .query(Long.class).single();
        jdbc.sql("""
                INSERT INTO annotation (task_id, assignment_id, author_id, kind, version, schema_version, result)
                VALUES (:t, :a, :l, 'SUBMISSION', 1, 1, jsonb_build_object('topic', :topic))""")
                .param("t", task).param("a", assignment).param("l", labeler).param("topic", topic).update();
        jdbc.sql("""
                INSERT INTO task_event (task_id, project_id, type, actor_id, assignment_id)
                VALUES (:t, :p, 'SUBMIT', :l, :a)""")
                .param("t", task).param("p", project).param("l", labeler).param("a", assignment).update();
        return assignment;
    }

    /** The public schema as a fresh install and an upgrade must agree on it, one sorted line per object. */
    private static List<String> schema(JdbcClient jdbc) {
        return jdbc.sql("""
                SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' '
                       || coalesce(column_default, '')
                FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> 'flyway_schema_history'
                UNION ALL
                SELECT 'index ' || indexdef FROM pg_indexes
                WHERE schemaname = 'public' AND tablename <> 'flyway_schema_history'
                UNION ALL
                SELECT 'constraint ' || c.conrelid::regclass || ' ' || c.conname || ' ' || pg_get_constraintdef(c.oid)
                FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
                WHERE n.nspname = 'public' AND c.conrelid <> 'flyway_schema_history'::regclass
                UNION ALL
                SELECT 'trigger ' || pg_get_triggerdef(t.oid) FROM pg_trigger t WHERE NOT t.tgisinternal
                UNION ALL
                SELECT 'function ' || p.oid::regprocedure || ' ' || pg_get_function_result(p.oid) || ' ' || p.prosrc
                FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public'
                ORDER BY 1""").query(String.class).list();
    }
}
