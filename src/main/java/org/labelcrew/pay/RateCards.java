package org.labelcrew.pay;

import io.swagger.v3.oas.annotations.media.Schema;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.labelcrew.account.CurrentUser;
import org.labelcrew.project.ProjectAccess;
import org.labelcrew.project.ProjectRole;
import org.labelcrew.shared.ApiException;
import org.labelcrew.shared.ApiException.FieldError;
import org.labelcrew.shared.InputLimits;
import org.labelcrew.shared.Json;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/**
 * A project's rate card: whole won per approved task and per unit of a field (labelers), per review decision
 * (reviewers), per gold answer (only when set), and the share of a corrected task's pay that goes to the reviewer who
 * corrected it. Each PUT stores a new version; the ledger uses the version in force when the work was approved.
 */
@Service
public class RateCards {

    /** What a manager sends. Amounts are integers in won; anything else is refused, naming the field. */
    @Schema(name = "RateCardInput")
    public record Input(long labelerPerTask, long reviewerPerDecision, @Nullable Map<String, Long> perUnit,
            @Nullable Long goldRate, @Nullable Integer correctionShare) {
    }

    /**
     * A version of the card. {@code perUnit}: won per unit of a field of the approved result (an element of a list —
     * a span, an object, a chosen option —, or one for any other answered value). {@code goldRate}: won per scored
     * gold answer; null = gold answers are not paid. {@code correctionShare}: percent of the labeler's pay for a task
     * that goes to the reviewer who corrected it (rounded down to the won; the labeler keeps the rest).
     */
    public record RateCard(long projectId, int version, long labelerPerTask, long reviewerPerDecision,
            Map<String, Long> perUnit, @Nullable Long goldRate, int correctionShare, String createdBy,
            Instant createdAt) {
    }

    private final JdbcClient jdbc;
    private final Json json;
    private final ProjectAccess access;
    private final Clock clock;

    RateCards(JdbcClient jdbc, Json json, ProjectAccess access, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.access = access;
        this.clock = clock;
    }

    /** The current card: the project's managers, reviewers and labelers (workers may know what they are paid). */
    public Optional<RateCard> current(long projectId, CurrentUser user) {
        access.requireMember(projectId, user);
        return inForce(projectId, clock.instant());
    }

    /** The version in force at {@code at}: the newest one stored by then. */
    Optional<RateCard> inForce(long projectId, Instant at) {
        return jdbc.sql(SELECT + " WHERE c.project_id = :p AND c.created_at <= :at ORDER BY c.version DESC LIMIT 1")
                .param("p", projectId).param("at", Timestamp.from(at))
                .query((rs, i) -> new RateCard(rs.getLong(1), rs.getInt(2), rs.getLong(3), rs.getLong(4),
                        perUnit(json.column(rs, "per_unit")), (Long) rs.getObject(6), rs.getInt(7), rs.getString(8),
                        rs.getTimestamp(9).toInstant()))
                .optional();
    }

    private static final String SELECT = """
            SELECT c.project_id, c.version, c.labeler_per_task, c.reviewer_per_decision, c.per_unit, c.gold_rate,
                   c.correction_share, acc.username, c.created_at
            FROM pay_rate_card c JOIN account acc ON acc.id = c.created_by""";

    private static Map<String, Long> perUnit(JsonNode node) {
        Map<String, Long> out = new TreeMap<>();
        node.properties().forEach(e -> out.put(e.getKey(), e.getValue().asLong()));
        return out;
    }

    /** Stores a new version (the project's managers and administrators). The body is read as JSON to refuse 1.5 won. */
    @Transactional
    public RateCard put(long projectId, JsonNode body, CurrentUser user) {
        access.require(projectId, user, ProjectRole.MANAGER);
        Set<String> fields = fieldNames(access.settings(projectId).schema());
        List<FieldError> errors = new ArrayList<>();
        if (body == null || !body.isObject()) throw ApiException.invalid("body: must be a JSON object", List.of(FieldError.coded("body",
                "value.mustBeObject", "must be a JSON object"))).withCode("value.mustBeObject", Map.of());
        for (var key : body.propertyNames()) {
            if (!Set.of("labelerPerTask", "reviewerPerDecision", "perUnit", "goldRate", "correctionShare").contains(key)) {
                errors.add(FieldError.coded(key, "pay.unknownProperty", "unknown property", "allowed",
                        "labelerPerTask, reviewerPerDecision, perUnit, goldRate, correctionShare"));
            }
        }
        Long labeler = won(body, "labelerPerTask", true, errors);
        Long reviewer = won(body, "reviewerPerDecision", true, errors);
        Long gold = won(body, "goldRate", false, errors);
        Map<String, Long> perUnit = new LinkedHashMap<>();
        JsonNode units = body.get("perUnit");
        if (units != null && !units.isNull()) {
            if (!units.isObject()) errors.add(FieldError.coded("perUnit", "pay.perUnitNotObject", "must be an object of field name → won"));
            else units.properties().forEach(e -> {
                String path = "perUnit." + e.getKey();
                if (!fields.contains(e.getKey())) {
                    errors.add(FieldError.coded(path, "pay.noSuchField", "no such field in the project's schema (fields: "
                            + String.join(", ", fields) + ")", "name", e.getKey(), "fields", String.join(", ", fields)));
                }
                Long v = won(units, e.getKey(), true, errors, path);
                if (v != null) perUnit.put(e.getKey(), v);
            });
        }
        Integer share = null;
        JsonNode s = body.get("correctionShare");
        if (s != null && !s.isNull()) {
            if (!s.isIntegralNumber() || s.asLong() < 0 || s.asLong() > 100) {
                errors.add(FieldError.coded("correctionShare", "pay.percent", "must be a whole percent from 0 to 100", "min", 0, "max", 100));
            } else share = s.asInt();
        }
        if (!errors.isEmpty()) throw ApiException.invalid("The rate card is not valid", errors).withCode("pay.rateCardInvalid", Map.of());
        Instant now = clock.instant();
        // Two PUTs at once would take the same next version: the primary key refuses the second, which is told to retry.
        try {
            jdbc.sql("""
                    INSERT INTO pay_rate_card (project_id, version, labeler_per_task, reviewer_per_decision, per_unit,
                                               gold_rate, correction_share, created_by, created_at)
                    SELECT :p, coalesce(max(version), 0) + 1, :l, :r, :u::jsonb, :g, :s, :by, :now
                    FROM pay_rate_card WHERE project_id = :p""")
                    .param("p", projectId).param("l", labeler).param("r", reviewer)
                    .param("u", json.write(perUnit)).param("g", gold).param("s", share == null ? 0 : share)
                    .param("by", user.id()).param("now", Timestamp.from(now)).update();
        } catch (DuplicateKeyException e) {
            throw ApiException.conflict("The rate card of project " + projectId + " was changed at the same time; read it and try again")
                    .withCode("pay.rateCardChanged", Map.of("projectId", projectId));
        }
        return inForce(projectId, now).orElseThrow();
    }

    private static Long won(JsonNode body, String name, boolean required, List<FieldError> errors) {
        return won(body, name, required, errors, name);
    }

    private static Long won(JsonNode body, String name, boolean required, List<FieldError> errors, String path) {
        JsonNode v = body.get(name);
        if (v == null || v.isNull()) {
            if (required) errors.add(FieldError.coded(path, "pay.wonRequired", "required: whole won (0 or more)"));
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < 0 || v.asLong() > InputLimits.PAY_AMOUNT_MAX) {
            errors.add(FieldError.coded(path, "pay.badWon", "must be whole won from 0 to " + InputLimits.PAY_AMOUNT_MAX,
                    "max", InputLimits.PAY_AMOUNT_MAX));
            return null;
        }
        return v.asLong();
    }

    private static Set<String> fieldNames(JsonNode schema) {
        Set<String> names = new java.util.LinkedHashSet<>();
        JsonNode fields = schema == null ? null : schema.get("fields");
        if (fields != null) fields.forEach(f -> names.add(f.path("name").asString()));
        return names;
    }
}
