package org.labelcrew.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import tools.jackson.databind.JsonNode;

/**
 * A human-paced, open-model labeling load (as wrk2 or Gatling's open injection): every labeler starts a next-task +
 * submit pair at Poisson times — the gap between two starts is exponential with the given mean (10 s: a person reading
 * and labeling) and does not depend on how fast the server answers. A slow answer therefore cannot hide the queue
 * behind it: a pair whose start time comes while the labeler's previous pair is still waiting starts as soon as that
 * one ends, and its next-task latency is counted from the time it should have started (coordinated omission
 * corrected). Submit latency is counted from its own send, right after next-task answered.
 * <p>
 * A few threads drive every labeler (asynchronous HTTP), so thousands of labelers do not cost thousands of client
 * threads on the cores the server needs.
 */
final class OpenLoad {

    /** One labeler: the headers that authenticate them (a bearer token, or a session cookie with its CSRF token). */
    record Labeler(Map<String, String> headers) {
    }

    record Result(Latencies next, Latencies submit, long pairs, long errors, long noTask, double seconds) {
        double nextP99() {
            return next.percentileMs(99);
        }

        double submitP99() {
            return submit.percentileMs(99);
        }

        boolean within(double nextLimitMs, double submitLimitMs) {
            return errors == 0 && next.count() > 0 && nextP99() <= nextLimitMs && submitP99() <= submitLimitMs;
        }

        String summary() {
            return "next-task p99 " + Report.fmt(nextP99()) + " ms (p50 " + Report.fmt(next.percentileMs(50))
                    + "), submit p99 " + Report.fmt(submitP99()) + " ms (p50 " + Report.fmt(submit.percentileMs(50))
                    + "), " + Report.fmt(pairs / seconds) + " pairs/s, " + errors + " errors" + (noTask > 0 ? ", " + noTask + " no task" : "");
        }
    }

    private static final String[] TOPICS = {"정치", "경제", "사회"};

    private final String base;
    private final long projectId;
    private final double thinkMs;
    private final HttpClient http;
    private volatile boolean stopping;
    private volatile BooleanSupplier measuring = () -> true;
    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "open-load-timer");
        t.setDaemon(true);
        return t;
    });

    OpenLoad(String base, long projectId, double thinkMs) {
        this.base = base;
        this.projectId = projectId;
        this.thinkMs = thinkMs;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
                .executor(Executors.newFixedThreadPool(4, r -> {
                    Thread t = new Thread(r, "open-load-http");
                    t.setDaemon(true);
                    return t;
                })).build();
    }

    /**
     * Runs the labelers for {@code warmupSeconds + seconds}; only pairs whose start time falls in the last
     * {@code seconds} are measured. Returns once every started pair has ended.
     */
    Result run(List<Labeler> labelers, int warmupSeconds, int seconds) throws InterruptedException {
        return run(labelers, warmupSeconds, seconds, () -> true);
    }

    /**
     * As {@link #run(List, int, int)}, measuring only the pairs that start while {@code measuring} says so; a call of
     * {@link #stop} ends the run early (no pair starts after it).
     */
    Result run(List<Labeler> labelers, int warmupSeconds, int seconds, BooleanSupplier measuring) throws InterruptedException {
        stopping = false;
        this.measuring = measuring;
        Latencies next = new Latencies();
        Latencies submit = new Latencies();
        AtomicLong pairs = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicLong noTask = new AtomicLong();
        long start = System.nanoTime() + 200_000_000L;
        long measureFrom = start + warmupSeconds * 1_000_000_000L;
        long end = measureFrom + seconds * 1_000_000_000L;
        CountDownLatch done = new CountDownLatch(labelers.size());
        for (Labeler labeler : labelers) {
            new Cycle(labeler, measureFrom, end, next, submit, pairs, errors, noTask, done).schedule(start + gap());
        }
        // Every labeler stops starting pairs at the end; the last ones may still be waiting for answers.
        long wait = (end - System.nanoTime()) / 1_000_000_000L + 120;
        if (!done.await(wait, TimeUnit.SECONDS)) {
            throw new IllegalStateException("open load: pairs still unanswered two minutes after the end");
        }
        double measuredSeconds = Math.max(1e-3, (Math.min(end, System.nanoTime()) - measureFrom) / 1e9);
        return new Result(next, submit, pairs.get(), errors.get(), noTask.get(), measuredSeconds);
    }

    void stop() {
        stopping = true;
    }

    void close() {
        timer.shutdownNow();
    }

    /** Exponential gap with mean {@link #thinkMs}, in nanoseconds. */
    private long gap() {
        return (long) (-thinkMs * 1_000_000 * Math.log(1 - ThreadLocalRandom.current().nextDouble()));
    }

    private final class Cycle {
        final Labeler labeler;
        final long measureFrom;
        final long end;
        final Latencies next;
        final Latencies submit;
        final AtomicLong pairs;
        final AtomicLong errors;
        final AtomicLong noTask;
        final CountDownLatch done;
        int n;

        Cycle(Labeler labeler, long measureFrom, long end, Latencies next, Latencies submit, AtomicLong pairs,
                AtomicLong errors, AtomicLong noTask, CountDownLatch done) {
            this.labeler = labeler;
            this.measureFrom = measureFrom;
            this.end = end;
            this.next = next;
            this.submit = submit;
            this.pairs = pairs;
            this.errors = errors;
            this.noTask = noTask;
            this.done = done;
        }

        /** Starts the pair meant to start at {@code intended} (now, if that time has passed). */
        void schedule(long intended) {
            if (intended >= end || stopping) {
                done.countDown();
                return;
            }
            timer.schedule(() -> pair(intended), Math.max(0, intended - System.nanoTime()), TimeUnit.NANOSECONDS);
        }

        void pair(long intended) {
            boolean measured = intended >= measureFrom && measuring.getAsBoolean();
            HttpRequest ask = request("/api/v1/projects/" + projectId + "/next-task")
                    .POST(HttpRequest.BodyPublishers.noBody()).build();
            http.sendAsync(ask, HttpResponse.BodyHandlers.ofString()).thenCompose(r -> {
                long answered = System.nanoTime();
                if (r.statusCode() == 204) {
                    noTask.incrementAndGet();
                    return CompletableFuture.completedFuture(null);
                }
                if (r.statusCode() != 200) {
                    if (measured) errors.incrementAndGet();
                    if (errors.get() < 5) System.out.println("  next-task " + r.statusCode() + ": " + r.body());
                    return CompletableFuture.completedFuture(null);
                }
                if (measured) next.add(answered - intended);
                JsonNode lease = Benchmark.JSON.readTree(r.body());
                String body = "{\"result\": {\"topic\": \"" + TOPICS[n++ % 3] + "\"}}";
                HttpRequest send = request("/api/v1/assignments/" + lease.get("assignmentId").asLong() + "/submit")
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
                return http.sendAsync(send, HttpResponse.BodyHandlers.ofString()).thenAccept(s -> {
                    long submitted = System.nanoTime();
                    if (s.statusCode() != 200) {
                        if (measured) errors.incrementAndGet();
                        if (errors.get() < 5) System.out.println("  submit " + s.statusCode() + ": " + s.body());
                        return;
                    }
                    if (measured) {
                        submit.add(submitted - answered);
                        pairs.incrementAndGet();
                    }
                });
            }).whenComplete((ignored, failure) -> {
                if (failure != null) {
                    if (measured) errors.incrementAndGet();
                    if (errors.get() < 5) System.out.println("  " + failure);
                }
                schedule(intended + gap());
            });
        }

        HttpRequest.Builder request(String path) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
            labeler.headers().forEach(b::header);
            return b;
        }
    }
}
