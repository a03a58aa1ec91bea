package org.labelcrew.project;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.labelcrew.account.CurrentUser;
import org.labelcrew.shared.AdvisoryLock;
import org.labelcrew.shared.ApiException;
import org.labelcrew.shared.CacheNotifications;
import org.labelcrew.shared.Json;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.JsonNode;

/**
 * Who may do what in a project. Administrators act as managers of every project; everyone else needs a membership.
 * Unknown project → 404; known project, no membership or wrong role → 403; paused member → 403 for new work.
 */
@Service
public class ProjectAccess {

    /**
     * A join that brings a person's membership (columns {@code role}, {@code paused}; null when not a member) into
     * another feature's statement, for a check that must stay in that statement (task's draft and submit read it in
     * the same query that locks the assignment).
     */
    public static String membershipJoin(String alias, String projectIdExpr, String accountIdExpr) {
        return "LEFT JOIN project_member " + alias + " ON " + alias + ".project_id = " + projectIdExpr + " AND "
                + alias + ".account_id = " + accountIdExpr;
    }

    private final JdbcClient jdbc;
    private final Json json;
    private final ProjectWork work;
    private final CacheNotifications notifications;
    /**
     * Settings are read on every next-task and submit, and change rarely: kept in memory. A change is seen at once on
     * this instance ({@link #evict}) and on every other one as soon as it commits (the project's id is published on
     * {@link #CHANNEL}). The expiry is only a safety net: it bounds staleness if an instance's listener were cut off
     * without noticing.
     */
    private final Cache<Long, ProjectSettings> settings =
            Caffeine.newBuilder().expireAfterWrite(SETTINGS_TTL).maximumSize(10_000).build();

    static final Duration SETTINGS_TTL = Duration.ofMinutes(1);
    static final String CHANNEL = "labelcrew_project_settings";

    ProjectAccess(JdbcClient jdbc, Json json, ProjectWork work, CacheNotifications notifications) {
        this.jdbc = jdbc;
        this.json = json;
        this.work = work;
        this.notifications = notifications;
        notifications.subscribe(CHANNEL, key -> settings.invalidate(Long.parseLong(key)), settings::invalidateAll);
    }

    public record Membership(ProjectRole role, boolean paused) {
    }

    public Optional<Membership> membership(long projectId, CurrentUser user) {
        if (user.isAdmin()) return Optional.of(new Membership(ProjectRole.MANAGER, false));
        return jdbc.sql("SELECT role, paused FROM project_member WHERE project_id = :p AND account_id = :a")
                .param("p", projectId).param("a", user.id())
                .query((rs, i) -> new Membership(ProjectRole.valueOf(rs.getString(1)), rs.getBoolean(2)))
                .optional();
    }

    /** The caller's membership; 404 if the project does not exist, 403 if the caller is not in it. */
    public Membership requireMember(long projectId, CurrentUser user) {
        if (user.isAdmin()) {
            requireExists(projectId);
            return new Membership(ProjectRole.MANAGER, false);
        }
        return memberRow(projectId, user, null);
    }

    /**
     * One round trip: does the project exist, and what is the caller in it? With {@code lock}, the same statement
     * also takes that advisory lock on the caller.
     */
    private Membership memberRow(long projectId, CurrentUser user, @Nullable AdvisoryLock lock) {
        record Row(String role, boolean paused) {
        }
        JdbcClient.StatementSpec sql = jdbc.sql("SELECT m.role, coalesce(m.paused, false)"
                        + (lock == null ? "" : ", " + lock.call(":k")) + """
                         FROM project p
                        LEFT JOIN project_member m ON m.project_id = p.id AND m.account_id = :a WHERE p.id = :p""")
                .param("p", projectId).param("a", user.id());
        if (lock != null) sql = sql.param("k", AdvisoryLock.key(user.id()));
        Row row = sql.query((rs, i) -> new Row(rs.getString(1), rs.getBoolean(2))).optional()
                .orElseThrow(() -> ApiException.notFound("Project", projectId));
        return Optional.ofNullable(row.role()).map(r -> new Membership(ProjectRole.valueOf(r), row.paused()))
                .orElseThrow(() -> ApiException.forbidden("You are not a member of project " + projectId)
                        .withCode("project.notMember", Map.of("projectId", projectId)));
    }

    /** Like {@link #requireMember} and the role must be one of {@code roles}; managers pass every check. */
    public Membership require(long projectId, CurrentUser user, ProjectRole... roles) {
        Membership m = requireMember(projectId, user);
        if (m.role() == ProjectRole.MANAGER) return m;
        if (Arrays.asList(roles).contains(m.role())) return m;
        throw roleNeeded(roles, m);
    }

    /** For starting new work: the role must fit exactly (a manager may review, but labels only as a labeler). */
    public Membership requireActive(long projectId, CurrentUser user, ProjectRole... roles) {
        Membership m = requireMember(projectId, user);
        if (!Arrays.asList(roles).contains(m.role())) {
            throw roleNeeded(roles, m);
        }
        if (m.paused()) throw paused(projectId, user.id());
        return m;
    }

    /**
     * {@link #requireActive(long, CurrentUser, ProjectRole...)} that also takes {@code lock} on the caller in the same
     * statement (issue 14: next-task's membership check and its per-labeler lock were two round trips). The lock is
     * held before any later statement of the caller's transaction reads, which is all it has to guarantee; a refused
     * caller's lock ends with the rolled-back transaction.
     */
    public Membership requireActive(long projectId, CurrentUser user, AdvisoryLock lock, ProjectRole... roles) {
        if (user.isAdmin()) {
            Membership m = requireActive(projectId, user, roles);
            lock.lock(jdbc, user.id());
            return m;
        }
        Membership m = memberRow(projectId, user, lock);
        if (!Arrays.asList(roles).contains(m.role())) {
            throw roleNeeded(roles, m);
        }
        if (m.paused()) throw paused(projectId, user.id());
        return m;
    }

    private static ApiException roleNeeded(ProjectRole[] roles, Membership m) {
        return ApiException.forbidden("This needs the project role " + Arrays.toString(roles) + "; yours is " + m.role())
                .withCode("project.roleNeeded", Map.of("roles", Arrays.stream(roles).map(Enum::name).toList(),
                        "role", m.role().name()));
    }

    /**
     * The 403 for a paused member's new work: paused by a manager, or automatically (code {@code quality.autoPaused}
     * with the figures that paused them, for the browser to say why).
     */
    @SuppressWarnings("unchecked")
    ApiException paused(long projectId, long accountId) {
        JsonNode reason = jdbc.sql("SELECT pause_reason::text FROM project_member WHERE project_id = :p AND account_id = :a")
                .param("p", projectId).param("a", accountId).query(String.class).optional().map(json::parse).orElse(null);
        if (reason == null || !reason.hasNonNull("code")) {
            return ApiException.forbidden("Your work in project " + projectId + " is paused by a manager")
                    .withCode("project.paused", Map.of("projectId", projectId));
        }
        JsonNode params = reason.path("params");
        return ApiException.forbidden("Your work in project " + projectId + " is paused automatically: your gold accuracy "
                + Math.round(params.path("accuracy").asDouble() * 100) + "% over " + params.path("answers").asLong()
                + " gold answers is below the project's " + Math.round(params.path("minAccuracy").asDouble() * 100)
                + "%; a manager can resume you").withCode(reason.get("code").asString(), (java.util.Map<String, Object>) json.convert(params, java.util.Map.class));
    }

    public void requireExists(long projectId) {
        boolean exists = jdbc.sql("SELECT exists(SELECT 1 FROM project WHERE id = :p)").param("p", projectId)
                .query(Boolean.class).single();
        if (!exists) throw ApiException.notFound("Project", projectId);
    }

    public ProjectSettings settings(long projectId) {
        return settings.get(projectId, this::load);
    }

    /**
     * Forgets the cached settings of a project (after a change of its settings or of its gold items), now and again
     * when the caller's transaction commits, so that no reader caches the old settings in between; every other
     * instance forgets them when it hears the commit's notification.
     */
    public void evict(long projectId) {
        settings.invalidate(projectId);
        notifications.publish(CHANNEL, Long.toString(projectId));
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    settings.invalidate(projectId);
                }
            });
        }
    }

    /**
     * The settings as they are in the database, not as cached, with the project's row locked until the caller's
     * transaction ends: for a change of the settings, which derives from them (the next schema version, the old
     * overlap) and must not do so from a copy another instance has already changed.
     */
    ProjectSettings settingsForUpdate(long projectId) {
        return load(projectId, " FOR NO KEY UPDATE OF p");
    }

    private ProjectSettings load(long projectId) {
        return load(projectId, "");
    }

    private ProjectSettings load(long projectId, String lock) {
        return jdbc.sql("""
                SELECT id, schema, schema_version, overlap, review_mode, sample_rate, lease_minutes, gold_rate, """
                + work.goldItemsSql("p.id") + ", auto_pause_min_gold, auto_pause_min_accuracy, review_min_rate, review_max_rate, review_window"
                + " FROM project p WHERE id = :p" + lock)
                .param("p", projectId)
                .query((rs, i) -> new ProjectSettings(rs.getLong(1), json.column(rs, "schema"), rs.getInt(3),
                        rs.getInt(4), rs.getString(5), rs.getDouble(6), rs.getInt(7), rs.getDouble(8), rs.getLong(9),
                        rs.getObject(10) == null ? null : rs.getInt(10), rs.getObject(11) == null ? null : rs.getDouble(11),
                        (Double) rs.getObject(12), (Double) rs.getObject(13), (Integer) rs.getObject(14)))
                .optional().orElseThrow(() -> ApiException.notFound("Project", projectId));
    }
}
