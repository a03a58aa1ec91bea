package org.labelcrew.academy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.labelcrew.support.Api;
import org.labelcrew.support.Fixtures;
import org.labelcrew.support.IntegrationTest;
import org.labelcrew.support.TestClock;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Invariant 7: a cohort never holds more registrations than seats, whatever the concurrency; arrival order kept. */
@IntegrationTest
class RegistrationConcurrencyTest {

    @Autowired
    Fixtures fixtures;

    @Autowired
    TestClock clock;

    @Test
    void twoHundredSimultaneousRegistrationsFillThirtySeatsAndQueueTheRestInArrivalOrder() throws Exception {
        Academy academy = new Academy(fixtures, clock);
        long cohort = Academy.id(academy.openCohort(30));
        List<Fixtures.User> people = academy.trainees(200);

        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(200);
        List<Future<Api.Response>> futures = new ArrayList<>();
        for (Fixtures.User u : people) {
            futures.add(pool.submit(() -> {
                start.await();
                return u.api().post("/api/v1/cohorts/" + cohort + "/registrations", null);
            }));
        }
        start.countDown();
        List<JsonNode> results = new ArrayList<>();
        for (Future<Api.Response> f : futures) results.add(f.get().expect(201).json());
        pool.shutdown();

        List<JsonNode> registered = results.stream().filter(r -> r.get("status").asString().equals("REGISTERED")).toList();
        List<JsonNode> waitlisted = results.stream().filter(r -> r.get("status").asString().equals("WAITLISTED"))
                .sorted(Comparator.comparingLong(r -> r.get("registrationId").asLong())).toList();
        assertThat(registered).hasSize(30);
        assertThat(waitlisted).hasSize(170);
        // Positions 1..170 without gaps, and in the order of the registration ids (arrival order).
        assertThat(waitlisted.stream().map(r -> r.get("position").asInt()).toList())
                .containsExactlyElementsOf(IntStream.rangeClosed(1, 170).boxed().toList());
        long lastSeat = registered.stream().mapToLong(r -> r.get("registrationId").asLong()).max().orElseThrow();
        assertThat(waitlisted.get(0).get("registrationId").asLong()).isGreaterThan(lastSeat);

        JsonNode c = fixtures.anonymous().get("/api/v1/cohorts/" + cohort).expect(200).json();
        assertThat(c.get("registered").asInt()).isEqualTo(30);
        assertThat(c.get("seatsLeft").asInt()).isZero();
        assertThat(c.get("waitlisted").asInt()).isEqualTo(170);
        JsonNode roster = academy.manager.api().get("/api/v1/cohorts/" + cohort + "/registrations").expect(200).json();
        long seated = 0;
        for (JsonNode r : roster) if (r.get("status").asString().equals("REGISTERED")) seated++;
        assertThat(seated).isEqualTo(30);
    }
}
