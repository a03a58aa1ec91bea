package org.labelcrew.bench;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.postgresql.PGConnection;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The performance figures of the Korean-text issue, measured against a running LabelCrew (started by
 * {@code bench/run.sh} as its own process, with a small heap) and its PostgreSQL, on this machine. Each figure is
 * printed beside its limit. Not a test: it never runs in the build's test phase.
 *
 * <ul>
 *   <li>P1 import N Korean JSONL items through the API, against a raw COPY of the same rows; heap watched.</li>
 *   <li>P2 export N approved tasks as JSONL through the API; heap watched.</li>
 *   <li>P3 next-task with many concurrent labelers on an N-task project: p99, and zero duplicates in the database.</li>
 *   <li>P4 validated submit under the same load: throughput and p99.</li>
 *   <li>P5 task list first page and filtered count at N tasks: p95.</li>
 * </ul>
 */
public final class Benchmark {

    static final ObjectMapper JSON = JsonMapper.builder().build();
    static final String SCHEMA = "{\"fields\": [{\"name\": \"topic\", \"type\": \"choice\", \"options\": [\"정치\", \"경제\", \"사회\"]}]}";
    static final String[] SENTENCES = {
            "서울시는 내년부터 인공지능 학습용 데이터 구축 사업에 시민 100명을 라벨러로 채용한다고 밝혔다.",
            "교통안전 이미지 데이터는 차량과 보행자, 신호등을 상자로 표시하는 작업이 중심이다.",
            "한국어 요약 데이터셋은 기사 본문에서 핵심 문장 세 개를 고르고 요약문을 쓰는 방식으로 만든다 😀.",
            "검수자는 작업 결과를 승인하거나 사유를 적어 반려하고, 라벨러는 반려된 작업을 다시 고친다.",
            "생활환경 이미지에는 쓰레기 무단 투기, 불법 주정차, 파손된 보도블록 같은 장면이 담겨 있다.",
    };

    final String base;
    final String jdbcUrl;
    final int items;
    final int labelers;
    final int seconds;
    /** Mean pause between a labeler's submit and their next request (exponential); 0 = back-to-back, the hardest case. */
    final int thinkMs;
    /** Load before measuring, so the JIT has compiled the hot paths (a cold JVM spends its CPU compiling). */
    final int warmupSeconds;
    final Set<String> only;
    final Path work;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).executor(Executors.newFixedThreadPool(8)).build();
    final Report report = new Report();
    String adminToken;

    Benchmark(Map<String, String> args) {
        base = args.getOrDefault("base", "http://localhost:18090");
        jdbcUrl = args.getOrDefault("pg", "jdbc:postgresql://localhost:54390/postgres?user=postgres");
        items = Integer.parseInt(args.getOrDefault("items", "1000000"));
        labelers = Integer.parseInt(args.getOrDefault("labelers", "200"));
        seconds = Integer.parseInt(args.getOrDefault("seconds", "30"));
        thinkMs = Integer.parseInt(args.getOrDefault("think-ms", "0"));
        warmupSeconds = Integer.parseInt(args.getOrDefault("warmup", "15"));
        only = new LinkedHashSet<>(Arrays.asList(args.getOrDefault("only", "P1,P2,P3,P4,P5").split(",")));
        work = Path.of(args.getOrDefault("work", "target/bench"));
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = new HashMap<>();
        for (String a : argv) {
            String[] kv = a.replaceFirst("^--", "").split("=", 2);
            args.put(kv[0], kv.length > 1 ? kv[1] : "true");
        }
        Benchmark b = new Benchmark(args);
        b.adminToken = BenchApi.adminToken(b.base, args.getOrDefault("admin-password", "bench-admin-password"), "benchmark");
        String machine = args.getOrDefault("machine", "unknown machine");
        System.out.println("LabelCrew benchmark on " + machine + " — " + b.items + " items, " + b.labelers
                + " labelers, " + b.seconds + " s load");
        if (b.only.contains("P1") || b.only.contains("P2")) b.importAndExport();
        if (b.only.contains("P3") || b.only.contains("P4") || b.only.contains("P5")) b.queue();
        b.report.print(machine, b.work.resolve("results.md"));
        System.exit(0);
    }

    // ---------------------------------------------------------------- P1, P2

    void importAndExport() throws Exception {
        Path file = work.resolve("items-" + items + ".jsonl");
        if (!Files.exists(file)) generate(file, items);
        // A first, smaller import warms the JVM up (JIT), as a running server would be; it is not measured.
        Path warm = work.resolve("items-warmup.jsonl");
        if (!Files.exists(warm)) generate(warm, Math.min(items, 100_000));
        long warmProject = project("P1 warm-up " + UUID.randomUUID());
        await("/api/v1/imports/" + upload("/api/v1/projects/" + warmProject + "/imports", warm, "jsonl").get("id").asLong(),
                Duration.ofMinutes(5));
        long projectId = project("P1 import " + UUID.randomUUID());
        long bytes = Files.size(file);
        report.note("P1 input: " + items + " JSONL lines, " + bytes / (1024 * 1024) + " MiB (Korean text, emoji, metadata)");

        double bareSeconds = rawCopy(file, projectId, false);
        double rawSeconds = rawCopy(file, projectId, true);
        report.info("P1", "raw COPY of the same rows into a bare table (no keys, indexes)", Report.fmt(items / bareSeconds) + " rows/s");
        report.info("P1", "raw COPY of the same rows into the task table (psql-like)", Report.fmt(items / rawSeconds) + " rows/s");

        HeapWatch heap = new HeapWatch();
        heap.start();
        long t0 = System.nanoTime();
        JsonNode job = upload("/api/v1/projects/" + projectId + "/imports", file, "jsonl");
        long uploaded = System.nanoTime();
        JsonNode done = await("/api/v1/imports/" + job.get("id").asLong(), Duration.ofMinutes(10));
        double importSeconds = (System.nanoTime() - t0) / 1e9;
        report.note("P1 phases: upload answered 202 after " + Report.fmt((uploaded - t0) / 1e9) + " s, the job was DONE "
                + Report.fmt(importSeconds - (uploaded - t0) / 1e9) + " s later (its own timing is in the app log)");
        heap.stopWatching();
        if (!"DONE".equals(done.get("status").asString())) throw new IllegalStateException("import failed: " + done);
        long stored = get("/api/v1/projects/" + projectId).get("counts").get("total").asLong();
        report.exactly("P1", "tasks stored by the import", stored, items);
        report.atLeast("P1", "import through the API (upload → DONE)", items / importSeconds, 100_000, "items/s");
        report.atLeast("P1", "import vs raw COPY into the task table", 100 * rawSeconds / importSeconds, 50, "%");
        report.info("P1", "import vs raw COPY into a bare table", Report.fmt(100 * bareSeconds / importSeconds) + " %");
        report.info("P1", "app heap used during import (max / start)", heap.summary());

        if (!only.contains("P2")) return;
        approveAll(projectId);
        heap = new HeapWatch();
        heap.start();
        t0 = System.nanoTime();
        JsonNode export = post("/api/v1/projects/" + projectId + "/exports", "{\"format\": \"jsonl\"}");
        JsonNode exported = await("/api/v1/exports/" + export.get("id").asLong(), Duration.ofMinutes(10));
        double exportSeconds = (System.nanoTime() - t0) / 1e9;
        heap.stopWatching();
        Path out = work.resolve("export.jsonl");
        HttpResponse<Path> file2 = http.send(request("/api/v1/exports/" + export.get("id").asLong() + "/file").GET().build(),
                HttpResponse.BodyHandlers.ofFile(out));
        long lines;
        try (var s = Files.lines(out)) {
            lines = s.count();
        }
        report.exactly("P2", "approved tasks in the exported file (HTTP " + file2.statusCode() + ")", lines, items);
        report.atLeast("P2", "export JSONL (request → DONE)", items / exportSeconds, 100_000, "tasks/s");
        report.info("P2", "app heap used during export (max / start)", heap.summary());
        report.note("P2 exported " + Files.size(out) / (1024 * 1024) + " MiB, status " + exported.get("status").asString());
    }

    void generate(Path file, int items) throws IOException {
        Files.createDirectories(file.getParent());
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < items; i++) {
                w.write("{\"text\": \"" + SENTENCES[i % SENTENCES.length] + " (" + i + ")\", \"meta\": {\"source\": \"bench\", \"n\": "
                        + i + "}}\n");
            }
        }
    }

    /**
     * The ceiling: the same rows COPY'd by a client that already has them, either into a bare table (no keys, no
     * indexes: what the disk and the jsonb parser allow) or into the task table itself, rolled back (what PostgreSQL
     * allows for this schema — the import cannot beat it).
     */
    double rawCopy(Path file, long projectId, boolean intoTask) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl)) {
            if (intoTask) {
                c.setAutoCommit(false);
            } else {
                try (Statement s = c.createStatement()) {
                    s.execute("DROP TABLE IF EXISTS bench_raw");
                    s.execute("CREATE TABLE bench_raw (project_id bigint NOT NULL, data jsonb NOT NULL)");
                }
            }
            long t0 = System.nanoTime();
            try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                Reader rows = new Reader() {
                    String pending = "";
                    int pos;

                    @Override
                    public int read(char[] buf, int off, int len) throws IOException {
                        if (pos >= pending.length()) {
                            String line = in.readLine();
                            if (line == null) return -1;
                            pending = projectId + "\t" + line.replace("\\", "\\\\") + "\n";
                            pos = 0;
                        }
                        int n = Math.min(len, pending.length() - pos);
                        pending.getChars(pos, pos + n, buf, off);
                        pos += n;
                        return n;
                    }

                    @Override
                    public void close() {
                    }
                };
                c.unwrap(PGConnection.class).getCopyAPI().copyIn(
                        intoTask ? "COPY task (project_id, data) FROM STDIN" : "COPY bench_raw FROM STDIN", rows, 1 << 16);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            if (intoTask) {
                c.rollback();
                c.setAutoCommit(true);
                try (Statement s = c.createStatement()) {
                    s.execute("VACUUM task"); // the rolled-back rows must not weigh on the import measured next
                }
            } else {
                try (Statement s = c.createStatement()) {
                    s.execute("DROP TABLE bench_raw");
                }
            }
            return seconds;
        }
    }

    /** Makes every task of the project approved work of one labeler, in bulk SQL (setup, not measured). */
    void approveAll(long projectId) throws Exception {
        long t0 = System.nanoTime();
        List<Long> people = accounts(2, "bench-p2");
        try (Connection c = DriverManager.getConnection(jdbcUrl); Statement s = c.createStatement()) {
            long lab = people.get(0), rev = people.get(1);
            s.execute("INSERT INTO assignment (task_id, project_id, labeler_id, state) SELECT id, project_id, " + lab
                    + ", 'APPROVED' FROM task WHERE project_id = " + projectId);
            s.execute("INSERT INTO annotation (task_id, assignment_id, author_id, kind, version, schema_version, result) "
                    + "SELECT task_id, id, " + lab + ", 'SUBMISSION', 1, 1, jsonb_build_object('topic', "
                    + "(ARRAY['정치','경제','사회'])[1 + task_id % 3]) FROM assignment WHERE project_id = " + projectId);
            s.execute("INSERT INTO review (assignment_id, annotation_id, project_id, reviewer_id, verdict, decided_at) "
                    + "SELECT n.assignment_id, n.id, " + projectId + ", " + rev + ", 'APPROVE', now() FROM annotation n "
                    + "JOIN assignment a ON a.id = n.assignment_id WHERE a.project_id = " + projectId);
            s.execute("UPDATE assignment a SET accepted_annotation_id = n.id, accepted_by = " + rev
                    + " FROM annotation n WHERE n.assignment_id = a.id AND a.project_id = " + projectId);
            s.execute("UPDATE task SET state = 'APPROVED', held = 1, approved = 1 WHERE project_id = " + projectId);
            s.execute("VACUUM ANALYZE task");
            s.execute("VACUUM ANALYZE assignment");
            s.execute("VACUUM ANALYZE annotation");
            s.execute("VACUUM ANALYZE review");
        }
        report.note("P2 setup: " + items + " tasks approved in bulk SQL in " + Report.fmt((System.nanoTime() - t0) / 1e9) + " s");
    }

    // ---------------------------------------------------------------- P3, P4, P5

    void queue() throws Exception {
        long projectId = project("P3 queue " + UUID.randomUUID());
        long t0 = System.nanoTime();
        try (Connection c = DriverManager.getConnection(jdbcUrl); Statement s = c.createStatement()) {
            s.execute("INSERT INTO task (project_id, data) SELECT " + projectId
                    + ", jsonb_build_object('text', '큐 벤치마크 문장 ' || g) FROM generate_series(1, " + items + ") g");
            s.execute("VACUUM ANALYZE task");
        }
        report.note("P3 setup: " + items + " tasks inserted in " + Report.fmt((System.nanoTime() - t0) / 1e9) + " s");
        List<String> tokens = labelerTokens(projectId, labelers);

        Latencies next = new Latencies();
        Latencies submit = new Latencies();
        AtomicBoolean measuring = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong submitted = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(labelers);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        String[] topics = {"정치", "경제", "사회"};
        for (int i = 0; i < labelers; i++) {
            String token = tokens.get(i);
            int me = i;
            futures.add(pool.submit(() -> {
                go.await();
                int n = 0;
                while (!stop.get()) {
                    long a = System.nanoTime();
                    HttpResponse<String> r = http.send(request("/api/v1/projects/" + projectId + "/next-task", token)
                            .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
                    long b = System.nanoTime();
                    if (r.statusCode() == 204) return null;
                    if (r.statusCode() != 200) {
                        errors.incrementAndGet();
                        continue;
                    }
                    if (measuring.get()) next.add(b - a);
                    long assignment = JSON.readTree(r.body()).get("assignmentId").asLong();
                    String body = "{\"result\": {\"topic\": \"" + topics[(me + n++) % 3] + "\"}}";
                    HttpResponse<String> s = http.send(request("/api/v1/assignments/" + assignment + "/submit", token)
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    long c = System.nanoTime();
                    if (s.statusCode() != 200) {
                        errors.incrementAndGet();
                        continue;
                    }
                    if (measuring.get()) {
                        submit.add(c - b);
                        submitted.incrementAndGet();
                    }
                    if (thinkMs > 0) {
                        Thread.sleep((long) (-thinkMs * Math.log(1 - java.util.concurrent.ThreadLocalRandom.current().nextDouble())));
                    }
                }
                return null;
            }));
        }
        go.countDown();
        Thread.sleep(warmupSeconds * 1000L); // warm-up: JIT, connection pools
        measuring.set(true);
        long m0 = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        measuring.set(false);
        double window = (System.nanoTime() - m0) / 1e9;
        stop.set(true);
        for (Future<?> f : futures) f.get();
        pool.shutdown();

        long duplicates;
        long overfull;
        try (Connection c = DriverManager.getConnection(jdbcUrl); Statement s = c.createStatement()) {
            var rs = s.executeQuery("SELECT count(*) FROM (SELECT task_id, labeler_id FROM assignment WHERE project_id = "
                    + projectId + " GROUP BY 1, 2 HAVING count(*) > 1) d");
            rs.next();
            duplicates = rs.getLong(1);
            rs = s.executeQuery("SELECT count(*) FROM (SELECT task_id FROM assignment WHERE project_id = " + projectId
                    + " AND state NOT IN ('EXPIRED', 'SKIPPED') GROUP BY 1 HAVING count(*) > 1) d");
            rs.next();
            overfull = rs.getLong(1);
        }
        report.note("P3/P4: " + labelers + " concurrent labelers, closed loop next-task → submit"
                + (thinkMs > 0 ? " → pause (mean " + thinkMs + " ms, exponential)" : " back to back (no pause)") + ", " + Report.fmt(window)
                + " s measured after " + warmupSeconds + " s warm-up; " + next.count() + " next-task and " + submit.count() + " submit calls; "
                + errors.get() + " errors");
        report.atMost("P3", "next-task p99 (p50 " + Report.fmt(next.percentileMs(50)) + " ms)", next.percentileMs(99), 25, "ms");
        report.exactly("P3", "tasks handed to two labelers (overlap 1)", overfull, 0);
        report.exactly("P3", "same labeler twice on a task", duplicates, 0);
        report.atLeast("P4", "validated submits", submitted.get() / window, 2_000, "/s");
        report.atMost("P4", "submit p99 (p50 " + Report.fmt(submit.percentileMs(50)) + " ms)", submit.percentileMs(99), 50, "ms");

        if (only.contains("P5")) listing(projectId);
    }

    void listing(long projectId) throws Exception {
        Latencies first = new Latencies();
        Latencies filtered = new Latencies();
        long total = 0;
        long submittedTotal = 0;
        for (int i = 0; i < 220; i++) {
            long a = System.nanoTime();
            JsonNode page = get("/api/v1/projects/" + projectId + "/tasks?limit=50");
            long b = System.nanoTime();
            JsonNode sub = get("/api/v1/projects/" + projectId + "/tasks?state=SUBMITTED&limit=50");
            long c = System.nanoTime();
            if (i >= 20) { // warm-up
                first.add(b - a);
                filtered.add(c - b);
            }
            total = page.get("total").asLong();
            submittedTotal = sub.get("total").asLong();
        }
        report.exactly("P5", "total on the first page", total, items);
        report.atMost("P5", "task list first page p95", first.percentileMs(95), 100, "ms");
        report.atMost("P5", "filtered list + count (state=SUBMITTED, " + submittedTotal + ") p95", filtered.percentileMs(95), 200, "ms");
        report.note("P5: each list call is two SQL statements whatever the size: a keyset page and a read of the "
                + "trigger-kept counts (task_count)");
    }

    // ---------------------------------------------------------------- plumbing

    long project(String name) throws Exception {
        return post("/api/v1/projects", "{\"name\": \"" + name + "\", \"schema\": " + SCHEMA + "}").get("id").asLong();
    }

    /** Accounts made straight in the database (setup is not what is measured); they sign in only with tokens. */
    List<Long> accounts(int n, String prefix) throws Exception {
        List<Long> ids = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl);
             PreparedStatement ps = c.prepareStatement("INSERT INTO account (username, password_hash, display_name, roles) "
                     + "VALUES (?, '{noop}-', ?, '{LABELER,REVIEWER}') RETURNING id")) {
            String run = UUID.randomUUID().toString().substring(0, 8);
            for (int i = 0; i < n; i++) {
                ps.setString(1, prefix + "-" + run + "-" + i);
                ps.setString(2, "벤치 " + i);
                var rs = ps.executeQuery();
                rs.next();
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }

    List<String> labelerTokens(long projectId, int n) throws Exception {
        List<Long> ids = accounts(n, "bench-lab");
        List<String> tokens = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl);
             PreparedStatement tok = c.prepareStatement(BenchApi.INSERT_TOKEN);
             PreparedStatement mem = c.prepareStatement("INSERT INTO project_member (project_id, account_id, role) VALUES (?, ?, 'LABELER')")) {
            for (long id : ids) {
                String token = BenchApi.addToken(tok, id);
                mem.setLong(1, projectId);
                mem.setLong(2, id);
                mem.executeUpdate();
                tokens.add(token);
            }
        }
        return tokens;
    }

    HttpRequest.Builder request(String path) {
        return request(path, adminToken);
    }

    HttpRequest.Builder request(String path, String token) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(10))
                .header("Authorization", "Bearer " + token);
    }

    JsonNode get(String path) throws Exception {
        return check(http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString()), 200);
    }

    JsonNode post(String path, String json) throws Exception {
        HttpResponse<String> r = http.send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200 && r.statusCode() != 201 && r.statusCode() != 202) check(r, 200);
        return JSON.readTree(r.body());
    }

    JsonNode upload(String path, Path file, String format) throws Exception {
        String boundary = "bench" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"format\"\r\n\r\n" + format + "\r\n--"
                + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + file.getFileName()
                + "\"\r\nContent-Type: application/x-ndjson\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        HttpRequest req = request(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.concat(HttpRequest.BodyPublishers.ofByteArray(head),
                        HttpRequest.BodyPublishers.ofFile(file), HttpRequest.BodyPublishers.ofByteArray(tail)))
                .build();
        HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 202 && r.statusCode() != 201 && r.statusCode() != 200) check(r, 202);
        return JSON.readTree(r.body());
    }

    JsonNode await(String path, Duration limit) throws Exception {
        long until = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < until) {
            JsonNode job = get(path);
            String status = job.get("status").asString();
            if (status.equals("DONE") || status.equals("FAILED")) return job;
            Thread.sleep(50);
        }
        throw new IllegalStateException(path + " did not finish within " + limit);
    }

    static JsonNode check(HttpResponse<String> r, int expected) {
        if (r.statusCode() != expected) {
            throw new IllegalStateException(r.request().method() + " " + r.uri() + " → " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }

    /** Samples the application's heap (from its own metrics endpoint) while a job runs. */
    final class HeapWatch extends Thread {
        volatile boolean running = true;
        double first = Double.NaN;
        double max;

        HeapWatch() {
            setDaemon(true);
        }

        @Override
        public void run() {
            while (running) {
                try {
                    double used = get("/actuator/metrics/jvm.memory.used?tag=area:heap").get("measurements").get(0)
                            .get("value").asDouble() / (1024 * 1024);
                    if (Double.isNaN(first)) first = used;
                    max = Math.max(max, used);
                    Thread.sleep(200);
                } catch (Exception e) {
                    return;
                }
            }
        }

        void stopWatching() {
            running = false;
        }

        String summary() {
            return Report.fmt(max) + " MiB / " + Report.fmt(first) + " MiB";
        }
    }
}
