package org.labelcrew.bench;

import com.sun.net.httpserver.HttpServer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The media benchmark (issue 10; {@code bench/media.sh}). Against a running application (its own process, small heap)
 * and its PostgreSQL, each figure beside a limit measured in the same run on the same machine:
 * <ul>
 *   <li>M1 import of {@code --images} generated JPEGs in one zip (thumbnails included): images/s against a bare
 *   {@code unzip} of the same file plus {@code sha256sum} of every file; the app's heap before, at most during, and
 *   after.</li>
 *   <li>M2 the image bytes to {@code --readers} concurrent readers ({@code GET /api/v1/media/{id}}, a labeler's token,
 *   back to back): p99 against the same bytes, from memory, served by the JDK's own small HTTP server
 *   ({@code com.sun.net.httpserver}) in this process to the same client: the cost of HTTP on this machine, without
 *   authentication, the membership check, the media row and the blob read.</li>
 *   <li>M3 COCO export of {@code --coco-images} approved images × {@code --objects} boxes, at two sizes: objects/s
 *   against {@code COPY (the export's query) TO STDOUT}, and the app's peak heap at both sizes (constant: the
 *   export is streamed).</li>
 * </ul>
 */
public final class MediaBenchmark {

    static final ObjectMapper JSON = JsonMapper.builder().build();
    static final String BOXES = "{\"fields\": [{\"name\": \"objects\", \"type\": \"boxes\", \"labels\": [\"car\", \"person\", \"sign\"]}]}";

    final String base;
    final String jdbcUrl;
    final int images;
    final int readers;
    final int seconds;
    final int objects;
    final int[] cocoSizes;
    final int width;
    final int height;
    final Path work;
    final String heapSetting;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    final List<String[]> rows = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
    String admin;

    MediaBenchmark(Map<String, String> a) {
        base = a.getOrDefault("base", "http://localhost:18091");
        jdbcUrl = a.getOrDefault("pg", "jdbc:postgresql://localhost:54391/postgres?user=postgres");
        images = Benchmark.scale(a.getOrDefault("images", "10000"));
        readers = Integer.parseInt(a.getOrDefault("readers", "200"));
        seconds = Integer.parseInt(a.getOrDefault("seconds", "20"));
        objects = Integer.parseInt(a.getOrDefault("objects", "100"));
        String[] sizes = a.getOrDefault("coco-images", "1000,10000").split(",");
        cocoSizes = new int[] {Benchmark.scale(sizes[0]), Benchmark.scale(sizes[sizes.length > 1 ? 1 : 0])};
        String[] px = a.getOrDefault("image-px", "480x360").split("x");
        width = Integer.parseInt(px[0]);
        height = Integer.parseInt(px[1]);
        work = Path.of(a.getOrDefault("work", "target/bench-media"));
        heapSetting = a.getOrDefault("heap", "?");
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> a = new HashMap<>();
        for (String s : argv) {
            String[] kv = s.replaceFirst("^--", "").split("=", 2);
            a.put(kv[0], kv.length > 1 ? kv[1] : "true");
        }
        MediaBenchmark b = new MediaBenchmark(a);
        b.admin = BenchApi.adminToken(b.base, a.getOrDefault("admin-password", "bench-admin-password"), "media-bench");
        String machine = a.getOrDefault("machine", "unknown machine");
        Files.createDirectories(b.work);
        System.out.println("LabelCrew media benchmark on " + machine + " — " + b.images + " images of " + b.width + "×"
                + b.height + ", " + b.readers + " readers for " + b.seconds + " s, COCO at " + b.cocoSizes[0] + " and "
                + b.cocoSizes[1] + " images × " + b.objects + " objects");
        long project = 0;
        try {
            project = b.importZip();
        } catch (Exception e) {
            e.printStackTrace();
            b.row("M1", "section failed", e.toString(), "", "");
        }
        try {
            if (project > 0) b.readers(project);
        } catch (Exception e) {
            e.printStackTrace();
            b.row("M2", "section failed", e.toString(), "", "");
        }
        try {
            b.coco();
        } catch (Exception e) {
            e.printStackTrace();
            b.row("M3", "section failed", e.toString(), "", "");
        }
        b.print(machine);
        System.exit(0);
    }

    // ---------------------------------------------------------------- M1

    long importZip() throws Exception {
        Path zip = work.resolve("images-" + images + "-" + width + "x" + height + ".zip");
        if (!Files.exists(zip)) generate(zip, images, 1);
        Path warm = work.resolve("images-warmup.zip");
        if (!Files.exists(warm)) generate(warm, Math.min(images, 300), 2);
        long size = Files.size(zip);
        notes.add("M1 input: " + images + " JPEGs (" + width + "×" + height + ", noise, unique), one stored zip of "
                + String.format(Locale.ROOT, "%.1f", size / 1048576.0) + " MiB");

        double bare = unzipAndHash(zip);
        // A first, smaller import warms the JVM (JIT) up, as a running server would be; not measured.
        long warmProject = project("M1 warm-up " + UUID.randomUUID());
        await("/api/v1/imports/" + upload(warmProject, warm).get("id").asLong(), Duration.ofMinutes(30));

        long project = project("M1 import " + UUID.randomUUID());
        double before = heapMiB();
        HeapWatch heap = new HeapWatch();
        heap.start();
        long t0 = System.nanoTime();
        JsonNode job = upload(project, zip);
        JsonNode done = await("/api/v1/imports/" + job.get("id").asLong(), Duration.ofHours(3));
        double secs = (System.nanoTime() - t0) / 1e9;
        heap.running = false;
        heap.join();
        double after = heapMiB();
        if (!done.get("status").asString().equals("DONE")) throw new IllegalStateException("import " + done);
        double app = images / secs;
        double limit = images / bare;
        row("M1", "import images/s (upload → DONE; check, decode, thumbnail, store, task)", fmt(app) + " images/s",
                fmt(limit) + " images/s: unzip + sha256sum of the same zip", pct(app, limit));
        row("M1", "app heap used: before / max during / after the import", fmt(before) + " / " + fmt(heap.max) + " / "
                + fmt(after) + " MiB", "app -Xmx" + heapSetting, "");
        return project;
    }

    /** A zip (stored: JPEGs do not shrink) of {@code n} distinct noise JPEGs, about 100 KB each at 480×360. */
    void generate(Path zip, int n, long seed) throws Exception {
        long t0 = System.nanoTime();
        Random random = new Random(seed);
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(0.85f);
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] pixels = new int[width * height];
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.setLevel(java.util.zip.Deflater.NO_COMPRESSION);
            for (int i = 0; i < n; i++) {
                // Smooth-ish noise (a JPEG of pure noise is far larger than a photo): 4×4 blocks of random colour.
                for (int y = 0; y < height; y += 4) {
                    for (int x = 0; x < width; x += 4) {
                        int c = random.nextInt(0xFFFFFF);
                        for (int dy = 0; dy < 4 && y + dy < height; dy++) {
                            for (int dx = 0; dx < 4 && x + dx < width; dx++) pixels[(y + dy) * width + x + dx] = c;
                        }
                    }
                }
                img.setRGB(0, 0, width, height, pixels, 0, width);
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                try (var ios = ImageIO.createImageOutputStream(bytes)) {
                    writer.setOutput(ios);
                    writer.write(null, new IIOImage(img, null, null), param);
                }
                out.putNextEntry(new ZipEntry("street/" + (i / 1000) + "/img-" + i + ".jpg"));
                out.write(bytes.toByteArray());
                out.closeEntry();
            }
        }
        writer.dispose();
        System.out.println("  generated " + zip + " in " + fmt((System.nanoTime() - t0) / 1e9) + " s");
    }

    /** Seconds for {@code unzip -q} of the zip into a fresh folder, then {@code sha256sum} of every file. */
    double unzipAndHash(Path zip) throws Exception {
        Path dir = work.resolve("unzipped");
        deleteTree(dir);
        Files.createDirectories(dir);
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder("sh", "-c", "unzip -q -o \"$0\" -d \"$1\" && find \"$1\" -type f -print0 | xargs -0 sha256sum > /dev/null",
                zip.toAbsolutePath().toString(), dir.toAbsolutePath().toString()).inheritIO().start();
        int rc = p.waitFor();
        double secs = (System.nanoTime() - t0) / 1e9;
        deleteTree(dir);
        if (rc != 0) {
            // No unzip here: the same in Java (ZipInputStream + SHA-256 of each entry, written to disk as unzip does).
            notes.add("M1: unzip/sha256sum failed (exit " + rc + "); the limit is Java's ZipInputStream + SHA-256 instead");
            t0 = System.nanoTime();
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            Files.createDirectories(dir);
            try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
                int i = 0;
                while (in.getNextEntry() != null) {
                    Path f = dir.resolve(i++ + ".bin");
                    Files.copy(in, f);
                    sha.update(Files.readAllBytes(f));
                }
            }
            secs = (System.nanoTime() - t0) / 1e9;
            deleteTree(dir);
        }
        return secs;
    }

    // ---------------------------------------------------------------- M2

    void readers(long project) throws Exception {
        String token = labeler(project);
        List<Long> ids = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl);
             PreparedStatement ps = c.prepareStatement("SELECT id FROM media WHERE project_id = ? ORDER BY id LIMIT 1000")) {
            ps.setLong(1, project);
            ResultSet rs = ps.executeQuery();
            while (rs.next()) ids.add(rs.getLong(1));
        }
        // The same bytes for the static server: fetched once through the API (and checked to arrive whole).
        Map<String, byte[]> bytes = new HashMap<>();
        for (long id : ids) {
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/media/" + id))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) throw new IllegalStateException("media " + id + ": " + r.statusCode());
            bytes.put(Long.toString(id), r.body());
        }
        long total = bytes.values().stream().mapToLong(b -> b.length).sum();
        notes.add("M2: " + ids.size() + " distinct images (" + fmt(total / (double) ids.size() / 1024) + " KiB each on average) read "
                + "at random by " + readers + " threads back to back, " + seconds + " s after a " + Math.max(5, seconds / 4)
                + " s warm-up, over HTTP/1.1 keep-alive");

        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
        ExecutorService pool = Executors.newFixedThreadPool(readers);
        server.setExecutor(pool);
        server.createContext("/static/", ex -> {
            byte[] b = bytes.get(ex.getRequestURI().getPath().substring("/static/".length()));
            ex.getResponseHeaders().add("Content-Type", "image/jpeg");
            ex.sendResponseHeaders(200, b.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(b);
            }
        });
        server.start();
        try {
            String staticBase = "http://127.0.0.1:" + server.getAddress().getPort() + "/static/";
            double[] app = load(ids, id -> HttpRequest.newBuilder(URI.create(base + "/api/v1/media/" + id))
                    .header("Authorization", "Bearer " + token).build());
            double[] plain = load(ids, id -> HttpRequest.newBuilder(URI.create(staticBase + id)).build());
            row("M2", readers + " concurrent readers: image bytes p99 (GET /api/v1/media/{id}, member check, ETag, blob read)",
                    fmt(app[0]) + " ms (p50 " + fmt(app[1]) + " ms, " + fmt(app[2]) + " req/s)",
                    fmt(plain[0]) + " ms (p50 " + fmt(plain[1]) + ", " + fmt(plain[2]) + " req/s): same bytes, JDK HttpServer from memory",
                    String.format(Locale.ROOT, "%.2f×", app[0] / plain[0]));
        } finally {
            server.stop(0);
            pool.shutdownNow();
        }
    }

    interface Req {
        HttpRequest of(long id);
    }

    /** [p99 ms, p50 ms, requests/s] of {@code readers} threads fetching at random, back to back. */
    double[] load(List<Long> ids, Req req) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).executor(Executors.newFixedThreadPool(8)).build();
        Latencies lat = new Latencies();
        AtomicLong errors = new AtomicLong();
        long warmUntil = System.nanoTime() + Duration.ofSeconds(Math.max(5, seconds / 4)).toNanos();
        long until = warmUntil + Duration.ofSeconds(seconds).toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < readers; t++) {
            Random random = new Random(t);
            Thread th = new Thread(() -> {
                while (System.nanoTime() < until) {
                    long id = ids.get(random.nextInt(ids.size()));
                    long a = System.nanoTime();
                    try {
                        HttpResponse<byte[]> r = client.send(req.of(id), HttpResponse.BodyHandlers.ofByteArray());
                        if (r.statusCode() != 200) errors.incrementAndGet();
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                    if (a >= warmUntil) lat.add(System.nanoTime() - a);
                }
            });
            th.start();
            threads.add(th);
        }
        for (Thread th : threads) th.join();
        if (errors.get() > 0) notes.add("M2: " + errors.get() + " failed requests");
        return new double[] {lat.percentileMs(99), lat.percentileMs(50), lat.count() / (double) seconds};
    }

    /** A labeler member of the project with an API token, made in the database (setup, not measured). */
    String labeler(long project) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl); Statement s = c.createStatement()) {
            ResultSet rs = s.executeQuery("INSERT INTO account (username, password_hash, display_name, roles) VALUES ('media-"
                    + UUID.randomUUID().toString().substring(0, 8) + "', '{noop}-', '벤치', '{LABELER}') RETURNING id");
            rs.next();
            long id = rs.getLong(1);
            s.execute("INSERT INTO project_member (project_id, account_id, role) VALUES (" + project + ", " + id + ", 'LABELER')");
            try (PreparedStatement tok = c.prepareStatement(BenchApi.INSERT_TOKEN)) {
                return BenchApi.addToken(tok, id);
            }
        }
    }

    // ---------------------------------------------------------------- M3

    void coco() throws Exception {
        double[] peak = new double[2];
        for (int k = 0; k < 2; k++) {
            int n = cocoSizes[k];
            long project = project("M3 coco " + n + " " + UUID.randomUUID());
            approvedBoxes(project, n);
            double copy = copySeconds(project);
            double before = heapMiB();
            HeapWatch heap = new HeapWatch();
            heap.start();
            long t0 = System.nanoTime();
            long id = post("/api/v1/projects/" + project + "/exports", "{\"format\": \"coco\"}").get("id").asLong();
            JsonNode done = await("/api/v1/exports/" + id, Duration.ofHours(2));
            double secs = (System.nanoTime() - t0) / 1e9;
            heap.running = false;
            heap.join();
            if (!done.get("status").asString().equals("DONE")) throw new IllegalStateException("export " + done);
            long[] file = download("/api/v1/exports/" + id + "/file");
            peak[k] = heap.max;
            double app = (double) n * objects / secs;
            double limit = (double) n * objects / copy;
            row("M3", "COCO export of " + n + " images × " + objects + " boxes: objects/s (request → DONE)",
                    fmt(app) + " objects/s (" + fmt(file[0] / 1048576.0) + " MiB)",
                    fmt(limit) + " objects/s: COPY (the export's query) TO STDOUT", pct(app, limit));
            row("M3", "app heap during the " + n + "-image export: start / max", fmt(before) + " / " + fmt(heap.max) + " MiB",
                    "", "");
        }
        row("M3", "peak heap, " + cocoSizes[1] + " images / " + cocoSizes[0] + " images (constant heap: ≈ 1)",
                fmt(peak[1]) + " / " + fmt(peak[0]) + " MiB", "≤ 1.25", String.format(Locale.ROOT, "%.2f", peak[1] / peak[0]));
    }

    /** {@code n} approved tasks of a 1920×1080 image with {@code objects} boxes each, in bulk SQL (setup). */
    void approvedBoxes(long project, int n) throws Exception {
        long t0 = System.nanoTime();
        try (Connection c = DriverManager.getConnection(jdbcUrl); Statement s = c.createStatement()) {
            ResultSet rs = s.executeQuery("INSERT INTO account (username, password_hash, display_name, roles) SELECT 'm3-'"
                    + " || g || '-" + UUID.randomUUID().toString().substring(0, 8) + "', '{noop}-', '벤치', '{LABELER,REVIEWER}'"
                    + " FROM generate_series(1, 2) g RETURNING id");
            rs.next();
            long lab = rs.getLong(1);
            rs.next();
            long rev = rs.getLong(1);
            s.execute("INSERT INTO task (project_id, data) SELECT " + project + ", jsonb_build_object('image', g, 'width', 1920,"
                    + " 'height', 1080, 'file', 'street/img-' || g || '.jpg') FROM generate_series(1, " + n + ") g");
            s.execute("INSERT INTO assignment (task_id, project_id, labeler_id, state) SELECT id, project_id, " + lab
                    + ", 'APPROVED' FROM task WHERE project_id = " + project);
            s.execute("INSERT INTO annotation (task_id, assignment_id, author_id, kind, version, schema_version, result) "
                    + "SELECT a.task_id, a.id, " + lab + ", 'SUBMISSION', 1, 1, jsonb_build_object('objects', (SELECT jsonb_agg("
                    + "jsonb_build_object('x', (a.id * 7 + o * 13) % 1800, 'y', (a.id * 3 + o * 17) % 1000, 'w', 20 + o % 80,"
                    + " 'h', 10 + o % 60, 'label', (ARRAY['car','person','sign'])[1 + o % 3])) FROM generate_series(1, "
                    + objects + ") o)) FROM assignment a WHERE a.project_id = " + project);
            s.execute("INSERT INTO review (assignment_id, annotation_id, project_id, reviewer_id, verdict, decided_at) "
                    + "SELECT n.assignment_id, n.id, " + project + ", " + rev + ", 'APPROVE', now() FROM annotation n "
                    + "JOIN assignment a ON a.id = n.assignment_id WHERE a.project_id = " + project);
            s.execute("UPDATE assignment a SET accepted_annotation_id = n.id, accepted_by = " + rev
                    + " FROM annotation n WHERE n.assignment_id = a.id AND a.project_id = " + project);
            s.execute("UPDATE task SET state = 'APPROVED', held = 1, approved = 1 WHERE project_id = " + project);
            s.execute("VACUUM ANALYZE task");
            s.execute("VACUUM ANALYZE assignment");
            s.execute("VACUUM ANALYZE annotation");
        }
        notes.add("M3 setup: " + n + " approved tasks × " + objects + " boxes in bulk SQL in "
                + fmt((System.nanoTime() - t0) / 1e9) + " s");
    }

    /** Seconds of {@code COPY (TaskStore.approvedResults()) TO STDOUT} for the project, read and dropped. */
    double copySeconds(long project) throws Exception {
        String sql = org.labelcrew.task.TaskStore.approvedResults().replace("?", Long.toString(project));
        try (Connection c = DriverManager.getConnection(jdbcUrl)) {
            var copy = new org.postgresql.copy.CopyManager(c.unwrap(org.postgresql.core.BaseConnection.class));
            long t0 = System.nanoTime();
            copy.copyOut("COPY (" + sql + ") TO STDOUT", OutputStream.nullOutputStream());
            return (System.nanoTime() - t0) / 1e9;
        }
    }

    // ---------------------------------------------------------------- plumbing

    long project(String name) throws Exception {
        return post("/api/v1/projects", "{\"name\": \"" + name + "\", \"schema\": " + BOXES + "}").get("id").asLong();
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofHours(3)).header("Authorization", "Bearer " + admin);
    }

    JsonNode get(String path) throws Exception {
        HttpResponse<String> r = http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) throw new IllegalStateException("GET " + path + " → " + r.statusCode() + ": " + r.body());
        return JSON.readTree(r.body());
    }

    JsonNode post(String path, String json) throws Exception {
        HttpResponse<String> r = http.send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) throw new IllegalStateException("POST " + path + " → " + r.statusCode() + ": " + r.body());
        return JSON.readTree(r.body());
    }

    /** [bytes, ms] of a download, streamed and dropped. */
    long[] download(String path) throws Exception {
        long t0 = System.nanoTime();
        HttpResponse<InputStream> r = http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        long n;
        try (InputStream in = r.body()) {
            n = in.transferTo(OutputStream.nullOutputStream());
        }
        if (r.statusCode() != 200) throw new IllegalStateException("GET " + path + " → " + r.statusCode());
        return new long[] {n, (System.nanoTime() - t0) / 1_000_000};
    }

    JsonNode upload(long project, Path zip) throws Exception {
        String boundary = "bench" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"format\"\r\n\r\nimages-zip\r\n--"
                + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + zip.getFileName()
                + "\"\r\nContent-Type: application/zip\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        HttpRequest req = request("/api/v1/projects/" + project + "/imports")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.concat(HttpRequest.BodyPublishers.ofByteArray(head),
                        HttpRequest.BodyPublishers.ofFile(zip), HttpRequest.BodyPublishers.ofByteArray(tail)))
                .build();
        HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 202) throw new IllegalStateException("upload → " + r.statusCode() + ": " + r.body());
        return JSON.readTree(r.body());
    }

    JsonNode await(String path, Duration limit) throws Exception {
        long until = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < until) {
            JsonNode job = get(path);
            String status = job.get("status").asString();
            if (status.equals("DONE") || status.equals("FAILED")) return job;
            Thread.sleep(100);
        }
        throw new IllegalStateException(path + " did not finish within " + limit);
    }

    double heapMiB() throws Exception {
        return get("/actuator/metrics/jvm.memory.used?tag=area:heap").get("measurements").get(0).get("value").asDouble()
                / (1024 * 1024);
    }

    /** Samples the app's heap every 200 ms. */
    final class HeapWatch extends Thread {
        volatile boolean running = true;
        volatile double max;

        HeapWatch() {
            setDaemon(true);
        }

        @Override
        public void run() {
            while (running) {
                try {
                    max = Math.max(max, heapMiB());
                    Thread.sleep(200);
                } catch (Exception e) {
                    return;
                }
            }
        }
    }

    static void deleteTree(Path dir) throws Exception {
        if (!Files.exists(dir)) return;
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    void row(String id, String figure, String measured, String limit, String ratio) {
        rows.add(new String[] {id, figure, measured, limit, ratio});
        System.out.println("  " + id + " " + figure + ": " + measured + " | " + limit + " | " + ratio);
    }

    static String fmt(double v) {
        return Report.fmt(v);
    }

    static String pct(double app, double limit) {
        return String.format(Locale.ROOT, "%.1f %%", 100 * app / limit);
    }

    void print(String machine) throws Exception {
        StringBuilder md = new StringBuilder("Machine: ").append(machine).append("\n\n")
                .append("| | figure | measured | limit, measured in the same run | ratio |\n| --- | --- | --- | --- | --- |\n");
        for (String[] r : rows) md.append("| ").append(String.join(" | ", r)).append(" |\n");
        for (String n : notes) md.append("\n- ").append(n);
        md.append('\n');
        Path out = work.resolve("results.md");
        Files.writeString(out, md.toString());
        System.out.println();
        System.out.println(md);
        System.out.println("Written to " + out);
    }
}
