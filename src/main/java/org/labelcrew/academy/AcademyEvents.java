package org.labelcrew.academy;

import org.jspecify.annotations.Nullable;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.labelcrew.shared.Json;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/** The academy's append-only log (a trigger refuses UPDATE and DELETE on the table). */
@Component
class AcademyEvents {

    private final JdbcClient jdbc;
    private final Json json;

    AcademyEvents(JdbcClient jdbc, Json json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    record Event(long id, String type, @Nullable Long cohortId, @Nullable Long accountId, @Nullable Long actorId,
            JsonNode detail, Instant at) {
    }

    void append(String type, Long cohortId, Long accountId, Long actorId, Map<String, ?> detail, Instant at) {
        jdbc.sql("""
                INSERT INTO academy_event (type, cohort_id, account_id, actor_id, detail, at)
                VALUES (:type, :cohort, :account, :actor, :detail::jsonb, :at)""")
                .param("type", type).param("cohort", cohortId).param("account", accountId).param("actor", actorId)
                .param("detail", json.write(detail)).param("at", Sql.ts(at)).update();
    }

    List<Event> forCohort(long cohortId) {
        return jdbc.sql("SELECT * FROM academy_event WHERE cohort_id = :c ORDER BY id")
                .param("c", cohortId)
                .query((rs, i) -> new Event(rs.getLong("id"), rs.getString("type"), Sql.longOrNull(rs, "cohort_id"),
                        Sql.longOrNull(rs, "account_id"), Sql.longOrNull(rs, "actor_id"), json.column(rs, "detail"),
                        Sql.instant(rs, "at")))
                .list();
    }
}
