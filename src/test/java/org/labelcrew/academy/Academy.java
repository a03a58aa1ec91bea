package org.labelcrew.academy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.labelcrew.account.Role;
import org.labelcrew.support.Fixtures;
import org.labelcrew.support.TestClock;
import tools.jackson.databind.JsonNode;

/** Builds courses, cohorts and trainees for academy tests through the real API. */
final class Academy {

    private final Fixtures fixtures;
    private final TestClock clock;
    final Fixtures.User manager;

    Academy(Fixtures fixtures, TestClock clock) {
        this.fixtures = fixtures;
        this.clock = clock;
        this.manager = fixtures.user("mgr", Role.MANAGER);
    }

    long course() {
        return manager.api().post("/api/v1/courses", """
                {"name": "데이터 라벨링 기초", "description": "12시간 과정", "materials": [{"title": "교재", "url": "https://example.org"}], "hours": 12}""")
                .expect(201).json().get("id").asLong();
    }

    /** A cohort whose registration opened a minute ago (app clock), with two 6-hour sessions. */
    JsonNode openCohort(int capacity) {
        return cohort(capacity, clock.instant().minus(Duration.ofMinutes(1)), clock.instant().plus(Duration.ofDays(7)));
    }

    /** Moves the app clock past both sessions of an {@link #openCohort}: attendance is taken once a session has started. */
    void sessionsHeld() {
        clock.advance(Duration.ofDays(10));
    }

    JsonNode cohort(int capacity, Instant opens, Instant closes) {
        Instant first = closes.plus(Duration.ofDays(1));
        String body = """
                {"courseId": %d, "name": "서울 1기", "capacity": %d, "registrationOpensAt": "%s", "registrationClosesAt": "%s",
                 "sessions": [{"startsAt": "%s", "endsAt": "%s", "place": "서울 강남 교육장"},
                              {"startsAt": "%s", "endsAt": "%s", "place": "온라인"}]}"""
                .formatted(course(), capacity, opens, closes, first, first.plus(Duration.ofHours(6)),
                        first.plus(Duration.ofDays(1)), first.plus(Duration.ofDays(1)).plus(Duration.ofHours(6)));
        return manager.api().post("/api/v1/cohorts", body).expect(201).json();
    }

    Fixtures.User trainee() {
        return fixtures.user("t", Role.TRAINEE);
    }

    /** Many trainees at once (password hashing is the slow part). */
    List<Fixtures.User> trainees(int n) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Fixtures.User>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) futures.add(pool.submit(this::trainee));
            List<Fixtures.User> out = new ArrayList<>();
            for (Future<Fixtures.User> f : futures) out.add(f.get());
            return out;
        } finally {
            pool.shutdown();
        }
    }

    static long id(JsonNode node) {
        return node.get("id").asLong();
    }
}
