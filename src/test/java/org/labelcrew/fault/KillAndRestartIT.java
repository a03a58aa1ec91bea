package org.labelcrew.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.labelcrew.bench.BenchApi;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fault test (hardening issue, findings 5 and 9): the packaged application ({@code target/labelcrew.jar}, built by
 * {@code package} before this integration-test phase) runs as its own process with its embedded PostgreSQL, and is
 * killed with SIGKILL while an import is mid-way and labelers are submitting. Then it is started once more, and:
 * <ul>
 *   <li>it comes back on this first restart (the killed application's PostgreSQL still held the data directory);</li>
 *   <li>every submit that was answered 2xx is stored, with its answer;</li>
 *   <li>no task is stored twice, in the import's project or the labelers';</li>
 *   <li>the import ends — DONE with each line once, or FAILED with a reason — within a minute of the restart.</li>
 * </ul>
 * Timing-robust: the kill waits until the import itself reports progress strictly between 0 and its total.
 */
class KillAndRestartIT {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final String ADMIN_PASSWORD = "fault-Admin-Passw0rd!";
    private static final String SCHEMA = """
            {"fields": [{"name": "topic", "type": "choice", "options": ["정치", "경제", "사회"], "required": true}]}""";
    private static final String[] TOPICS = {"정치", "경제", "사회"};

    private final Path dataDir = Path.of("target", "fault-it", UUID.randomUUID().toString()).toAbsolutePath();
    private final int port = freePort();
    private final String base = "http://localhost:" + port;
    private Process app;
    private int starts;
    private boolean passed;

    @AfterEach
    void stopEverything() throws Exception {
        if (app != null && app.isAlive()) {
            app.destroy(); // SIGTERM: a graceful stop, which also stops its PostgreSQL
            if (!app.waitFor(60, TimeUnit.SECONDS)) app.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        // Whatever happened above: never leave this test's PostgreSQL running (found by its pid, nothing else).
        postmaster().ifPresent(pg -> {
            pg.destroy();
            pg.onExit().orTimeout(30, TimeUnit.SECONDS).exceptionally(e -> null).join();
        });
        // A few hundred MB of PostgreSQL files: kept only when the test failed, with app.log, to look into.
        if (passed && postmaster().isEmpty()) {
            try (var files = Files.walk(dataDir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    @Test
    void killedMidImportAndMidSubmitItComesBackOnTheFirstRestartWithEveryAcknowledgedWriteAndNoDuplicate()
            throws Exception {
        start();
        String admin = BenchApi.adminToken(base, ADMIN_PASSWORD, "fault");

        // Labelers on one project, submitting as fast as they can.
        long work = createProject(admin, "작업 프로젝트");
        int taskCount = 3000;
        List<String> labelers;
        try (Connection db = db()) {
            try (PreparedStatement ps = db.prepareStatement(
                    "INSERT INTO task (project_id, data) SELECT ?, jsonb_build_object('text', '문장 ' || i) FROM generate_series(1, ?) i")) {
                ps.setLong(1, work);
                ps.setInt(2, taskCount);
                ps.executeUpdate();
            }
            labelers = labelerTokens(db, work, 4);
        }
        Map<Long, String> acknowledged = new ConcurrentHashMap<>(); // assignment → the topic the server said it stored
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService crowd = Executors.newFixedThreadPool(labelers.size());
        List<Future<?>> working = new ArrayList<>();
        for (int l = 0; l < labelers.size(); l++) {
            String token = labelers.get(l);
            int me = l;
            working.add(crowd.submit(() -> label(token, work, me, acknowledged, stop)));
        }

        // An import big enough to be caught mid-way (it reports progress every half second).
        long importing = createProject(admin, "가져오기 프로젝트");
        int lines = 200_000;
        long job = -1;
        JsonNode seen = null;
        for (int tries = 0; seen == null; tries++) {
            assertThat(tries).as("an import caught mid-way (progress between 0 and its total) in three tries").isLessThan(3);
            if (tries > 0) {
                importing = createProject(admin, "가져오기 프로젝트 " + tries);
                lines *= 2;
            }
            job = upload(admin, importing, jsonl(lines));
            seen = awaitMidway(admin, job);
        }
        int imported = lines; // the size of the import that is killed
        app.destroyForcibly(); // SIGKILL: no shutdown hook, the embedded PostgreSQL is orphaned
        app.waitFor(10, TimeUnit.SECONDS);
        stop.set(true);
        crowd.shutdown();
        assertThat(crowd.awaitTermination(20, TimeUnit.SECONDS)).isTrue();
        for (Future<?> labeler : working) labeler.get(); // none met anything but the kill
        assertThat(postmaster()).as("the killed application's PostgreSQL is still running").isPresent();
        assertThat(acknowledged).as("submits answered before the kill").isNotEmpty();

        start(); // once: it must come back on this first restart
        long back = System.nanoTime();

        // The import ends within a minute: DONE with each line once, or FAILED with its reason. (Counted from the
        // restart's readiness, whose duration is the machine's; the dead run is detected 20-30 s after the kill.)
        JsonNode end = awaitEnd(admin, job, back + Duration.ofSeconds(60).toNanos());
        try (Connection db = db()) {
            long tasks = count(db, "SELECT count(*) FROM task WHERE project_id = ?", importing);
            if (end.get("status").asString().equals("DONE")) {
                assertThat(end.get("imported").asLong()).isEqualTo(imported);
                assertThat(tasks).isEqualTo(imported);
            } else {
                assertThat(end.get("errors").get(0).get("message").asString()).as(end.toString()).isNotBlank();
                assertThat(tasks).isZero();
            }
            assertThat(count(db, """
                    SELECT count(*) FROM (SELECT data FROM task WHERE project_id = ? GROUP BY data HAVING count(*) > 1) d""",
                    importing)).as("tasks stored twice by the import").isZero();
            assertThat(count(db, "SELECT count(*) FROM task WHERE project_id = ?", work)).isEqualTo(taskCount);

            // Every acknowledged submit is stored, with the answer that was acknowledged.
            try (PreparedStatement ps = db.prepareStatement("""
                    SELECT a.id, a.state, (SELECT n.result->>'topic' FROM annotation n WHERE n.assignment_id = a.id
                                           ORDER BY n.version DESC LIMIT 1)
                    FROM assignment a WHERE a.id = ANY (?)""")) {
                Array ids = db.createArrayOf("bigint", acknowledged.keySet().toArray());
                ps.setArray(1, ids);
                Map<Long, String> stored = new ConcurrentHashMap<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        assertThat(rs.getString(2)).as("assignment " + rs.getLong(1)).isIn("SUBMITTED", "IN_REVIEW", "APPROVED");
                        stored.put(rs.getLong(1), rs.getString(3));
                    }
                }
                assertThat(stored).as("acknowledged submits, as stored").isEqualTo(acknowledged);
            }
            assertThat(count(db, """
                    SELECT count(*) FROM (SELECT task_id FROM assignment WHERE project_id = ? AND state <> 'EXPIRED'
                      AND state <> 'SKIPPED' GROUP BY task_id HAVING count(*) > 1) d""", work))
                    .as("tasks handed out twice (overlap 1)").isZero();
        }
        assertThat(starts).isEqualTo(2);
        passed = true;
    }

    // ------------------------------------------------------------------ the labelers

    private void label(String token, long project, int me, Map<Long, String> acknowledged, AtomicBoolean stop) {
        int n = me;
        try {
            while (!stop.get()) {
                HttpResponse<String> lease = send(token, "POST", "/api/v1/projects/" + project + "/next-task", "");
                if (lease.statusCode() == 204) return;
                if (lease.statusCode() != 200) throw new IllegalStateException("next-task: " + lease.statusCode() + " " + lease.body());
                long assignment = JSON.readTree(lease.body()).get("assignmentId").asLong();
                String topic = TOPICS[n++ % TOPICS.length];
                HttpResponse<String> submit = send(token, "POST", "/api/v1/assignments/" + assignment + "/submit",
                        "{\"result\": {\"topic\": \"" + topic + "\"}}");
                if (submit.statusCode() / 100 == 2) acknowledged.put(assignment, topic);
                else throw new IllegalStateException("submit: " + submit.statusCode() + " " + submit.body());
            }
        } catch (IOException e) {
            // The application was killed: requests in flight get no answer, and what was not answered is not promised.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static List<String> labelerTokens(Connection db, long project, int n) throws Exception {
        List<String> tokens = new ArrayList<>();
        try (PreparedStatement account = db.prepareStatement("""
                INSERT INTO account (username, password_hash, display_name, roles)
                VALUES (?, '{noop}-', ?, '{LABELER}') RETURNING id""");
             PreparedStatement token = db.prepareStatement(BenchApi.INSERT_TOKEN);
             PreparedStatement member = db.prepareStatement(
                     "INSERT INTO project_member (project_id, account_id, role) VALUES (?, ?, 'LABELER')")) {
            for (int i = 0; i < n; i++) {
                account.setString(1, "fault-" + UUID.randomUUID().toString().substring(0, 8));
                account.setString(2, "작업자 " + i);
                long id;
                try (ResultSet rs = account.executeQuery()) {
                    rs.next();
                    id = rs.getLong(1);
                }
                tokens.add(BenchApi.addToken(token, id));
                member.setLong(1, project);
                member.setLong(2, id);
                member.executeUpdate();
            }
        }
        return tokens;
    }

    // ------------------------------------------------------------------ the import

    private static byte[] jsonl(int lines) {
        StringBuilder b = new StringBuilder(lines * 40);
        for (int i = 0; i < lines; i++) b.append("{\"text\": \"가져온 문장 번호 ").append(i).append("\"}\n");
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private long upload(String token, long project, byte[] content) throws Exception {
        String boundary = "----fault" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"format\"\r\n\r\njsonl\r\n--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"crowd.jsonl\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/projects/" + project + "/imports"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArrays(List.of(head, content, tail))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return JSON.readTree(r.body()).get("id").asLong();
    }

    /** The job as first seen with 0 < imported < total, or null if it ended before it was seen so. */
    private JsonNode awaitMidway(String token, long job) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode j = JSON.readTree(send(token, "GET", "/api/v1/imports/" + job, null).body());
            String status = j.get("status").asString();
            if (status.equals("DONE") || status.equals("FAILED")) return null;
            long done = j.get("imported").asLong();
            if (status.equals("RUNNING") && done > 0 && done < j.get("total").asLong()) return j;
            Thread.sleep(20);
        }
        fail("import " + job + " showed no progress within 60 s");
        return null;
    }

    private JsonNode awaitEnd(String token, long job, long deadlineNanos) throws Exception {
        JsonNode j = null;
        while (System.nanoTime() < deadlineNanos) {
            HttpResponse<String> r = send(token, "GET", "/api/v1/imports/" + job, null);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            j = JSON.readTree(r.body());
            String status = j.get("status").asString();
            if (status.equals("DONE") || status.equals("FAILED")) return j;
            Thread.sleep(200);
        }
        fail("import " + job + " had not ended a minute after the restart; last seen " + j + "\n" + logTail());
        return null;
    }

    // ------------------------------------------------------------------ the application process

    private void start() throws Exception {
        Path jar = Path.of("target", "labelcrew.jar").toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            fail("The application jar is missing at " + jar + ": this test runs in `./mvnw verify`, after `package`");
        }
        Files.createDirectories(dataDir);
        starts++;
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", jar.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("app.log").toFile()));
        pb.environment().put("SERVER_PORT", Integer.toString(port));
        pb.environment().put("LABELCREW_DATA_DIR", dataDir.toString());
        pb.environment().put("LABELCREW_ADMIN_PASSWORD", ADMIN_PASSWORD);
        app = pb.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            if (!app.isAlive()) fail("start " + starts + ": the application exited with " + app.exitValue() + "\n" + logTail());
            try {
                HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) return;
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        fail("start " + starts + ": not healthy within 120 s\n" + logTail());
    }

    private String logTail() {
        try {
            List<String> log = Files.readAllLines(dataDir.resolve("app.log"), StandardCharsets.UTF_8);
            return String.join("\n", log.subList(Math.max(0, log.size() - 60), log.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** The embedded PostgreSQL of this test's data directory, if one runs. */
    private java.util.Optional<ProcessHandle> postmaster() {
        try {
            List<String> pid = Files.readAllLines(dataDir.resolve("postgres/postmaster.pid"));
            return ProcessHandle.of(Long.parseLong(pid.get(0).strip())).filter(ProcessHandle::isAlive);
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    /** A connection to the application's PostgreSQL: its port from postmaster.pid, the password from the data dir. */
    private Connection db() throws Exception {
        List<String> pid = Files.readAllLines(dataDir.resolve("postgres/postmaster.pid"));
        String password = Files.readString(dataDir.resolve("postgres.password")).strip();
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + pid.get(3).strip() + "/postgres",
                "postgres", password);
    }

    private static long count(Connection db, String sql, long project) throws Exception {
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            ps.setLong(1, project);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private long createProject(String token, String name) throws Exception {
        HttpResponse<String> r = send(token, "POST", "/api/v1/projects",
                "{\"name\": \"" + name + "\", \"schema\": " + SCHEMA + "}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return JSON.readTree(r.body()).get("id").asLong();
    }

    private HttpResponse<String> send(String token, String method, String path, String json)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token);
        if (json == null) b.GET();
        else b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
