package org.labelcrew.academy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.labelcrew.bench.BenchApi;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * P6: the minute registration opens. Fires {@code --people} (2,000) registrations at once over HTTP at a
 * {@code --capacity} (30) seat cohort of a running LabelCrew, each from its own account and connection (one
 * asynchronous client drives them all), and prints
 * the latency percentiles and the outcome beside the limits: p99 ≤ 200 ms, exactly 30 REGISTERED, 1,970 WAITLISTED
 * with positions 1..1,970 in arrival (id) order. Started by {@code bench/registration.sh}; not a test, never run in
 * the build's test phase (the class name matches no surefire pattern).
 */
public final class RegistrationBench {

    static final ObjectMapper JSON = JsonMapper.builder().build();

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = new HashMap<>();
        for (String a : argv) {
            String[] kv = a.replaceFirst("^--", "").split("=", 2);
            args.put(kv[0], kv.length > 1 ? kv[1] : "true");
        }
        String base = args.getOrDefault("base", "http://localhost:18090");
        String jdbcUrl = args.getOrDefault("pg", "jdbc:postgresql://localhost:54390/postgres?user=postgres");
        int people = Integer.parseInt(args.getOrDefault("people", "2000"));
        int capacity = Integer.parseInt(args.getOrDefault("capacity", "30"));
        double limitMs = Double.parseDouble(args.getOrDefault("p99-limit-ms", "200"));
        String machine = args.getOrDefault("machine", "unknown machine");
        String admin = BenchApi.adminToken(base, args.getOrDefault("admin-password", "bench-admin-password"), "registration-bench");

        // 0: everyone clicks at the same instant (the strict case); n: arrivals spread evenly over n ms after opening.
        long spreadMs = Long.parseLong(args.getOrDefault("spread-ms", "0"));
        System.out.println("P6 registration rush on " + machine + ": " + people + " people, " + capacity + " seats, "
                + (spreadMs == 0 ? "all at the same instant" : "arrivals spread over the first " + spreadMs + " ms"));
        // Warm-up on other cohorts (JIT, connection pools), as a server that has been running is warm at the announced
        // minute: a few hundred calls leave the registration path interpreted, far slower than it runs warm.
        for (int i = 0; i < 3; i++) rush(base, admin, jdbcUrl, people, 5, false, spreadMs);
        Result r = rush(base, admin, jdbcUrl, people, capacity, true, spreadMs);

        boolean p99ok = r.p99 <= limitMs;
        System.out.println();
        System.out.printf(Locale.ROOT, "%-52s %14s %14s %s%n", "figure", "measured", "limit", "");
        row("P6 registration latency p50", fmt(r.p50) + " ms", "—", null);
        row("P6 registration latency p99", fmt(r.p99) + " ms", "≤ " + fmt(limitMs) + " ms", p99ok);
        row("P6 registration latency max", fmt(r.max) + " ms", "—", null);
        row("P6 answered 201", Integer.toString(r.created), "= " + people, r.created == people);
        row("P6 REGISTERED (database)", Long.toString(r.dbRegistered), "= " + capacity, r.dbRegistered == capacity);
        row("P6 WAITLISTED (database)", Long.toString(r.dbWaitlisted), "= " + (people - capacity), r.dbWaitlisted == people - capacity);
        row("P6 wait list positions 1..n, no gaps, in id order", Boolean.toString(r.orderOk), "true", r.orderOk);
        row("P6 all 201s before the last answer (wall)", fmt(r.wallMs) + " ms", "—", null);
        boolean ok = p99ok && r.created == people && r.dbRegistered == capacity && r.dbWaitlisted == people - capacity && r.orderOk;
        System.exit(ok ? 0 : 1);
    }

    record Result(double p50, double p99, double max, double wallMs, int created, long dbRegistered, long dbWaitlisted,
            boolean orderOk) {
    }

    static Result rush(String base, String admin, String jdbcUrl, int people, int capacity, boolean verbose, long spreadMs) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(30)).build();
        long course = post(http, base, admin, "/api/v1/courses",
                "{\"name\": \"벤치 과정\", \"hours\": 12}").get("id").asLong();
        Instant now = Instant.now();
        Instant first = now.plus(Duration.ofDays(10));
        long cohort = post(http, base, admin, "/api/v1/cohorts", """
                {"courseId": %d, "name": "벤치 %s", "capacity": %d, "registrationOpensAt": "%s", "registrationClosesAt": "%s",
                 "sessions": [{"startsAt": "%s", "endsAt": "%s", "place": "서울"}]}"""
                .formatted(course, UUID.randomUUID().toString().substring(0, 6), capacity, now.minusSeconds(60),
                        now.plus(Duration.ofDays(1)), first, first.plus(Duration.ofHours(12)))).get("id").asLong();
        List<String> tokens = trainees(jdbcUrl, people);

        // One client for everybody, as a load generator should be: a handful of threads drive all the connections, so
        // the client's own threads do not eat the two cores the server needs (2,000 clients with a thread each did).
        // Every person's connection is opened before the start, like browsers already on the page.
        ExecutorService callbacks = Executors.newFixedThreadPool(2);
        HttpClient shared = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(callbacks)
                .connectTimeout(Duration.ofSeconds(30)).build();
        List<CompletableFuture<HttpResponse<Void>>> warm = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            warm.add(shared.sendAsync(HttpRequest.newBuilder(URI.create(base + "/actuator/health/liveness")).GET().build(),
                    HttpResponse.BodyHandlers.discarding()));
        }
        CompletableFuture.allOf(warm.toArray(CompletableFuture[]::new)).join();

        String path = base + "/api/v1/cohorts/" + cohort + "/registrations";
        List<CompletableFuture<long[]>> futures = new ArrayList<>();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        long start = System.nanoTime();
        for (int i = 0; i < tokens.size(); i++) {
            HttpRequest req = HttpRequest.newBuilder(URI.create(path)).timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Bearer " + tokens.get(i)).POST(HttpRequest.BodyPublishers.noBody()).build();
            long delayNanos = spreadMs * 1_000_000L * i / Math.max(1, tokens.size());
            CompletableFuture<long[]> result = new CompletableFuture<>();
            Runnable fire = () -> {
                long t0 = System.nanoTime();
                shared.sendAsync(req, HttpResponse.BodyHandlers.ofString()).whenComplete((res, error) -> {
                    long t1 = System.nanoTime();
                    if (error != null) {
                        result.completeExceptionally(error);
                        return;
                    }
                    long id = -1;
                    long pos = -1;
                    if (res.statusCode() == 201) {
                        JsonNode b = JSON.readTree(res.body());
                        id = b.get("registrationId").asLong();
                        pos = b.get("position").isNull() ? 0 : b.get("position").asLong();
                    } else if (verbose) {
                        System.out.println("  " + res.statusCode() + " " + res.body());
                    }
                    result.complete(new long[] {t1 - t0, res.statusCode(), id, pos, t1});
                });
            };
            if (delayNanos == 0) fire.run();
            else timer.schedule(fire, start + delayNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
            futures.add(result);
        }
        List<long[]> out = new ArrayList<>();
        for (CompletableFuture<long[]> f : futures) out.add(f.get());
        timer.shutdown();
        callbacks.shutdown();

        long[] lat = out.stream().mapToLong(o -> o[0]).sorted().toArray();
        long last = out.stream().mapToLong(o -> o[4]).max().orElse(start);
        int created = (int) out.stream().filter(o -> o[1] == 201).count();
        // Wait list: ordered by id, the positions must read 1, 2, 3, … and every seat must precede them.
        List<long[]> ok = out.stream().filter(o -> o[1] == 201).sorted(Comparator.comparingLong(o -> o[2])).toList();
        boolean orderOk = true;
        long expected = 1;
        boolean waiting = false;
        for (long[] o : ok) {
            if (o[3] == 0) {
                orderOk &= !waiting;
            } else {
                waiting = true;
                orderOk &= o[3] == expected++;
            }
        }
        long registered;
        long waitlisted;
        try (Connection c = DriverManager.getConnection(jdbcUrl);
             PreparedStatement ps = c.prepareStatement("""
                     SELECT count(*) FILTER (WHERE status = 'REGISTERED'), count(*) FILTER (WHERE status = 'WAITLISTED')
                     FROM registration WHERE cohort_id = ?""")) {
            ps.setLong(1, cohort);
            ResultSet rs = ps.executeQuery();
            rs.next();
            registered = rs.getLong(1);
            waitlisted = rs.getLong(2);
        }
        if (verbose) System.out.println("  cohort " + cohort + ": " + created + " answered 201");
        return new Result(pct(lat, 50), pct(lat, 99), lat[lat.length - 1] / 1e6, (last - start) / 1e6, created,
                registered, waitlisted, orderOk);
    }

    static double pct(long[] sorted, double p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }

    /** Trainee accounts and API tokens made straight in the database: setup is not what is measured. */
    static List<String> trainees(String jdbcUrl, int n) throws Exception {
        List<String> tokens = new ArrayList<>();
        String run = UUID.randomUUID().toString().substring(0, 8);
        try (Connection c = DriverManager.getConnection(jdbcUrl);
             PreparedStatement acc = c.prepareStatement("INSERT INTO account (username, password_hash, display_name, roles) "
                     + "VALUES (?, '{noop}-', ?, '{TRAINEE}') RETURNING id");
             PreparedStatement tok = c.prepareStatement(BenchApi.INSERT_TOKEN)) {
            for (int i = 0; i < n; i++) {
                acc.setString(1, "bench-t-" + run + "-" + i);
                acc.setString(2, "수강생 " + i);
                ResultSet rs = acc.executeQuery();
                rs.next();
                tokens.add(BenchApi.addToken(tok, rs.getLong(1)));
            }
        }
        return tokens;
    }

    static JsonNode post(HttpClient http, String base, String token, String path, String json) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) throw new IllegalStateException(path + ": " + r.statusCode() + " " + r.body());
        return JSON.readTree(r.body());
    }

    static void row(String figure, String measured, String limit, Boolean pass) {
        System.out.printf(Locale.ROOT, "%-52s %14s %14s %s%n", figure, measured, limit,
                pass == null ? "" : pass ? "pass" : "FAIL");
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private RegistrationBench() {
    }
}
