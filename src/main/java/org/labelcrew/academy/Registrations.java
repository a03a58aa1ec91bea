package org.labelcrew.academy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.labelcrew.account.CurrentUser;
import org.labelcrew.shared.ApiException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * First come, first served registration. Correct under any concurrency, on one instance or many, because the
 * decision is made in PostgreSQL while the cohort's row is locked ({@code SELECT … FOR UPDATE}):
 * <ul>
 * <li>seats: the {@code registered} counter is read and raised under the lock (and a CHECK keeps it ≤ capacity);</li>
 * <li>arrival order: the registration id is drawn from its sequence under the same lock, so within a cohort ids
 * follow the order in which requests got the lock; the wait list is WAITLISTED ordered by id;</li>
 * <li>one per person: a unique index on (cohort, account) over live registrations settles any race.</li>
 * </ul>
 * The window is checked before the lock, so the rush of early clicks before opening never queues on it.
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
    record Registered(long registrationId, long cohortId, String status, Integer position, Instant registeredAt) {
    }

    private record Window(String name, Instant opens, Instant closes) {
    }

    private record Seats(int capacity, int registered, int waitlisted) {
    }

    @Transactional
    Registered register(long cohortId, CurrentUser user) {
        Access.requireSignedIn(user);
        Instant now = clock.instant();
        Window w = jdbc.sql("SELECT name, registration_opens_at, registration_closes_at FROM cohort WHERE id = :c")
                .param("c", cohortId)
                .query((rs, i) -> new Window(rs.getString(1), Sql.instant(rs, "registration_opens_at"),
                        Sql.instant(rs, "registration_closes_at")))
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
        alreadyRegistered(cohortId, user.id());

        Seats seats = jdbc.sql("SELECT capacity, registered, waitlisted FROM cohort WHERE id = :c FOR UPDATE")
                .param("c", cohortId)
                .query((rs, i) -> new Seats(rs.getInt(1), rs.getInt(2), rs.getInt(3))).single();
        boolean seat = seats.registered() < seats.capacity();
        Long id = jdbc.sql("""
                INSERT INTO registration (cohort_id, account_id, status, created_at) VALUES (:c, :a, :status, :now)
                ON CONFLICT (cohort_id, account_id) WHERE status <> 'CANCELLED' DO NOTHING
                RETURNING id""")
                .param("c", cohortId).param("a", user.id()).param("status", seat ? "REGISTERED" : "WAITLISTED")
                .param("now", Sql.ts(now))
                .query(Long.class).optional().orElse(null);
        if (id == null) alreadyRegistered(cohortId, user.id());
        jdbc.sql("UPDATE cohort SET registered = registered + :seat, waitlisted = waitlisted + :wait WHERE id = :c")
                .param("seat", seat ? 1 : 0).param("wait", seat ? 0 : 1).param("c", cohortId).update();
        return new Registered(id, cohortId, seat ? "REGISTERED" : "WAITLISTED", seat ? null : seats.waitlisted() + 1, now);
    }

    private void alreadyRegistered(long cohortId, long accountId) {
        jdbc.sql("""
                SELECT status FROM registration WHERE cohort_id = :c AND account_id = :a AND status <> 'CANCELLED'""")
                .param("c", cohortId).param("a", accountId).query(String.class).optional()
                .ifPresent(status -> {
                    throw ApiException.conflict("You are already " + status + " in cohort " + cohortId
                            + "; one registration per person");
                });
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
                Map.of("cohortId", cohortId, "registrationId", next.get().id()));
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
