package org.labelcrew.pay;

import io.swagger.v3.oas.annotations.media.Schema;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.labelcrew.account.Colleagues;
import org.labelcrew.account.CurrentUser;
import org.labelcrew.account.Role;
import org.labelcrew.project.ProjectAccess;
import org.labelcrew.shared.ApiException;
import org.labelcrew.shared.ApiException.FieldError;
import org.labelcrew.shared.InputLimits;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/**
 * Reading the ledger (each worker their own; a project's managers the entries of their projects; administrators all),
 * monthly statements with withholding, issuing (locking) a month, and manual adjustments.
 */
@Service
public class Pay {

    static final Pattern PERIOD = Pattern.compile("^[0-9]{4}-(0[1-9]|1[0-2])$");
    static final int ENTRIES_SHOWN = 500;

    private final JdbcClient jdbc;
    private final Colleagues colleagues;
    private final Ledger ledger;
    private final Clock clock;

    Pay(JdbcClient jdbc, Colleagues colleagues, Ledger ledger, Clock clock) {
        this.jdbc = jdbc;
        this.colleagues = colleagues;
        this.ledger = ledger;
        this.clock = clock;
    }

    /**
     * One ledger entry. {@code kind}: LABELING, GOLD, REVIEW, CORRECTION_SHARE, ADJUSTMENT — to the worker themself a
     * gold answer's entry reads LABELING (gold is secret). {@code period}: the statement month it counts in.
     */
    @Schema(name = "PayEntry")
    public record Entry(long id, long accountId, @Nullable Long projectId, @Nullable String projectName, String kind,
            long amount, long units, @Nullable Integer rateCardVersion, @Nullable String reason,
            @Nullable String actor, Instant occurredAt, String period) {
    }

    private static final String ENTRY = """
            SELECT l.id, l.account_id, l.project_id, p.name, l.kind, l.amount, l.units, l.rate_card_version, l.reason,
                   actor.username, l.occurred_at, l.period
            FROM pay_ledger l LEFT JOIN project p ON p.id = l.project_id LEFT JOIN account actor ON actor.id = l.actor_id
            """;

    private static Entry entry(ResultSet rs, boolean maskGold) throws SQLException {
        String kind = rs.getString(5);
        return new Entry(rs.getLong(1), rs.getLong(2), (Long) rs.getObject(3), rs.getString(4),
                maskGold && "GOLD".equals(kind) ? "LABELING" : kind, rs.getLong(6), rs.getLong(7),
                (Integer) rs.getObject(8), rs.getString(9), rs.getString(10), rs.getTimestamp(11).toInstant(),
                rs.getString(12));
    }

    /**
     * An account's entries, newest first: administrators any account's; the worker their own; a manager the entries
     * of projects they manage, for a member of one of them. Anyone else, or an unknown account: 404 (no hint that the
     * account exists).
     */
    public List<Entry> ledger(@Nullable Long accountId, @Nullable String period, CurrentUser user) {
        if (accountId == null) throw ApiException.invalid("accountId: required: whose ledger to show", List.of(FieldError.coded("accountId",
                "pay.accountRequired", "required: whose ledger to show"))).withCode("pay.accountRequired", Map.of());
        if (period != null) checkPeriod(period);
        String byPeriod = period == null ? "" : " AND l.period = :period";
        if (user.isAdmin() || accountId == user.id()) {
            boolean exists = jdbc.sql("SELECT exists(SELECT 1 FROM account WHERE id = :a)").param("a", accountId)
                    .query(Boolean.class).single();
            if (!exists) throw ApiException.notFound("Account", accountId);
            boolean mask = accountId == user.id() && !user.isAdmin();
            return jdbc.sql(ENTRY + " WHERE l.account_id = :a" + byPeriod + " ORDER BY l.id DESC LIMIT " + ENTRIES_SHOWN)
                    .param("a", accountId).param("period", period).query((rs, i) -> entry(rs, mask)).list();
        }
        boolean colleague = jdbc.sql("SELECT " + colleagues.inProjectManagedBySql(":a", ":me"))
                .param("a", accountId).param("me", user.id()).query(Boolean.class).single();
        if (!colleague) throw ApiException.notFound("Account", accountId);
        return jdbc.sql(ENTRY + ProjectAccess.membershipJoin("m", "l.project_id", ":me")
                        + " WHERE l.account_id = :a AND m.role = 'MANAGER'" + byPeriod
                        + " ORDER BY l.id DESC LIMIT " + ENTRIES_SHOWN)
                .param("a", accountId).param("me", user.id()).param("period", period)
                .query((rs, i) -> entry(rs, false)).list();
    }

    /** A month of one worker's pay, with what would be withheld if it were paid as one statement. */
    @Schema(name = "PayMonth")
    public record Month(String period, long entries, long gross, long incomeTax, long localIncomeTax, long withholding,
            long net, boolean issued) {
    }

    /** The signed-in person's own earnings: all-time total, monthly totals (newest first), their newest entries. */
    public record Earnings(long accountId, long total, List<Month> months, List<Entry> entries) {
    }

    public Earnings earnings(CurrentUser user) {
        List<Month> months = jdbc.sql("""
                SELECT l.period, count(*), sum(l.amount), exists(SELECT 1 FROM pay_period pp WHERE pp.period = l.period)
                FROM pay_ledger l WHERE l.account_id = :me GROUP BY l.period ORDER BY l.period DESC""")
                .param("me", user.id())
                .query((rs, i) -> {
                    Withholding w = Withholding.of(rs.getLong(3));
                    return new Month(rs.getString(1), rs.getLong(2), w.gross(), w.incomeTax(), w.localIncomeTax(),
                            w.withholding(), w.net(), rs.getBoolean(4));
                }).list();
        long total = months.stream().mapToLong(Month::gross).sum();
        List<Entry> entries = jdbc.sql(ENTRY + " WHERE l.account_id = :me ORDER BY l.id DESC LIMIT " + ENTRIES_SHOWN)
                .param("me", user.id()).query((rs, i) -> entry(rs, true)).list();
        return new Earnings(user.id(), total, months, entries);
    }

    /** One worker's statement for a month: gross, withholding (see {@link Withholding}), net. */
    @Schema(name = "PayStatement")
    public record Statement(long accountId, String username, String displayName, long entries, long gross,
            long incomeTax, long localIncomeTax, long withholding, long net) {
    }

    /** A month's statements, one per worker with entries in it; {@code issuedAt} null while the month is open. */
    @Schema(name = "PayStatements")
    public record Statements(String period, @Nullable Instant issuedAt, @Nullable String issuedBy,
            List<Statement> statements, Statement total) {
    }

    public Statements statements(@Nullable String period, CurrentUser user) {
        requireAdmin(user);
        if (period == null) throw ApiException.invalid("period: required: the month, as YYYY-MM", List.of(FieldError.coded("period",
                "pay.periodRequired", "required: the month, as YYYY-MM"))).withCode("pay.periodRequired", Map.of());
        checkPeriod(period);
        return load(period);
    }

    private Statements load(String period) {
        List<Statement> rows = jdbc.sql("""
                SELECT acc.id, acc.username, acc.display_name, count(*), sum(l.amount)
                FROM pay_ledger l JOIN account acc ON acc.id = l.account_id
                WHERE l.period = :period GROUP BY acc.id, acc.username, acc.display_name ORDER BY acc.username""")
                .param("period", period)
                .query((rs, i) -> {
                    Withholding w = Withholding.of(rs.getLong(5));
                    return new Statement(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), w.gross(),
                            w.incomeTax(), w.localIncomeTax(), w.withholding(), w.net());
                }).list();
        // The total adds each worker's figures: withholding is per worker, never of the sum.
        Statement total = new Statement(0, "", "", rows.stream().mapToLong(Statement::entries).sum(),
                rows.stream().mapToLong(Statement::gross).sum(), rows.stream().mapToLong(Statement::incomeTax).sum(),
                rows.stream().mapToLong(Statement::localIncomeTax).sum(),
                rows.stream().mapToLong(Statement::withholding).sum(), rows.stream().mapToLong(Statement::net).sum());
        record Issued(Instant at, String by) {
        }
        Issued issued = jdbc.sql("""
                SELECT pp.issued_at, acc.username FROM pay_period pp JOIN account acc ON acc.id = pp.issued_by
                WHERE pp.period = :period""")
                .param("period", period).query((rs, i) -> new Issued(rs.getTimestamp(1).toInstant(), rs.getString(2)))
                .optional().orElse(null);
        return new Statements(period, issued == null ? null : issued.at(), issued == null ? null : issued.by(), rows,
                total);
    }

    /**
     * Issues a month's statements: the month is locked from then on, and entries made later that would fall in it
     * count in the next open month. The lock on {@code pay_period} waits for entries being written (they hold it in
     * SHARE mode, see {@link Ledger#period}) so that none lands in the month after it is issued.
     */
    @Transactional
    public Statements issue(String period, CurrentUser user) {
        requireAdmin(user);
        checkPeriod(period);
        Instant now = clock.instant();
        if (YearMonth.parse(period).isAfter(YearMonth.from(now.atZone(Ledger.SEOUL)))) {
            String why = "is in the future: " + period + " has not begun in Korea";
            throw ApiException.invalid("period: " + why, List.of(FieldError.coded("period", "pay.periodInFuture", why,
                    "period", period))).withCode("pay.periodInFuture", Map.of("period", period));
        }
        jdbc.sql("LOCK TABLE pay_period IN SHARE ROW EXCLUSIVE MODE").update();
        int added = jdbc.sql("""
                INSERT INTO pay_period (period, issued_at, issued_by) VALUES (:period, :now, :me) ON CONFLICT DO NOTHING""")
                .param("period", period).param("now", Timestamp.from(now)).param("me", user.id()).update();
        if (added == 0) throw ApiException.conflict("The statements of " + period + " are already issued")
                .withCode("pay.alreadyIssued", Map.of("period", period));
        return load(period);
    }

    /** What an administrator sends to adjust a worker's pay; read as JSON so that amounts stay whole won. */
    @Schema(name = "PayAdjustmentInput")
    public record AdjustmentInput(long accountId, long amount, String reason, @Nullable Long projectId) {
    }

    @Transactional
    public Entry adjust(JsonNode body, CurrentUser user) {
        requireAdmin(user);
        if (body == null || !body.isObject()) throw ApiException.invalid("body: must be a JSON object", List.of(FieldError.coded("body",
                "value.mustBeObject", "must be a JSON object"))).withCode("value.mustBeObject", Map.of());
        List<FieldError> errors = new ArrayList<>();
        for (String key : body.propertyNames()) {
            if (!Set.of("accountId", "amount", "reason", "projectId").contains(key)) {
                errors.add(FieldError.coded(key, "pay.unknownProperty", "unknown property", "allowed",
                        "accountId, amount, reason, projectId"));
            }
        }
        JsonNode acc = body.get("accountId");
        JsonNode amount = body.get("amount");
        JsonNode reason = body.get("reason");
        JsonNode project = body.get("projectId");
        if (acc == null || !acc.isIntegralNumber() || !acc.canConvertToLong()) {
            errors.add(FieldError.coded("accountId", "pay.workerRequired", "required: the worker's account id"));
        }
        if (amount == null || !amount.isIntegralNumber() || !amount.canConvertToLong() || amount.asLong() == 0
                || Math.abs(amount.asLong()) > InputLimits.PAY_AMOUNT_MAX) {
            errors.add(FieldError.coded("amount", "pay.badAdjustment", "must be whole won, not 0, between -" + InputLimits.PAY_AMOUNT_MAX
                    + " and " + InputLimits.PAY_AMOUNT_MAX, "max", InputLimits.PAY_AMOUNT_MAX));
        }
        String why = reason != null && reason.isString() ? reason.asString().trim() : "";
        if (why.isEmpty()) errors.add(FieldError.coded("reason", "pay.reasonRequired", "required: why the pay is adjusted"));
        else if (why.length() > InputLimits.PAY_REASON_MAX) {
            errors.add(FieldError.coded("reason", "text.tooLong", "at most " + InputLimits.PAY_REASON_MAX + " characters",
                    "max", InputLimits.PAY_REASON_MAX));
        } else if (InputLimits.hasControlCharacters(why, true)) {
            errors.add(FieldError.coded("reason", "text.controlCharactersButBreaks", "must not hold control characters"));
        }
        if (project != null && !project.isNull() && (!project.isIntegralNumber() || !project.canConvertToLong())) {
            errors.add(FieldError.coded("projectId", "pay.badProjectId", "must be a project id"));
        }
        if (!errors.isEmpty()) throw ApiException.invalid("The adjustment is not valid", errors).withCode("pay.adjustmentInvalid", Map.of());
        long accountId = acc.asLong();
        Long projectId = project == null || project.isNull() ? null : project.asLong();
        if (!jdbc.sql("SELECT exists(SELECT 1 FROM account WHERE id = :a)").param("a", accountId)
                .query(Boolean.class).single()) {
            throw ApiException.invalid("accountId: no account " + accountId, List.of(FieldError.coded("accountId",
                    "pay.noAccount", "no account " + accountId, "id", accountId))).withCode("pay.noAccount", Map.of("id", accountId));
        }
        if (projectId != null && !jdbc.sql("SELECT exists(SELECT 1 FROM project WHERE id = :p)")
                .param("p", projectId).query(Boolean.class).single()) {
            throw ApiException.invalid("projectId: no project " + projectId, List.of(FieldError.coded("projectId",
                    "pay.noProject", "no project " + projectId, "id", projectId))).withCode("pay.noProject", Map.of("id", projectId));
        }
        long id = ledger.adjust(accountId, projectId, amount.asLong(), why, user.id(), clock.instant());
        return jdbc.sql(ENTRY + " WHERE l.id = :id").param("id", id).query((rs, i) -> entry(rs, false)).single();
    }

    static void checkPeriod(String period) {
        if (!PERIOD.matcher(period).matches()) throw ApiException.invalid("period: must be a month as YYYY-MM", List.of(FieldError.coded("period",
                "pay.badPeriod", "must be a month as YYYY-MM", "period", period))).withCode("pay.badPeriod", Map.of("period", period));
    }

    private static void requireAdmin(CurrentUser user) {
        if (!user.has(Role.ADMIN)) throw ApiException.forbidden("Pay statements are for administrators").withCode("pay.adminsOnly", Map.of());
    }
}
