package org.labelcrew.academy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.labelcrew.account.Role;
import org.labelcrew.support.IntegrationTest;
import tools.jackson.databind.JsonNode;

@IntegrationTest
class RegistrationApiTest extends AcademyApiTestBase {

    @Test
    void anyoneSeesOpenAndUpcomingCohortsWithSeatsScheduleAndWindow() {
        long open = Academy.id(academy.openCohort(30));
        Instant opens = clock.instant().plus(Duration.ofHours(2));
        long upcoming = Academy.id(academy.cohort(10, opens, opens.plus(Duration.ofDays(3))));
        long past = Academy.id(academy.cohort(10, clock.instant().minus(Duration.ofDays(9)), clock.instant().minus(Duration.ofDays(2))));

        JsonNode list = fixtures.anonymous().get("/api/v1/cohorts").expect(200).json();
        JsonNode o = find(list, open);
        assertThat(o.get("registrationState").asString()).isEqualTo("OPEN");
        assertThat(o.get("seatsLeft").asInt()).isEqualTo(30);
        assertThat(o.get("totalHours").asDouble()).isEqualTo(12.0);
        assertThat(o.get("sessions")).hasSize(2);
        assertThat(o.get("sessions").get(0).get("place").asString()).isEqualTo("서울 강남 교육장");
        assertThat(find(list, upcoming).get("registrationState").asString()).isEqualTo("UPCOMING");
        assertThat(find(list, past)).isNull();
        fixtures.anonymous().get("/api/v1/courses").expect(200);
        // Registering needs an account (without one, CSRF or authentication refuses it first).
        assertThat(fixtures.anonymous().post("/api/v1/cohorts/" + open + "/registrations", null).status()).isIn(401, 403);
    }

    @Test
    void cohortsAreValidated() {
        long course = academy.course();
        Instant t = Instant.parse("2030-01-01T09:00:00Z");
        JsonNode problem = academy.manager.api().post("/api/v1/cohorts", """
                {"courseId": %d, "name": "x", "capacity": 0, "registrationOpensAt": "%s", "registrationClosesAt": "%s",
                 "sessions": [{"startsAt": "%s", "endsAt": "%s", "place": "A"}, {"startsAt": "%s", "endsAt": "%s", "place": "B"}]}"""
                .formatted(course, t, t.minusSeconds(60), t.plusSeconds(7200), t.plusSeconds(9000), t, t.plusSeconds(3600)))
                .expect(422).json();
        assertThat(problem.get("errors").findValuesAsString("field"))
                .contains("capacity", "registrationClosesAt", "sessions[1].startsAt");
        fixtures.user("t", Role.TRAINEE).api().post("/api/v1/courses", "{\"name\": \"x\", \"hours\": 1}").expect(403);
    }

    @Test
    void registeringBeforeTheWindowOpensIsRefusedWithTheOpeningTime() {
        Instant opens = clock.instant().plus(Duration.ofMinutes(10)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        long cohort = Academy.id(academy.cohort(30, opens, opens.plus(Duration.ofDays(1))));
        var trainee = academy.trainee();

        JsonNode problem = trainee.api().post("/api/v1/cohorts/" + cohort + "/registrations", null).expect(409).json();
        assertThat(problem.get("opensAt").asString()).isEqualTo(opens.toString());
        assertThat(problem.get("detail").asString()).contains("opens at " + opens);

        clock.advance(Duration.ofMinutes(10));
        trainee.api().post("/api/v1/cohorts/" + cohort + "/registrations", null).expect(201);

        clock.advance(Duration.ofDays(1));
        JsonNode closed = academy.trainee().api().post("/api/v1/cohorts/" + cohort + "/registrations", null).expect(409).json();
        assertThat(closed.get("detail").asString()).contains("closed at");
    }

    @Test
    void onePersonRegistersOnce() {
        long cohort = Academy.id(academy.openCohort(5));
        var trainee = academy.trainee();
        JsonNode first = trainee.api().post("/api/v1/cohorts/" + cohort + "/registrations", null).expect(201).json();
        assertThat(first.get("status").asString()).isEqualTo("REGISTERED");
        assertThat(first.get("position").isNull()).isTrue();
        JsonNode again = trainee.api().post("/api/v1/cohorts/" + cohort + "/registrations", null).expect(409).json();
        assertThat(again.get("detail").asString()).contains("already REGISTERED");
        assertThat(fixtures.anonymous().get("/api/v1/cohorts/" + cohort).json().get("registered").asInt()).isEqualTo(1);
    }

    @Test
    void cancellingASeatPromotesTheFirstOnTheWaitListAndTellsThem() {
        long cohort = Academy.id(academy.openCohort(1));
        var seated = academy.trainee();
        var first = academy.trainee();
        var second = academy.trainee();
        String path = "/api/v1/cohorts/" + cohort + "/registrations";
        seated.api().post(path, null).expect(201);
        assertThat(first.api().post(path, null).expect(201).json().get("position").asInt()).isEqualTo(1);
        assertThat(second.api().post(path, null).expect(201).json().get("position").asInt()).isEqualTo(2);

        seated.api().delete(path + "/me").expect(204);

        JsonNode mine = first.api().get("/api/v1/me/academy").expect(200).json().get("registrations").get(0);
        assertThat(mine.get("status").asString()).isEqualTo("REGISTERED");
        JsonNode notes = first.api().get("/api/v1/me/notifications").expect(200).json();
        assertThat(notes).hasSize(1);
        assertThat(notes.get(0).get("kind").asString()).isEqualTo("SEAT_OFFERED");
        assertThat(notes.get(0).get("data").get("cohortId").asLong()).isEqualTo(cohort);
        JsonNode still = second.api().get("/api/v1/me/academy").json().get("registrations").get(0);
        assertThat(still.get("status").asString()).isEqualTo("WAITLISTED");
        assertThat(still.get("position").asInt()).isEqualTo(1);
        assertThat(second.api().get("/api/v1/me/notifications").json()).isEmpty();

        JsonNode c = fixtures.anonymous().get("/api/v1/cohorts/" + cohort).json();
        assertThat(c.get("registered").asInt()).isEqualTo(1);
        assertThat(c.get("waitlisted").asInt()).isEqualTo(1);
        // The one who cancelled may register again, at the end of the queue.
        assertThat(seated.api().post(path, null).expect(201).json().get("position").asInt()).isEqualTo(2);
        seated.api().delete(path + "/me").expect(204);
        seated.api().delete(path + "/me").expect(404);
        JsonNode events = academy.manager.api().get("/api/v1/cohorts/" + cohort + "/events").expect(200).json();
        assertThat(events.findValuesAsString("type")).contains("CANCEL", "PROMOTE");
    }

    @Test
    void attendanceIsRecordedForSeatHoldersAndCountsTowardCompletion() {
        JsonNode c = academy.openCohort(5);
        long cohort = Academy.id(c);
        long s1 = c.get("sessions").get(0).get("id").asLong();
        long s2 = c.get("sessions").get(1).get("id").asLong();
        var trainee = academy.trainee();
        trainee.api().post("/api/v1/cohorts/" + cohort + "/registrations", null).expect(201);
        String att = "/api/v1/cohorts/" + cohort + "/sessions/%d/attendance";
        String body = "{\"accountId\": " + trainee.id() + ", \"present\": true}";
        academy.sessionsHeld();
        academy.manager.api().put(att.formatted(s1), body).expect(200);
        trainee.api().put(att.formatted(s1), body).expect(403);
        academy.manager.api().put(att.formatted(s1), "{\"accountId\": " + academy.trainee().id() + ", \"present\": true}").expect(422);

        JsonNode me = trainee.api().get("/api/v1/me/academy").json().get("registrations").get(0).get("attendance");
        assertThat(me.get("ratio").asDouble()).isEqualTo(0.5);
        assertThat(me.get("completed").asBoolean()).isFalse();
        academy.manager.api().put(att.formatted(s2), body).expect(200);
        me = trainee.api().get("/api/v1/me/academy").json().get("registrations").get(0).get("attendance");
        assertThat(me.get("completed").asBoolean()).isTrue();
        assertThat(me.get("attendedHours").asDouble()).isEqualTo(12.0);
    }

    @Test
    void attendanceWaitsUntilTheSessionHasStarted() {
        JsonNode c = academy.openCohort(5);
        long cohort = Academy.id(c);
        JsonNode first = c.get("sessions").get(0);
        JsonNode second = c.get("sessions").get(1);
        var trainee = academy.trainee();
        trainee.api().post("/api/v1/cohorts/" + cohort + "/registrations", null).expect(201);
        String att = "/api/v1/cohorts/" + cohort + "/sessions/%d/attendance";
        String body = "{\"accountId\": " + trainee.id() + ", \"present\": true}";

        JsonNode refused = academy.manager.api().put(att.formatted(first.get("id").asLong()), body).expect(422).json();
        JsonNode error = refused.get("errors").get(0);
        assertThat(error.get("field").asString()).isEqualTo("sessionId");
        assertThat(error.get("message").asString())
                .contains(first.get("id").asString())
                .contains(Instant.parse(first.get("startsAt").asString()).toString());
        // Between the two sessions: the first can be marked, the second not yet.
        clock.advance(Duration.between(clock.instant(), Instant.parse(first.get("startsAt").asString())).plusMinutes(1));
        academy.manager.api().put(att.formatted(first.get("id").asLong()), body).expect(200);
        academy.manager.api().put(att.formatted(second.get("id").asLong()), body).expect(422);
        assertThat(trainee.api().get("/api/v1/me/academy").json().get("registrations").get(0).get("attendance")
                .get("ratio").asDouble()).isEqualTo(0.5);
    }

    static JsonNode find(JsonNode list, long id) {
        for (JsonNode n : list) if (n.get("id").asLong() == id) return n;
        return null;
    }

    @Test
    void aSeatCannotBeCancelledOnceTheCohortIsCompleted() {
        long cohort = Academy.id(academy.openCohort(2));
        var trainee = academy.trainee();
        String path = "/api/v1/cohorts/" + cohort + "/registrations";
        trainee.api().post(path, null).expect(201);
        academy.sessionsHeld();

        JsonNode refused = trainee.api().delete(path + "/me").expect(409).json();
        assertThat(refused.get("code").asString()).isEqualTo("academy.cohortCompleted");
        assertThat(trainee.api().get("/api/v1/me/academy").expect(200).json().get("registrations").get(0).get("status")
                .asString()).isEqualTo("REGISTERED");
    }
}
