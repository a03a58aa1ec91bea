package org.labelcrew.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.labelcrew.LabelCrewApplication;
import org.labelcrew.account.Role;
import org.labelcrew.shared.CacheNotifications;
import org.labelcrew.support.Api;
import org.labelcrew.support.Fixtures;
import org.labelcrew.support.Fixtures.User;
import org.labelcrew.support.TestClock;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Scale-out: two application instances share one external PostgreSQL (the same jar, configured by
 * {@code LABELCREW_DB_URL}), and labelers hammer "next task" on both at once. The queue lives in SQL, so the database
 * must show no slot handed out twice and no task over its overlap.
 */
class TwoInstancesTest {

    static EmbeddedPostgres postgres;
    static ConfigurableApplicationContext first;
    static ConfigurableApplicationContext second;

    @BeforeAll
    static void startTwoInstancesOnOneDatabase() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target"), "shared-pg");
        postgres = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("pg")).setCleanDataDirectory(true)
                .setServerConfig("max_connections", "200").start();
        first = instance(dir.resolve("a"));
        second = instance(dir.resolve("b"));
    }

    private static ConfigurableApplicationContext instance(Path dataDir) {
        return new SpringApplicationBuilder(LabelCrewApplication.class, TestClock.Config.class, Fixtures.class)
                .profiles("test")
                // Command-line arguments, as an operator would pass them, outrank application.yml.
                .run("--server.port=0", "--labelcrew.data-dir=" + dataDir,
                        "--labelcrew.db.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                        "--labelcrew.db.user=postgres", "--labelcrew.db.password=");
    }

    @AfterAll
    static void stop() throws Exception {
        if (second != null) second.close();
        if (first != null) first.close();
        if (postgres != null) postgres.close();
    }

    @Test
    void twoInstancesNeverHandOneSlotToTwoLabelers() throws Exception {
        Fixtures a = first.getBean(Fixtures.class);
        Fixtures b = second.getBean(Fixtures.class);
        User manager = a.user("mgr", Role.MANAGER);
        long projectId = a.project(manager, Fixtures.TOPIC_SCHEMA, "\"overlap\": 3").get("id").asLong();
        List<Long> tasks = a.tasks(projectId, IntStream.range(0, 40).mapToObj(i -> "두 서버 " + i).toArray(String[]::new));

        int labelers = 20;
        List<User> people = new ArrayList<>();
        for (int i = 0; i < labelers; i++) {
            // Half the labelers talk to instance A, half to instance B (the same accounts exist in both: one database).
            Fixtures via = i % 2 == 0 ? a : b;
            User labeler = via.user("lab", Role.LABELER);
            a.member(manager, projectId, labeler, "LABELER");
            people.add(labeler);
        }

        ExecutorService pool = Executors.newFixedThreadPool(labelers);
        CountDownLatch go = new CountDownLatch(1);
        AtomicInteger done = new AtomicInteger();
        List<Future<?>> futures = new ArrayList<>();
        for (User labeler : people) {
            futures.add(pool.submit(() -> {
                go.await();
                while (true) {
                    var r = labeler.api().post("/api/v1/projects/" + projectId + "/next-task", null);
                    if (r.status() == 204) return null;
                    JsonNode lease = r.expect(200).json();
                    labeler.api().post("/api/v1/assignments/" + lease.get("assignmentId").asLong() + "/submit",
                            "{\"result\": {\"topic\": \"사회\"}}").expect(200);
                    done.incrementAndGet();
                }
            }));
        }
        go.countDown();
        for (Future<?> f : futures) f.get();
        pool.shutdown();

        JdbcClient db = a.jdbc();
        assertThat(done.get()).isEqualTo(tasks.size() * 3);
        assertThat(db.sql("""
                SELECT count(*) FROM (SELECT task_id, labeler_id FROM assignment WHERE project_id = :p
                GROUP BY task_id, labeler_id HAVING count(*) > 1) d""").param("p", projectId)
                .query(Integer.class).single()).as("same labeler twice on a task").isZero();
        assertThat(db.sql("""
                SELECT count(*) FROM (SELECT task_id FROM assignment WHERE project_id = :p AND state <> 'EXPIRED'
                  AND state <> 'SKIPPED' GROUP BY task_id HAVING count(*) <> 3) d""").param("p", projectId)
                .query(Integer.class).single()).as("tasks not at exactly their overlap").isZero();
    }

    @Test
    void deactivationOnOneInstanceEndsTheSessionOnTheOther() {
        Fixtures a = first.getBean(Fixtures.class);
        Fixtures b = second.getBean(Fixtures.class);
        User admin = a.user("root", Role.ADMIN);
        User labeler = a.user("roaming", Role.LABELER);
        var browser = a.browser().signIn(labeler.username(), Fixtures.PASSWORD);
        browser.against(b.baseUrl()).get("/api/v1/me").expect(200);

        admin.api().patch("/api/v1/accounts/" + labeler.id(), "{\"active\": false}").expect(200);

        browser.against(b.baseUrl()).get("/api/v1/me").expect(401);
        browser.against(a.baseUrl()).get("/api/v1/me").expect(401);
    }

    /**
     * Instance B caches a project's settings; a manager changes them through instance A; B must serve the new settings
     * within a second (they are cached for longer: only the notification of the change drops them).
     */
    @Test
    void aSettingsChangeOnOneInstanceIsSeenOnTheOtherWithinASecond() {
        Fixtures a = first.getBean(Fixtures.class);
        Fixtures b = second.getBean(Fixtures.class);
        User manager = a.user("mgr", Role.MANAGER);
        long projectId = a.project(manager, Fixtures.TOPIC_SCHEMA, "\"goldRate\": 0.1").get("id").asLong();
        Api onB = onOtherInstance(manager, b);
        assertThat(goldRate(onB, projectId)).isEqualTo(0.1); // now cached on B

        manager.api().patch("/api/v1/projects/" + projectId, "{\"goldRate\": 0.25}").expect(200);

        assertThat(within(Duration.ofSeconds(1), () -> goldRate(onB, projectId) == 0.25))
                .as("instance B serves the new gold rate within 1 s").isTrue();
    }

    /** A token revoked through instance A stops working on instance B, where it was just used, within a second. */
    @Test
    void aRevokedTokenStopsOnTheOtherInstanceWithinASecond() {
        Fixtures a = first.getBean(Fixtures.class);
        Fixtures b = second.getBean(Fixtures.class);
        User labeler = a.user("script", Role.LABELER);
        JsonNode made = labeler.api().post("/api/v1/tokens", "{\"name\": \"batch\"}").expect(201).json();
        Api script = b.withToken(made.get("token").asText());
        script.get("/api/v1/me").expect(200); // cached on B

        labeler.api().delete("/api/v1/tokens/" + made.get("id").asLong()).expect(204);

        assertThat(within(Duration.ofSeconds(1), () -> script.get("/api/v1/me").status() == 401))
                .as("the revoked token is refused by instance B within 1 s").isTrue();
    }

    /** An account deactivated through instance A loses its API token on instance B within a second. */
    @Test
    void aDeactivatedAccountsTokenStopsOnTheOtherInstanceWithinASecond() {
        Fixtures a = first.getBean(Fixtures.class);
        Fixtures b = second.getBean(Fixtures.class);
        User admin = a.user("root", Role.ADMIN);
        User labeler = a.user("leaving", Role.LABELER);
        Api onB = onOtherInstance(labeler, b);
        onB.get("/api/v1/me").expect(200); // cached on B

        admin.api().patch("/api/v1/accounts/" + labeler.id(), "{\"active\": false}").expect(200);

        assertThat(within(Duration.ofSeconds(1), () -> onB.get("/api/v1/me").status() == 401))
                .as("the deactivated account's token is refused by instance B within 1 s").isTrue();
    }

    /**
     * Instance B keeps the accounts behind the tokens it has seen in memory; a password reset (which revokes the
     * account's tokens) and a role removed through instance A must count on B within a second — heard from the
     * database's trigger, whichever instance made the change.
     */
    @Test
    void aPasswordResetOrARoleRemovedOnOneInstanceCountsOnTheOtherWithinASecond() {
        Fixtures a = first.getBean(Fixtures.class);
        Fixtures b = second.getBean(Fixtures.class);
        User admin = a.user("root", Role.ADMIN);
        User manager = a.user("demoted", Role.MANAGER);
        Api managerOnB = onOtherInstance(manager, b);
        managerOnB.post("/api/v1/projects", "{\"name\": \"전 관리자\", \"schema\": " + Fixtures.TOPIC_SCHEMA + "}").expect(201);

        admin.api().patch("/api/v1/accounts/" + manager.id(), "{\"roles\": [\"LABELER\"]}").expect(200);

        assertThat(within(Duration.ofSeconds(1), () -> managerOnB.post("/api/v1/projects",
                "{\"name\": \"전 관리자 2\", \"schema\": " + Fixtures.TOPIC_SCHEMA + "}").status() == 403))
                .as("instance B no longer lets the token create projects within 1 s").isTrue();

        User labeler = a.user("reset", Role.LABELER);
        Api labelerOnB = onOtherInstance(labeler, b);
        labelerOnB.get("/api/v1/me").expect(200); // cached on B
        admin.api().patch("/api/v1/accounts/" + labeler.id(), "{\"password\": \"another-horse-battery-staple\"}").expect(200);
        assertThat(within(Duration.ofSeconds(1), () -> labelerOnB.get("/api/v1/me").status() == 401))
                .as("the token of an account whose password was reset is refused by instance B within 1 s").isTrue();
    }

    /**
     * The listening connection is cut (a restarted PostgreSQL, a network blip): the listener reconnects, forgets what it
     * cached while it could not hear, and changes are again seen on the other instance within a second.
     */
    @Test
    void afterTheListenerLosesItsConnectionChangesAreSeenAgain() {
        Fixtures a = first.getBean(Fixtures.class);
        Fixtures b = second.getBean(Fixtures.class);
        CacheNotifications listener = second.getBean(CacheNotifications.class);
        User manager = a.user("mgr", Role.MANAGER);
        long projectId = a.project(manager, Fixtures.TOPIC_SCHEMA, "\"goldRate\": 0.1").get("id").asLong();
        Api onB = onOtherInstance(manager, b);
        long connects = listener.connects();

        int cut = a.jdbc().sql("""
                SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
                WHERE application_name = 'labelcrew-cache-notifications'""").query(Integer.class).single();
        assertThat(cut).as("listening connections, one per instance").isEqualTo(2);
        // Changed around B's reconnect: whether B heard the notification or was not yet listening (then it forgets
        // everything once it listens again), it must not keep the copy it cached now.
        assertThat(goldRate(onB, projectId)).isEqualTo(0.1);
        manager.api().patch("/api/v1/projects/" + projectId, "{\"goldRate\": 0.3}").expect(200);
        assertThat(within(Duration.ofSeconds(3), () -> listener.connects() > connects)).as("B listens again").isTrue();
        assertThat(goldRate(onB, projectId)).isEqualTo(0.3);

        manager.api().patch("/api/v1/projects/" + projectId, "{\"goldRate\": 0.4}").expect(200);
        assertThat(within(Duration.ofSeconds(1), () -> goldRate(onB, projectId) == 0.4))
                .as("instance B serves the new gold rate within 1 s after reconnecting").isTrue();
    }

    /** A fresh token of {@code who} (made through their own instance), used against {@code other}. */
    private static Api onOtherInstance(User who, Fixtures other) {
        String token = who.api().post("/api/v1/tokens", "{\"name\": \"elsewhere\"}").expect(201).json().get("token").asText();
        return other.withToken(token);
    }

    private static double goldRate(Api api, long projectId) {
        return api.get("/api/v1/projects/" + projectId + "/quality").expect(200).json().get("gold").get("rate").asDouble();
    }

    /** Whether {@code condition} holds at some point before {@code deadline} passes (asked every 20 ms). */
    private static boolean within(Duration deadline, BooleanSupplier condition) {
        long end = System.nanoTime() + deadline.toNanos();
        while (true) {
            if (condition.getAsBoolean()) return true;
            if (System.nanoTime() > end) return false;
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
