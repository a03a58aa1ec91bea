package org.labelcrew.academy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;
import org.labelcrew.account.CurrentUser;
import org.labelcrew.shared.ApiException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * First come, first served registration. Correct under any concurrency, on one instance or many, because the
 * decision is made in PostgreSQL while the cohort's row is locked ({@code SELECT … FOR UPDATE} inside the
 * {@code academy_register} function, R__academy_register.sql):
 * <ul>
 * <li>seats: the {@code registered} counter is read and raised under the lock (and a CHECK keeps it ≤ capacity);</li>
 * <li>arrival order: the registration id is drawn from its sequence under the same lock, so within a cohort ids
 * follow the order in which requests got the lock; the wait list is WAITLISTED ordered by id;</li>
 * <li>one per person: a unique index on (cohort, account) over live registrations settles any race.</li>
 * </ul>
 * The lock is held for one server-side call in autocommit, not across round trips to the application, which is what
 * keeps the minute registration opens fast. The window is checked before, so early clicks never queue on the lock.
 */
@Service
class Registrations {

    private final JdbcClient jdbc;
    private final Notifications notifications;
    private final AcademyEvents events;
    private final Clock clock;

    Registrations(JdbcClient jdbc, Notifications notifications, AcademyEvents events, Clock clock) {
        this.jdbc = jdbc;
        this.notifications = notifications;
        this.events = events;
        this.clock = clock;
    }

    /** position: 1-based place on the wait list; null when a seat was taken. */
    record Registered(long registrationId, long cohortId, @Schema(implementation = RegistrationStatus.class) String status, @Nullable Integer position,
            Instant registeredAt) {
    }

    private record Window(String name, Instant opens, Instant closes, String mine) {
    }

    /** Not @Transactional on purpose: each statement commits at once, so the seat lock is never held across calls. */
    Registered register(long cohortId, CurrentUser user) {
        Access.requireSignedIn(user);
        Instant now = clock.instant();
        Window w = jdbc.sql("""
                SELECT c.name, c.registration_opens_at, c.registration_closes_at,
                       (SELECT r.status FROM registration r
                        WHERE r.cohort_id = c.id AND r.account_id = :a AND r.status <> 'CANCELLED') AS mine
                FROM cohort c WHERE c.id = :c""")
                .param("c", cohortId).param("a", user.id())
                .query((rs, i) -> new Window(rs.getString(1), Sql.instant(rs, "registration_opens_at"),
                        Sql.instant(rs, "registration_closes_at"), rs.getString("mine")))
                .optional().orElseThrow(() -> ApiException.notFound("Cohort", cohortId));
        if (now.isBefore(w.opens())) {
            throw new RegistrationWindowException("Registration for '" + w.name() + "' opens at " + w.opens()
                    + " (in " + human(Duration.between(now, w.opens())) + "); it is first come, first served from that minute",
                    w.opens(), w.closes());
        }
        if (!now.isBefore(w.closes())) {
            throw new RegistrationWindowException("Registration for '" + w.name() + "' closed at " + w.closes()
                    + " (it opened at " + w.opens() + ")", w.opens(), w.closes());
        }
        if (w.mine() != null) throw already(cohortId, w.mine());
        record Outcome(Long id, String status, Integer position) {
        }
        Outcome o = jdbc.sql("SELECT * FROM academy_register(:c, :a, :now)")
                .param("c", cohortId).param("a", user.id()).param("now", Sql.ts(now))
                .query((rs, i) -> new Outcome(Sql.longOrNull(rs, "registration_id"), rs.getString("reg_status"),
                        rs.getObject("wait_position") == null ? null : rs.getInt("wait_position")))
                .single();
        if (o.id() == null) throw already(cohortId, "registered");
        return new Registered(o.id(), cohortId, o.status(), o.position(), now);
    }

    private static ApiException already(long cohortId, String status) {
        return ApiException.conflict("You are already " + status + " in cohort " + cohortId + "; one registration per person");
    }

    /**
     * Cancels the caller's registration. A freed seat goes to the first person on the wait list, who is told so by a
     * notification; all under the cohort's lock, so a seat is never handed out twice.
     */
    @Transactional
    void cancel(long cohortId, CurrentUser user) {
        Access.requireSignedIn(user);
        Instant now = clock.instant();
        jdbc.sql("SELECT id FROM cohort WHERE id = :c FOR UPDATE").param("c", cohortId).query(Long.class).optional()
                .orElseThrow(() -> ApiException.notFound("Cohort", cohortId));
        record Mine(long id, String status) {
        }
        Mine mine = jdbc.sql("""
                SELECT id, status FROM registration WHERE cohort_id = :c AND account_id = :a AND status <> 'CANCELLED'""")
                .param("c", cohortId).param("a", user.id())
                .query((rs, i) -> new Mine(rs.getLong(1), rs.getString(2))).optional()
                .orElseThrow(() -> ApiException.notFound("Your registration in cohort", cohortId));
        // Once the last session has ended the cohort is completed: a seat there is history (attendance, exam,
        // placement rest on it), not something to give back.
        Instant lastEnd = jdbc.sql("SELECT max(ends_at) FROM cohort_session WHERE cohort_id = :c").param("c", cohortId)
                .query((rs, i) -> rs.getTimestamp(1) == null ? null : rs.getTimestamp(1).toInstant()).single();
        if (lastEnd != null && !lastEnd.isAfter(now)) {
            throw ApiException.conflict("Cohort " + cohortId + " is completed (its last session ended at " + lastEnd
                    + "); a registration can no longer be cancelled")
                    .withCode("academy.cohortCompleted", Map.of("cohortId", cohortId, "at", lastEnd.toString()));
        }
        jdbc.sql("UPDATE registration SET status = 'CANCELLED', cancelled_at = :now WHERE id = :id")
                .param("now", Sql.ts(now)).param("id", mine.id()).update();
        events.append("CANCEL", cohortId, user.id(), user.id(), Map.of("was", mine.status()), now);
        if ("WAITLISTED".equals(mine.status())) {
            jdbc.sql("UPDATE cohort SET waitlisted = waitlisted - 1 WHERE id = :c").param("c", cohortId).update();
            return;
        }
        record Next(long id, long accountId) {
        }
        var next = jdbc.sql("""
                SELECT id, account_id FROM registration WHERE cohort_id = :c AND status = 'WAITLISTED' ORDER BY id LIMIT 1""")
                .param("c", cohortId).query((rs, i) -> new Next(rs.getLong(1), rs.getLong(2))).optional();
        if (next.isEmpty()) {
            jdbc.sql("UPDATE cohort SET registered = registered - 1 WHERE id = :c").param("c", cohortId).update();
            return;
        }
        jdbc.sql("UPDATE registration SET status = 'REGISTERED', promoted_at = :now WHERE id = :id")
                .param("now", Sql.ts(now)).param("id", next.get().id()).update();
        jdbc.sql("UPDATE cohort SET waitlisted = waitlisted - 1 WHERE id = :c").param("c", cohortId).update();
        String cohortName = jdbc.sql("SELECT name FROM cohort WHERE id = :c").param("c", cohortId).query(String.class).single();
        notifications.send(next.get().accountId(), "SEAT_OFFERED",
                "A seat became free in '" + cohortName + "': you moved up from the wait list and are now registered.",
                Map.of("cohortId", cohortId, "registrationId", next.get().id(), "cohortName", cohortName,
                        "code", "notification.seatOffered"));
        events.append("PROMOTE", cohortId, next.get().accountId(), user.id(),
                Map.of("registrationId", next.get().id(), "freedBy", mine.id()), now);
    }

    static String human(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 60) return s + " s";
        if (s < 3600) return (s / 60) + " min " + (s % 60) + " s";
        if (s < 86_400) return (s / 3600) + " h " + (s % 3600 / 60) + " min";
        return (s / 86_400) + " days " + (s % 86_400 / 3600) + " h";
    }
}
