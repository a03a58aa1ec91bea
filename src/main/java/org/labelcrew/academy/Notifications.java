package org.labelcrew.academy;

import org.jspecify.annotations.Nullable;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.labelcrew.shared.ApiException;
import org.labelcrew.shared.Json;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Messages to one person (moved up from the wait list, placed after the exam). Stored, not pushed: the browser reads
 * them from {@code GET /api/v1/me/notifications}.
 */
@Component
class Notifications {

    private final JdbcClient jdbc;
    private final Json json;
    private final Clock clock;

    Notifications(JdbcClient jdbc, Json json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    record Notification(long id, String kind, String message, JsonNode data, Instant createdAt, @Nullable Instant readAt) {
    }

    void send(long accountId, String kind, String message, Map<String, ?> data) {
        jdbc.sql("""
                INSERT INTO notification (account_id, kind, message, data, created_at)
                VALUES (:a, :kind, :message, :data::jsonb, :at)""")
                .param("a", accountId).param("kind", kind).param("message", message)
                .param("data", json.write(data)).param("at", Sql.ts(clock.instant())).update();
    }

    List<Notification> mine(long accountId, boolean unreadOnly) {
        return jdbc.sql("""
                SELECT * FROM notification WHERE account_id = :a AND (NOT :unread OR read_at IS NULL)
                ORDER BY id DESC LIMIT 100""")
                .param("a", accountId).param("unread", unreadOnly)
                .query((rs, i) -> new Notification(rs.getLong("id"), rs.getString("kind"), rs.getString("message"),
                        json.column(rs, "data"), Sql.instant(rs, "created_at"), Sql.instant(rs, "read_at")))
                .list();
    }

    void markRead(long accountId, long id) {
        int n = jdbc.sql("UPDATE notification SET read_at = coalesce(read_at, :now) WHERE id = :id AND account_id = :a")
                .param("now", Sql.ts(clock.instant())).param("id", id).param("a", accountId).update();
        if (n == 0) throw ApiException.notFound("Notification", id);
    }
}
