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
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The capacity figures (issue 14), measured against a running LabelCrew (started by {@code bench/run.sh} as its own
 * process, with a small heap) and its PostgreSQL, on this machine. Each figure is printed beside its limit; where the
 * limit is what PostgreSQL itself does with the same work (pgbench, {@code COPY}), measured in the same run, the figure
 * is given as a share of it. Not a test: it never runs in the build's test phase.
 *
 * <ul>
 *   <li>P1 import {@code --scale} Korean JSONL items through the API, against a raw COPY of the same rows into the task
 *   table; throughput and heap over the import's course (flat?).</li>
 *   <li>P2 export them as JSONL through the API, against {@code COPY (the export's query) TO STDOUT}.</li>
 *   <li>P3 the most labelers served at a human pace (open model, 10 s mean think time) within next-task p99 25 ms and
 *   submit p99 50 ms; duplicates checked in the database.</li>
 *   <li>P4 next-task + submit pairs back to back through the app, against pgbench running the pair's statements.</li>
 *   <li>P5 task list first page and filtered count on the {@code --scale}-task project: p95.</li>
 *   <li>P6 registrations through the app, against pgbench calling {@code academy_register}.</li>
 *   <li>P7 heap with 1,000 signed-in sessions labeling.</li>
 *   <li>P8 next-task p99 during a 1M import while labelers work, against the same load without it.</li>
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

    final Map<String, String> args;
    final String base;
    final String jdbcUrl;
    /** Items imported and exported, and tasks in the queue project ({@code --scale}: 100k, 1M, 10M …). */
    final int items;
    /** Back-to-back clients for the figures shared against pgbench (P4, P6): the same number of connections for both. */
    final int clients;
    final int seconds;
    /** Mean gap between a labeler's pair starts (exponential): a person reading and labeling. */
    final double thinkMs;
    final String heapSetting;
    final String pgbenchPath;
    final PgBench pgbench;
    /** Load before measuring, so the JIT has compiled the hot paths (a cold JVM spends its CPU compiling). */
    final int warmupSeconds;
    final Set<String> only;
    final Path work;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).executor(Executors.newFixedThreadPool(8)).build();
    final Report report = new Report();
    String adminToken;

    Benchmark(Map<String, String> args) {
        this.args = args;
        base = args.getOrDefault("base", "http://localhost:18090");
        jdbcUrl = args.getOrDefault("pg", "jdbc:postgresql://localhost:54390/postgres?user=postgres");
        items = scale(args.getOrDefault("scale", args.getOrDefault("items", "1M")));
        clients = Integer.parseInt(args.getOrDefault("clients", "16"));
        seconds = Integer.parseInt(args.getOrDefault("seconds", "30"));
        thinkMs = Double.parseDouble(args.getOrDefault("think-ms", "10000"));
        warmupSeconds = Integer.parseInt(args.getOrDefault("warmup", "10"));
        heapSetting = args.getOrDefault("heap", "?");
        pgbenchPath = args.getOrDefault("pgbench", "pgbench");
        pgbench = new PgBench(pgbenchPath, jdbcUrl);
        only = new LinkedHashSet<>(Arrays.asList(args.getOrDefault("only", "P1,P2,P3,P4,P5,P6,P7,P8").split(",")));
        work = Path.of(args.getOrDefault("work", "target/bench"));
    }

    /** "100k", "1M", "10M" or a plain number. */
    static int scale(String s) {
        String v = s.trim().toUpperCase(java.util.Locale.ROOT).replace("_", "").replace(",", "");
        if (v.endsWith("K")) return Integer.parseInt(v.substring(0, v.length() - 1)) * 1_000;
        if (v.endsWith("M")) return Integer.parseInt(v.substring(0, v.length() - 1)) * 1_000_000;
        return Integer.parseInt(v);
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
        b.machine = machine;
        System.out.println("LabelCrew capacity benchmark on " + machine + " — scale " + b.items + " items, "
                + b.warmupSeconds + " s warm-up + " + b.seconds + " s per load step, think time " + b.thinkMs + " ms, "
                + b.clients + " back-to-back clients against pgbench");
        b.run();
        b.report.print(machine, b.work.resolve("results.md"));
        System.exit(0);
    }

    interface Section {
        void run() throws Exception;
    }

    /** Runs one figure's section; a failure is reported as such and the others still run. */
    void section(String id, Section s) {
        if (!only.contains(id) && !(id.equals("P1") && only.contains("P2"))) return;
        try {
            s.run();
        } catch (Exception | AssertionError e) {
            e.printStackTrace();
            report.info(id, "section failed", e.toString().replace('|', '/'));
        }
        try {
            report.write(machine, work.resolve("results.md")); // figures so far, should a later section hang
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    String machine = "unknown machine";

    void run() throws Exception {
        long[] queue = {0};
        int[] served = {Integer.parseInt(args.getOrDefault("p8-labelers", "0"))};
        if (only.stream().anyMatch(Set.of("P3", "P4", "P5", "P7", "P8")::contains)) queue[0] = queueProject();
        section("P3", () -> {
            humanPaced(queue[0]);
            if (served[0] == 0) served[0] = lowestTried;
        });
        section("P4", () -> pairsVersusPgbench(queue[0]));
        section("P5", () -> listing(queue[0]));
        section("P8", () -> importDuringLabeling(queue[0], served[0] > 0 ? served[0] : 1000));
        section("P1", this::importAndExport);
        section("P6", this::registrationVersusPgbench);
        section("P7", () -> sessions(queue[0]));
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

        HeapWatch heap = new HeapWatch();
        heap.start();
        long t0 = System.nanoTime();
        JsonNode job = upload("/api/v1/projects/" + projectId + "/imports", file, "jsonl");
        long uploaded = System.nanoTime();
        List<double[]> progress = new ArrayList<>(); // [seconds since the upload answered, rows imported]
        JsonNode done = await("/api/v1/imports/" + job.get("id").asLong(), Duration.ofMinutes(120),
                j -> progress.add(new double[] {(System.nanoTime() - uploaded) / 1e9, j.get("imported").asDouble()}));
        double importSeconds = (System.nanoTime() - t0) / 1e9;
        report.note("P1 phases: upload answered 202 after " + Report.fmt((uploaded - t0) / 1e9) + " s, the job was DONE "
                + Report.fmt(importSeconds - (uploaded - t0) / 1e9) + " s later (its own timing is in the app log)");
        heap.stopWatching();
        if (!"DONE".equals(done.get("status").asString())) throw new IllegalStateException("import failed: " + done);
        long stored = get("/api/v1/projects/" + projectId).get("counts").get("total").asLong();
        report.exactly("P1", "tasks stored by the import", stored, items);
        report.share("P1", "import through the API (upload → DONE) vs raw COPY of the same rows into the task table",
                items / importSeconds, items / rawSeconds, "items/s", 90);
        report.info("P1", "import vs raw COPY into a bare table (no keys, no indexes)", Report.fmt(100 * bareSeconds / importSeconds) + " %");
        // Flat: the rows per second of the last fifth of the import over those of the first fifth (after the first row).
        double[] flat = flatness(progress, items);
        if (Double.isNaN(flat[0])) {
            report.note("P1 flat: too few progress samples for this size (" + progress.size() + "); see a larger --scale");
        } else {
            report.atLeast("P1", "import throughput, last fifth / first fifth of the rows (" + Report.fmt(flat[1]) + " → "
                    + Report.fmt(flat[2]) + " rows/s)", flat[0], 80, "%");
        }
        double[] halves = heap.halves();
        report.atMost("P1", "app heap max, second half of the import / first half (" + Report.fmt(halves[1]) + " / "
                + Report.fmt(halves[0]) + " MiB; -Xmx" + heapSetting + ")", 100 * halves[1] / halves[0], 125, "%");

        if (!only.contains("P2")) return;
        approveAll(projectId);
        heap = new HeapWatch();
        heap.start();
        t0 = System.nanoTime();
        JsonNode export = post("/api/v1/projects/" + projectId + "/exports", "{\"format\": \"jsonl\"}");
        JsonNode exported = await("/api/v1/exports/" + export.get("id").asLong(), Duration.ofMinutes(120));
        double exportSeconds = (System.nanoTime() - t0) / 1e9;
        heap.stopWatching();
        Path out = work.resolve("export.jsonl");
        HttpResponse<Path> file2 = http.send(request("/api/v1/exports/" + export.get("id").asLong() + "/file").GET().build(),
                HttpResponse.BodyHandlers.ofFile(out));
        long lines;
        try (var s = Files.lines(out)) {
            lines = s.count();
        }
        long exportBytes = Files.size(out);
        Files.delete(out);
        double[] copy = copyOut(projectId);
        report.exactly("P2", "approved tasks in the exported file (HTTP " + file2.statusCode() + ")", lines, items);
        report.share("P2", "export JSONL (request → DONE) vs COPY (the export's query) TO STDOUT", items / exportSeconds,
                items / copy[0], "tasks/s", 50);
        report.info("P2", "app heap used during export (max / start)", heap.summary());
        report.note("P2 exported " + exportBytes / (1024 * 1024) + " MiB, status " + exported.get("status").asString()
                + "; COPY TO STDOUT gave " + (long) copy[1] / (1024 * 1024) + " MiB of text (" + (long) copy[2] + " rows)");
    }

    /** {@code COPY (TaskStore.approvedResults()) TO STDOUT} for the project, read and dropped: [seconds, bytes, rows]. */
    double[] copyOut(long projectId) throws Exception {
        String sql = org.labelcrew.task.TaskStore.approvedResults().replace("?", Long.toString(projectId));
        try (Connection c = DriverManager.getConnection(jdbcUrl)) {
            long[] bytes = new long[1];
            java.io.OutputStream sink = new java.io.OutputStream() {
                @Override
                public void write(int b) {
                    bytes[0]++;
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    bytes[0] += len;
                }
            };
            long t0 = System.nanoTime();
            long rows = c.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY (" + sql + ") TO STDOUT", sink);
            return new double[] {(System.nanoTime() - t0) / 1e9, bytes[0], rows};
        }
    }

    /** [last fifth's rows/s over first fifth's in %, first fifth's rows/s, last fifth's rows/s] from progress samples. */
    static double[] flatness(List<double[]> progress, long total) {
        double[] first = rate(progress, 0, total / 5.0);
        double[] last = rate(progress, total * 4 / 5.0, total);
        if (Double.isNaN(first[0]) || Double.isNaN(last[0])) return new double[] {Double.NaN, Double.NaN, Double.NaN};
        return new double[] {100 * last[0] / first[0], first[0], last[0]};
    }

    /** Rows per second between the samples at which the import passed {@code from} and {@code to} rows. */
    static double[] rate(List<double[]> progress, double from, double to) {
        double[] a = null;
        double[] b = null;
        for (double[] p : progress) {
            if (a == null && p[1] > 0 && p[1] >= from) a = p;
            if (b == null && p[1] >= to) b = p;
        }
        if (a == null || b == null || b[0] <= a[0] || b[1] <= a[1]) return new double[] {Double.NaN};
        return new double[] {(b[1] - a[1]) / (b[0] - a[0])};
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

    // ---------------------------------------------------------------- P3, P4, P5, P7, P8: the labeling queue

    /** The queue project: {@link #items} tasks inserted in bulk (setup, not measured). */
    long queueProject() throws Exception {
        long projectId = project("P3 queue " + UUID.randomUUID());
        long t0 = System.nanoTime();
        try (Connection c = DriverManager.getConnection(jdbcUrl); Statement s = c.createStatement()) {
            s.execute("INSERT INTO task (project_id, data) SELECT " + projectId
                    + ", jsonb_build_object('text', '큐 벤치마크 문장 ' || g) FROM generate_series(1, " + items + ") g");
            s.execute("VACUUM ANALYZE task");
        }
        report.note("Queue setup: " + items + " tasks inserted in " + Report.fmt((System.nanoTime() - t0) / 1e9) + " s");
        return projectId;
    }

    /**
     * P3: the largest number of labelers, each starting a next-task + submit pair at Poisson times 10 s apart on
     * average, served with next-task p99 ≤ 25 ms and submit p99 ≤ 50 ms. Steps up a ladder (doubling) until a step
     * misses, then tries halfway between the last step met and the first missed.
     */
    int humanPaced(long projectId) throws Exception {
        int max = Integer.parseInt(args.getOrDefault("labelers-max", "16000"));
        int first = Integer.parseInt(args.getOrDefault("labelers-start", "500"));
        List<OpenLoad.Labeler> all = bearer(labelerTokens(projectId, max, "bench-lab"));
        OpenLoad load = new OpenLoad(base, projectId, thinkMs);
        // A short warm-up of the whole path before the first step (JIT, pools), at the first step's rate.
        load.run(all.subList(0, Math.min(first, all.size())), 0, warmupSeconds);
        int met = 0;
        int missed = 0;
        OpenLoad.Result best = null;
        int n = first;
        while (n <= max && n <= all.size()) {
            OpenLoad.Result r = step(load, all, n);
            if (r.within(25, 50)) {
                met = n;
                best = r;
                n *= 2;
            } else {
                missed = n;
                break;
            }
        }
        // Then halfway between the last step met and the first missed (or halving down when the first step missed).
        for (int tries = 0; missed > 0 && tries < 3; tries++) {
            int mid = met > 0 ? (met + missed) / 2 : missed / 2;
            if (mid <= met || mid < 10 || missed - mid < Math.max(50, missed / 8)) break;
            OpenLoad.Result r = step(load, all, mid);
            if (r.within(25, 50)) {
                met = mid;
                best = r;
            } else {
                missed = mid;
            }
            if (met > 0) break;
        }
        load.close();
        lowestTried = met > 0 ? met : missed;
        long[] dup = duplicates(projectId);
        report.atLeast("P3", "labelers served at a human pace (10 s mean think, open model), next-task p99 ≤ 25 ms, "
                + "submit p99 ≤ 50 ms" + (missed > 0 ? "; " + missed + " missed" : "; ladder top reached"), met, 2_000, "labelers");
        if (best != null) {
            report.info("P3", "at " + met + " labelers", best.summary());
        }
        report.exactly("P3", "tasks handed to two labelers (overlap 1), database", dup[0], 0);
        report.exactly("P3", "same labeler twice on a task, database", dup[1], 0);
        report.note("P3: open model — each labeler starts a pair at Poisson times (exponential gaps, mean " + Report.fmt(thinkMs)
                + " ms) whatever the answers' speed; next-task latency counted from the intended start (coordinated "
                + "omission corrected); " + warmupSeconds + " s warm-up + " + seconds + " s measured per step");
        return met;
    }

    /** P3's answer, or the smallest step it tried when none was met: the load P8 imports under. */
    int lowestTried;

    OpenLoad.Result step(OpenLoad load, List<OpenLoad.Labeler> all, int n) throws Exception {
        OpenLoad.Result r = load.run(all.subList(0, n), warmupSeconds, seconds);
        report.note("P3 step: " + n + " labelers (" + Report.fmt(n * 1000.0 / thinkMs) + " pairs/s offered): " + r.summary()
                + (r.within(25, 50) ? " — met" : " — missed"));
        return r;
    }

    /** [tasks over their overlap, (task, labeler) pairs twice] in the project, read in the database. */
    long[] duplicates(long projectId) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl); Statement s = c.createStatement()) {
            var rs = s.executeQuery("SELECT count(*) FROM (SELECT task_id FROM assignment WHERE project_id = " + projectId
                    + " AND state NOT IN ('EXPIRED', 'SKIPPED') GROUP BY 1 HAVING count(*) > 1) d");
            rs.next();
            long overfull = rs.getLong(1);
            rs = s.executeQuery("SELECT count(*) FROM (SELECT task_id, labeler_id FROM assignment WHERE project_id = "
                    + projectId + " GROUP BY 1, 2 HAVING count(*) > 1) d");
            rs.next();
            return new long[] {overfull, rs.getLong(1)};
        }
    }

    /**
     * P4: pairs per second with {@link #clients} labelers back to back (closed loop: the most the box does), through
     * the application and through pgbench running the pair's own SQL statements with as many connections.
     */
    void pairsVersusPgbench(long projectId) throws Exception {
        List<String> tokens = labelerTokens(projectId, clients, "bench-p4");
        closedLoop(projectId, tokens, warmupSeconds, null); // warm-up
        Latencies next = new Latencies();
        double appPairs = closedLoop(projectId, tokens, seconds, next);
        report.note("P4 app: " + clients + " labelers back to back, " + Report.fmt(appPairs) + " pairs/s, next-task p99 "
                + Report.fmt(next.percentileMs(99)) + " ms");
        if (!pgbench.available()) {
            report.info("P4", "pair throughput vs pgbench", "n/a: no pgbench (" + pgbenchPath + "); apt-get install postgresql-client");
            return;
        }
        // pgbench's labelers: fresh accounts with consecutive ids and tokens, client i being labeler lab0 + i.
        long[] ids = consecutiveLabelers(projectId, clients, "bench-pg");
        Path script = PgBench.write(work, "pair.sql", PAIR_SQL);
        Map<String, String> vars = Map.of("p", Long.toString(projectId), "lab0", Long.toString(ids[0]),
                "overlap", "1");
        pgbench.run(script, clients, Math.max(3, warmupSeconds / 3), 0, vars); // warm the server's plans and caches alike
        PgBench.Run run = pgbench.run(script, clients, seconds, 0, vars);
        report.share("P4", "next-task + submit pairs/s, " + clients + " back-to-back labelers: app vs pgbench of the pair's "
                + "8 statements", appPairs, run.tps(), "pairs/s", 50);
        report.note("P4 pgbench: " + pgbench.version() + ", " + clients + " connections, prepared statements, "
                + Report.fmt(run.latencyMs()) + " ms per pair, " + run.failed() + " failed; script " + script);
    }

    /** Closed loop: each token a labeler doing next-task → submit back to back. Returns pairs per second. */
    double closedLoop(long projectId, List<String> tokens, int forSeconds, Latencies nextLatencies) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong pairs = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(tokens.size());
        List<Future<?>> futures = new ArrayList<>();
        String[] topics = {"정치", "경제", "사회"};
        long t0 = System.nanoTime();
        for (String token : tokens) {
            futures.add(pool.submit(() -> {
                int n = 0;
                while (!stop.get()) {
                    long a = System.nanoTime();
                    HttpResponse<String> r = http.send(request("/api/v1/projects/" + projectId + "/next-task", token)
                            .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 204) return null;
                    if (r.statusCode() != 200) {
                        errors.incrementAndGet();
                        continue;
                    }
                    if (nextLatencies != null) nextLatencies.add(System.nanoTime() - a);
                    long assignment = JSON.readTree(r.body()).get("assignmentId").asLong();
                    HttpResponse<String> s = http.send(request("/api/v1/assignments/" + assignment + "/submit", token)
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString("{\"result\": {\"topic\": \"" + topics[n++ % 3] + "\"}}")).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (s.statusCode() == 200) pairs.incrementAndGet();
                    else errors.incrementAndGet();
                }
                return null;
            }));
        }
        Thread.sleep(forSeconds * 1000L);
        stop.set(true);
        for (Future<?> f : futures) f.get();
        double window = (System.nanoTime() - t0) / 1e9;
        pool.shutdown();
        if (errors.get() > 0) report.note("closed loop: " + errors.get() + " errors");
        return pairs.get() / window;
    }

    /**
     * One next-task + submit pair as the application runs it (TaskQueue.next with the overlap link, WorkService.submit;
     * the bearer token's account answered from memory, TokenService): the same statements, the same order, the same
     * transactions — 8 statements (the membership check takes the labeler's lock). Client i of pgbench is labeler {@code lab0 + i}.
     */
    static final String PAIR_SQL = """
            \\set me :lab0 + :client_id
            BEGIN;
            SELECT m.role, coalesce(m.paused, false), pg_advisory_xact_lock(2, :me) FROM project p
            LEFT JOIN project_member m ON m.project_id = p.id AND m.account_id = :me WHERE p.id = :p;
            SELECT DISTINCT state FROM assignment
            WHERE project_id = :p AND labeler_id = :me AND state IN ('REJECTED', 'LEASED', 'EXPIRED');
            WITH picked AS (
                SELECT t.id, t.held FROM task t
                WHERE t.project_id = :p AND t.held < :overlap AND t.state <> 'GOLD'
                  AND NOT EXISTS (SELECT 1 FROM assignment a WHERE a.task_id = t.id AND a.labeler_id = :me)
                ORDER BY t.held DESC, t.priority DESC, t.id
                LIMIT 1 FOR UPDATE OF t SKIP LOCKED),
            opened AS (
                INSERT INTO assignment (task_id, project_id, labeler_id, state, lease_expires_at, created_at, updated_at)
                SELECT id, :p, :me, 'LEASED', now() + interval '30 minutes', now(), now() FROM picked
                RETURNING id, task_id),
            logged AS (
                INSERT INTO task_event (task_id, project_id, type, actor_id, assignment_id, detail)
                SELECT o.task_id, :p, 'ASSIGN', :me, o.id,
                       jsonb_build_object('reason', CASE WHEN p.held > 0 THEN 'overlap' ELSE 'order' END,
                                          'leaseExpiresAt', (now() + interval '30 minutes')::text)
                FROM opened o JOIN picked p ON p.id = o.task_id)
            SELECT id AS aid, task_id AS tid FROM opened \\gset
            SELECT a.task_id, t.data, a.draft, a.lease_expires_at, t.held
            FROM assignment a JOIN task t ON t.id = a.task_id WHERE a.id = :aid;
            SELECT refresh_task(:tid);
            COMMIT;
            BEGIN;
            SELECT a.id, a.task_id, a.project_id, a.labeler_id, a.state, a.lease_expires_at, t.data, t.gold_reference,
                   m.role, coalesce(m.paused, false)
            FROM assignment a JOIN task t ON t.id = a.task_id
            LEFT JOIN project_member m ON m.project_id = a.project_id AND m.account_id = a.labeler_id
            WHERE a.id = :aid FOR UPDATE OF a;
            WITH ann AS (
                INSERT INTO annotation (task_id, assignment_id, author_id, kind, version, schema_version, result, created_at)
                SELECT :tid, :aid, :me, 'SUBMISSION',
                       (SELECT coalesce(max(x.version), 0) + 1 FROM annotation x WHERE x.assignment_id = :aid),
                       1, '{"topic": "사회"}'::jsonb, now()
                RETURNING id, version),
            logged AS (
                INSERT INTO task_event (task_id, project_id, type, actor_id, assignment_id, detail)
                SELECT :tid, :p, 'SUBMIT', :me, :aid, jsonb_build_object('annotationId', ann.id, 'version', ann.version)
                FROM ann),
            closed AS (
                UPDATE assignment SET state = 'SUBMITTED', draft = NULL, lease_expires_at = NULL, updated_at = now(),
                       accepted_annotation_id = NULL, gold_score = NULL, gold_feedback = NULL
                FROM ann WHERE assignment.id = :aid)
            SELECT id, version FROM ann;
            SELECT refresh_task(:tid);
            COMMIT;
            """;

    /** {@code n} labelers of the project with consecutive account ids and consecutive token ids: [first account, first token]. */
    long[] consecutiveLabelers(long projectId, int n, String prefix) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("LOCK TABLE account, api_token IN SHARE ROW EXCLUSIVE MODE"); // nobody else takes ids meanwhile
            String run = UUID.randomUUID().toString().substring(0, 8);
            var rs = s.executeQuery("WITH a AS (INSERT INTO account (username, password_hash, display_name, roles) "
                    + "SELECT '" + prefix + "-" + run + "-' || g, '{noop}-', '벤치 ' || g, '{LABELER}' FROM generate_series(1, " + n
                    + ") g RETURNING id) SELECT min(id), max(id) FROM a");
            rs.next();
            long a0 = rs.getLong(1);
            if (rs.getLong(2) - a0 != n - 1) throw new IllegalStateException("labeler ids not consecutive");
            s.execute("INSERT INTO project_member (project_id, account_id, role) SELECT " + projectId
                    + ", g, 'LABELER' FROM generate_series(" + a0 + ", " + (a0 + n - 1) + ") g");
            rs = s.executeQuery("WITH t AS (INSERT INTO api_token (account_id, name, token_hash) SELECT g, 'bench', "
                    + "sha256(('lc_pgbench_' || g)::bytea) FROM generate_series(" + a0 + ", " + (a0 + n - 1)
                    + ") g ORDER BY g RETURNING id, account_id) SELECT min(id), max(id), min(account_id) FROM t");
            rs.next();
            long t0 = rs.getLong(1);
            if (rs.getLong(2) - t0 != n - 1) throw new IllegalStateException("token ids not consecutive");
            rs = s.executeQuery("SELECT count(*) FROM api_token WHERE id BETWEEN " + t0 + " AND " + (t0 + n - 1)
                    + " AND account_id - " + a0 + " <> id - " + t0);
            rs.next();
            if (rs.getLong(1) != 0) throw new IllegalStateException("token i is not labeler i's");
            c.commit();
            return new long[] {a0, t0};
        }
    }

    List<OpenLoad.Labeler> bearer(List<String> tokens) {
        List<OpenLoad.Labeler> out = new ArrayList<>();
        for (String t : tokens) out.add(new OpenLoad.Labeler(Map.of("Authorization", "Bearer " + t)));
        return out;
    }

    /**
     * P7: memory with {@code --sessions} (1,000) people signed in through the browser's sign-in (session cookies, the
     * sessions kept in PostgreSQL), each labeling at a human pace with that session; the app's heap is watched.
     */
    void sessions(long projectId) throws Exception {
        int n = Integer.parseInt(args.getOrDefault("sessions", "1000"));
        String password = "bench-session-password";
        // One Argon2id hash for all (as the server makes them): each sign-in then costs what a real one does.
        String hash = "{argon2}" + new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2).encode(password);
        List<String> names = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl);
             PreparedStatement acc = c.prepareStatement("INSERT INTO account (username, password_hash, display_name, roles) "
                     + "VALUES (?, ?, ?, '{LABELER}') RETURNING id");
             PreparedStatement mem = c.prepareStatement("INSERT INTO project_member (project_id, account_id, role) VALUES (?, ?, 'LABELER')")) {
            String run = UUID.randomUUID().toString().substring(0, 8);
            for (int i = 0; i < n; i++) {
                String name = "bench-s-" + run + "-" + i;
                acc.setString(1, name);
                acc.setString(2, hash);
                acc.setString(3, "세션 " + i);
                var rs = acc.executeQuery();
                rs.next();
                mem.setLong(1, projectId);
                mem.setLong(2, rs.getLong(1));
                mem.executeUpdate();
                names.add(name);
            }
        }
        HeapWatch heap = new HeapWatch();
        heap.start();
        long t0 = System.nanoTime();
        List<OpenLoad.Labeler> people = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<OpenLoad.Labeler>> signedIn = new ArrayList<>();
        for (String name : names) signedIn.add(pool.submit(() -> signIn(name, password)));
        for (Future<OpenLoad.Labeler> f : signedIn) people.add(f.get());
        pool.shutdown();
        double signInSeconds = (System.nanoTime() - t0) / 1e9;
        long stored;
        try (Connection c = DriverManager.getConnection(jdbcUrl); Statement s = c.createStatement()) {
            var rs = s.executeQuery("SELECT count(*) FROM spring_session");
            rs.next();
            stored = rs.getLong(1);
        }
        OpenLoad load = new OpenLoad(base, projectId, thinkMs);
        OpenLoad.Result r = load.run(people, warmupSeconds, seconds);
        load.close();
        heap.stopWatching();
        report.note("P7: " + n + " sign-ins (Argon2id) in " + Report.fmt(signInSeconds) + " s; " + stored
                + " sessions stored in PostgreSQL; then each session labels at a human pace: " + r.summary());
        report.atMost("P7", "app heap used, max while " + n + " signed-in sessions label (app -Xmx" + heapSetting + ")",
                heap.max, 1024, "MiB");
        report.info("P7", "heap at start of the sign-ins / after the traffic", Report.fmt(heap.first) + " / " + Report.fmt(heap.last) + " MiB");
        report.atMost("P7", "next-task p99 with the " + n + " cookie sessions", r.nextP99(), 25, "ms");
        report.exactly("P7", "errors with the " + n + " cookie sessions", r.errors(), 0);
    }

    /** Signs in like the browser: the session cookie and the CSRF token the server set, sent back on every call. */
    OpenLoad.Labeler signIn(String username, String password) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\": \"" + username + "\", \"password\": \"" + password + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) throw new IllegalStateException("sign-in " + r.statusCode() + ": " + r.body());
        Map<String, String> cookies = new java.util.LinkedHashMap<>();
        for (String set : r.headers().allValues("Set-Cookie")) {
            String pair = set.split(";", 2)[0];
            String[] kv = pair.split("=", 2);
            cookies.put(kv[0].trim(), kv.length > 1 ? kv[1] : "");
        }
        String xsrf = cookies.get("XSRF-TOKEN");
        if (xsrf == null) throw new IllegalStateException("no XSRF-TOKEN cookie after sign-in: " + cookies.keySet());
        StringBuilder header = new StringBuilder();
        cookies.forEach((k, v) -> header.append(header.isEmpty() ? "" : "; ").append(k).append('=').append(v));
        return new OpenLoad.Labeler(Map.of("Cookie", header.toString(), "X-XSRF-TOKEN", xsrf));
    }

    /**
     * P8: a 1,000,000-item import (or {@link #items}, if fewer) while {@code labelers} label at a human pace: next-task
     * p99 during the import against the same load without it.
     */
    void importDuringLabeling(long projectId, int labelers) throws Exception {
        int importItems = Math.min(items, 1_000_000);
        Path file = work.resolve("items-" + importItems + ".jsonl");
        if (!Files.exists(file)) generate(file, importItems);
        List<OpenLoad.Labeler> people = bearer(labelerTokens(projectId, labelers, "bench-p8"));
        OpenLoad load = new OpenLoad(base, projectId, thinkMs);
        OpenLoad.Result quiet = load.run(people, warmupSeconds, seconds);
        long target = project("P8 import " + UUID.randomUUID());
        AtomicBoolean importing = new AtomicBoolean();
        ExecutorService side = Executors.newSingleThreadExecutor();
        Future<OpenLoad.Result> busy = side.submit(() -> load.run(people, warmupSeconds, 3600, importing::get));
        Thread.sleep(warmupSeconds * 1000L + 200);
        importing.set(true);
        long t0 = System.nanoTime();
        JsonNode job = upload("/api/v1/projects/" + target + "/imports", file, "jsonl");
        JsonNode done = await("/api/v1/imports/" + job.get("id").asLong(), Duration.ofMinutes(30));
        double importSeconds = (System.nanoTime() - t0) / 1e9;
        importing.set(false);
        load.stop();
        OpenLoad.Result during = busy.get();
        side.shutdown();
        load.close();
        report.note("P8: " + labelers + " labelers at a human pace; without import: " + quiet.summary() + "; during the "
                + importItems + "-item import (" + done.get("status").asString() + ", " + Report.fmt(importItems / importSeconds)
                + " items/s, " + Report.fmt(importSeconds) + " s): " + during.summary());
        report.ratioAtMost("P8", "next-task p99 during a " + importItems + "-item import / without it, " + labelers + " labelers",
                during.nextP99(), quiet.nextP99(), "ms", 2);
    }

    // ---------------------------------------------------------------- P6: registration

    /**
     * P6: registrations per second, {@link #clients} people registering back to back into a 30-seat cohort (seats,
     * then the wait list), through the application and through pgbench calling {@code academy_register} — the
     * function that does the work inside the database — with as many connections.
     */
    void registrationVersusPgbench() throws Exception {
        int wanted = Integer.parseInt(args.getOrDefault("registrations", "6000"));
        int people = wanted - wanted % clients;
        long[] ids = trainees(people); // [first account id, first token: tokens as strings in trainTokens]
        long appCohort = cohort(30);
        AtomicLong nextPerson = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> futures = new ArrayList<>();
        String path = "/api/v1/cohorts/" + appCohort + "/registrations";
        // The first tenth warms the path up and is not counted.
        int warm = people / 10;
        CountDownLatch warmed = new CountDownLatch(warm);
        for (int c = 0; c < clients; c++) {
            futures.add(pool.submit(() -> {
                long i;
                while ((i = nextPerson.getAndIncrement()) < people) {
                    HttpResponse<String> r = http.send(request(path, trainTokens.get((int) i)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() != 201) {
                        if (errors.incrementAndGet() < 5) System.out.println("  register " + r.statusCode() + " " + r.body());
                    }
                    if (i < warm) warmed.countDown();
                }
                return null;
            }));
        }
        warmed.await();
        long t0 = System.nanoTime();
        long startCount = nextPerson.get();
        for (Future<?> f : futures) f.get();
        double appRate = (people - Math.min(startCount, people)) / ((System.nanoTime() - t0) / 1e9);
        pool.shutdown();
        report.note("P6 app: " + people + " registrations by " + clients + " back-to-back clients, " + errors.get() + " errors");
        if (!pgbench.available()) {
            report.info("P6", "registrations vs pgbench", "n/a: no pgbench (" + pgbenchPath + "); apt-get install postgresql-client");
            return;
        }
        long pgCohort = cohort(30);
        try (Connection c = DriverManager.getConnection(jdbcUrl); Statement s = c.createStatement()) {
            s.execute("DROP SEQUENCE IF EXISTS bench_register_seq");
            s.execute("CREATE SEQUENCE bench_register_seq MINVALUE 0 START 0");
        }
        Path script = PgBench.write(work, "register.sql",
                "SELECT * FROM academy_register(:cohort, :t0 + nextval('bench_register_seq'), now());\n");
        PgBench.Run run = pgbench.run(script, clients, 0, people / clients, Map.of("cohort", Long.toString(pgCohort),
                "t0", Long.toString(ids[0])));
        long[] counts = new long[2];
        try (Connection c = DriverManager.getConnection(jdbcUrl); Statement s = c.createStatement()) {
            var rs = s.executeQuery("SELECT count(*) FILTER (WHERE cohort_id = " + appCohort + "), count(*) FILTER (WHERE cohort_id = "
                    + pgCohort + ") FROM registration WHERE cohort_id IN (" + appCohort + ", " + pgCohort + ")");
            rs.next();
            counts[0] = rs.getLong(1);
            counts[1] = rs.getLong(2);
        }
        report.share("P6", "registrations/s, " + clients + " back-to-back clients, 30 seats + wait list: app vs pgbench of "
                + "academy_register", appRate, run.tps(), "/s", 50);
        report.note("P6 registrations stored: app " + counts[0] + ", pgbench " + counts[1] + " of " + people + " each; pgbench "
                + Report.fmt(run.latencyMs()) + " ms per call, " + run.failed() + " failed");
    }

    final List<String> trainTokens = new ArrayList<>();

    /** Trainees with tokens (setup, in bulk), consecutive account ids: returns [first account id]. */
    long[] trainees(int n) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("LOCK TABLE account IN SHARE ROW EXCLUSIVE MODE");
            String run = UUID.randomUUID().toString().substring(0, 8);
            var rs = s.executeQuery("WITH a AS (INSERT INTO account (username, password_hash, display_name, roles) "
                    + "SELECT 'bench-t-" + run + "-' || g, '{noop}-', '수강생 ' || g, '{TRAINEE}' FROM generate_series(1, " + n
                    + ") g ORDER BY g RETURNING id) SELECT min(id), max(id) FROM a");
            rs.next();
            long a0 = rs.getLong(1);
            if (rs.getLong(2) - a0 != n - 1) throw new IllegalStateException("trainee ids not consecutive");
            c.commit();
            c.setAutoCommit(true);
            trainTokens.clear();
            trainTokens.addAll(tokens(c, a0, n));
            return new long[] {a0};
        }
    }

    long cohort(int capacity) throws Exception {
        long course = post("/api/v1/courses", "{\"name\": \"벤치 과정\", \"hours\": 12}").get("id").asLong();
        java.time.Instant now = java.time.Instant.now();
        java.time.Instant first = now.plus(Duration.ofDays(10));
        return post("/api/v1/cohorts", """
                {"courseId": %d, "name": "벤치 %s", "capacity": %d, "registrationOpensAt": "%s", "registrationClosesAt": "%s",
                 "sessions": [{"startsAt": "%s", "endsAt": "%s", "place": "서울"}]}"""
                .formatted(course, UUID.randomUUID().toString().substring(0, 6), capacity, now.minusSeconds(60),
                        now.plus(Duration.ofDays(1)), first, first.plus(Duration.ofHours(12)))).get("id").asLong();
    }

    /** API tokens for accounts a0 … a0 + n - 1, stored in one batch. */
    static List<String> tokens(Connection c, long a0, int n) throws Exception {
        List<String> out = new ArrayList<>();
        try (PreparedStatement tok = c.prepareStatement(BenchApi.INSERT_TOKEN)) {
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            for (int i = 0; i < n; i++) {
                String token = "lc_bench_" + UUID.randomUUID();
                tok.setLong(1, a0 + i);
                tok.setBytes(2, sha.digest(token.getBytes(StandardCharsets.UTF_8)));
                tok.addBatch();
                out.add(token);
            }
            tok.executeBatch();
        }
        return out;
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

    /** {@code n} labelers of the project with API tokens, made in bulk straight in the database (setup). */
    List<String> labelerTokens(long projectId, int n, String prefix) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("LOCK TABLE account IN SHARE ROW EXCLUSIVE MODE"); // consecutive ids
            String run = UUID.randomUUID().toString().substring(0, 8);
            var rs = s.executeQuery("WITH a AS (INSERT INTO account (username, password_hash, display_name, roles) "
                    + "SELECT '" + prefix + "-" + run + "-' || g, '{noop}-', '벤치 ' || g, '{LABELER,REVIEWER}' "
                    + "FROM generate_series(1, " + n + ") g ORDER BY g RETURNING id) SELECT min(id), max(id) FROM a");
            rs.next();
            long a0 = rs.getLong(1);
            if (rs.getLong(2) - a0 != n - 1) throw new IllegalStateException("labeler ids not consecutive");
            s.execute("INSERT INTO project_member (project_id, account_id, role) SELECT " + projectId
                    + ", g, 'LABELER' FROM generate_series(" + a0 + ", " + (a0 + n - 1) + ") g");
            c.commit();
            c.setAutoCommit(true);
            return tokens(c, a0, n);
        }
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
        return await(path, limit, j -> {
        });
    }

    JsonNode await(String path, Duration limit, java.util.function.Consumer<JsonNode> progress) throws Exception {
        long until = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < until) {
            JsonNode job = get(path);
            progress.accept(job);
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
        volatile double first = Double.NaN;
        volatile double max;
        volatile double last = Double.NaN;
        final List<double[]> samples = java.util.Collections.synchronizedList(new ArrayList<>());
        final long started = System.nanoTime();

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
                    last = used;
                    samples.add(new double[] {(System.nanoTime() - started) / 1e9, used});
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

        /** The heap's max in the first half of the watched time and in the second half (MiB). */
        double[] halves() {
            List<double[]> all;
            synchronized (samples) {
                all = new ArrayList<>(samples);
            }
            if (all.isEmpty()) return new double[] {Double.NaN, Double.NaN};
            double mid = all.get(all.size() - 1)[0] / 2;
            double a = 0;
            double b = 0;
            for (double[] x : all) {
                if (x[0] <= mid) a = Math.max(a, x[1]);
                else b = Math.max(b, x[1]);
            }
            return new double[] {a, b};
        }
    }
}
