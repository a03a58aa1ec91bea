package org.labelcrew.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.labelcrew.account.Role;
import org.labelcrew.support.Api;
import org.labelcrew.support.Fixtures;
import org.labelcrew.support.Fixtures.User;
import org.labelcrew.support.IntegrationTest;
import org.labelcrew.support.TestClock;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The authorization matrix: every operation of the OpenAPI document ({@code /v3/api-docs}, read at test time) ×
 * seven identities, against one project's objects, with the status each must get in one table:
 * {@code src/test/resources/security/authorization-matrix.txt}. An operation of the document without a row fails the
 * test, naming it; so does a row whose operation the document no longer has. On a mismatch the test prints the whole
 * table as the server answered it, so a deliberate change is one copy away (review every changed cell).
 *
 * <p>The identities: {@code anonymous} (no credentials), {@code trainee} (seated in the project's cohort),
 * {@code labeler} and {@code reviewer} (members of the project), {@code manager} (manages the project),
 * {@code other} (a manager of another project only), {@code admin}. Everyone but the anonymous caller signs with a
 * personal API token, as a script would.
 */
@IntegrationTest
class AuthorizationMatrixTest {

    static final String TABLE = "/security/authorization-matrix.txt";
    static final List<String> IDENTITIES = List.of("anonymous", "trainee", "labeler", "reviewer", "manager", "other", "admin");
    static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)}");

    @Autowired
    Fixtures fx;

    @Autowired
    TestClock clock;

    @Autowired
    org.labelcrew.media.MediaStore media;

    /** One row: an operation, the request to send, and the status each identity must get. */
    record Row(int line, String method, String path, List<String> expected, String body) {

        String operation() {
            return method + " " + normalise(path);
        }
    }

    /** {@code /api/v1/tasks/{task}/gold?x=1} and {@code /api/v1/tasks/{id}/gold} are one operation. */
    static String normalise(String path) {
        int q = path.indexOf('?');
        return (q < 0 ? path : path.substring(0, q)).replaceAll("\\{[^}]*}", "{}");
    }

    @Test
    void everyOperationAnswersEveryIdentityAsTheTableSays() throws Exception {
        List<Row> rows = table();
        World world = world();

        // 1. The table covers the document, and nothing else.
        Set<String> documented = new LinkedHashSet<>();
        JsonNode paths = fx.anonymous().get("/v3/api-docs").expect(200).json().get("paths");
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> p = it.next();
            for (String m : METHODS) if (p.getValue().has(m)) documented.add(m.toUpperCase() + " " + normalise(p.getKey()));
        }
        Set<String> inTable = new LinkedHashSet<>();
        List<String> duplicates = new ArrayList<>();
        for (Row r : rows) if (!inTable.add(r.operation())) duplicates.add(r.operation() + " (line " + r.line() + ")");
        List<String> missing = documented.stream().filter(op -> !inTable.contains(op)).toList();
        List<String> stale = inTable.stream().filter(op -> !documented.contains(op)).toList();
        assertThat(missing).as("operations of the OpenAPI document without a row in " + TABLE
                + " — add one per operation, with the status each identity must get").isEmpty();
        assertThat(stale).as("rows of " + TABLE + " whose operation the OpenAPI document does not have").isEmpty();
        assertThat(duplicates).as("operations with two rows in " + TABLE).isEmpty();

        // 2. Every row, every identity, in table order.
        List<String> mismatches = new ArrayList<>();
        StringBuilder actual = new StringBuilder();
        for (Row r : rows) {
            String path = world.fill(r.path(), r.line());
            String body = r.body() == null ? null : world.fill(r.body(), r.line());
            List<String> got = new ArrayList<>();
            for (int i = 0; i < IDENTITIES.size(); i++) {
                String identity = IDENTITIES.get(i);
                // {identity} keeps one identity's request from counting against another's (the sign-in brake is per name)
                Api.Response res = send(world.apis().get(identity), r.method(), path,
                        body == null ? null : body.replace("{identity}", identity));
                got.add(String.valueOf(res.status()));
                if (!accepts(r.expected().get(i), res.status())) {
                    mismatches.add(r.operation() + " as " + identity + ": expected " + r.expected().get(i) + ", got "
                            + res.status() + " (line " + r.line() + ") " + abbreviate(res.text()));
                }
                if (res.status() >= 500) mismatches.add(r.operation() + " as " + identity + ": server error " + res.text());
            }
            actual.append(String.format("%-58s | %s%s%n", r.method() + " " + r.path(),
                    String.join(" | ", got.stream().map(s -> String.format("%-3s", s)).toList()),
                    r.body() == null ? "" : " | " + r.body()));
        }
        assertThat(mismatches).as("answers that differ from " + TABLE + "; the server answered:\n" + actual).isEmpty();
    }

    /** A cell: one status, or several joined by '/' (a gap another change is closing; say which in a comment). */
    static boolean accepts(String cell, int status) {
        for (String s : cell.split("/")) if (Integer.parseInt(s.trim()) == status) return true;
        return false;
    }

    private static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }

    private static Api.Response send(Api api, String method, String path, String body) {
        return switch (method) {
            case "GET" -> api.get(path);
            case "DELETE" -> api.delete(path);
            case "POST" -> "@upload".equals(body)
                    // A file with no format: the one request that reaches the import's own checks without importing.
                    ? api.upload(path, "items.jsonl", "{\"text\": \"문장\"}\n".getBytes(StandardCharsets.UTF_8))
                    : api.post(path, body);
            case "PUT" -> api.put(path, body == null ? "" : body);
            case "PATCH" -> api.patch(path, body == null ? "" : body);
            default -> throw new IllegalArgumentException(method);
        };
    }

    /** Lines {@code METHOD /path | anonymous | trainee | labeler | reviewer | manager | other | admin [| body]}. */
    static List<Row> table() throws IOException {
        List<Row> rows = new ArrayList<>();
        try (InputStream in = AuthorizationMatrixTest.class.getResourceAsStream(TABLE)) {
            assertThat(in).as(TABLE).isNotNull();
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            for (int n = 0; n < lines.length; n++) {
                String line = lines[n].strip();
                if (line.isEmpty() || line.startsWith("#")) continue;
                String[] cells = line.split("\\|", 9);
                if (cells.length < 8) throw new AssertionError(TABLE + " line " + (n + 1) + ": needs 8 cells, has " + cells.length);
                String[] op = cells[0].strip().split("\\s+");
                List<String> expected = new ArrayList<>();
                for (int i = 1; i <= 7; i++) expected.add(cells[i].strip());
                for (String e : expected) {
                    if (!e.matches("\\d{3}(/\\d{3})*")) throw new AssertionError(TABLE + " line " + (n + 1) + ": bad status " + e);
                }
                String body = cells.length == 9 ? cells[8].strip() : null;
                rows.add(new Row(n + 1, op[0], op[1], expected, body == null || body.isEmpty() ? null : body));
            }
        }
        return rows;
    }

    // ---- the world the table speaks of

    /** The callers and the objects the table's placeholders ({project}, {task}…) name. */
    record World(Map<String, Api> apis, Map<String, String> ids) {

        String fill(String text, int line) {
            Matcher m = PLACEHOLDER.matcher(text);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                // {identity} is filled per caller, when the request is sent
                String value = m.group(1).equals("identity") ? "{identity}" : ids.get(m.group(1));
                if (value == null) {
                    throw new AssertionError(TABLE + " line " + line + ": unknown placeholder {" + m.group(1)
                            + "}; known: " + ids.keySet());
                }
                m.appendReplacement(out, Matcher.quoteReplacement(value));
            }
            m.appendTail(out);
            return out.toString();
        }
    }

    /**
     * One project with one of everything, each object in the state the table expects: a lease the labeler holds, a
     * submission the reviewer holds in review, a gold item already answered, a finished export, a cohort with a seated
     * trainee who sat its exam and was placed into the project.
     */
    private World world() throws Exception {
        User manager = fx.user("mx-mgr", Role.MANAGER);
        User other = fx.user("mx-other", Role.MANAGER);
        User labeler = fx.user("mx-lab", Role.LABELER);
        User labeler2 = fx.user("mx-lab2", Role.LABELER);
        User submitter = fx.user("mx-sub", Role.LABELER);
        User reviewer = fx.user("mx-rev", Role.REVIEWER);
        User trainee = fx.user("mx-trainee", Role.TRAINEE);
        User stranger = fx.user("mx-stranger", Role.LABELER);
        Api admin = fx.withToken(fx.browser().signIn("admin", "admin-test-password")
                .post("/api/v1/tokens", "{\"name\": \"matrix\"}").expect(201).json().get("token").asString());
        Map<String, String> ids = new LinkedHashMap<>();

        long project = fx.project(manager, Fixtures.TOPIC_SCHEMA, "\"overlap\": 1").get("id").asLong();
        long otherProject = fx.project(other, Fixtures.TOPIC_SCHEMA, null).get("id").asLong();
        for (User u : List.of(labeler, labeler2, submitter)) fx.member(manager, project, u, "LABELER");
        fx.member(manager, project, reviewer, "REVIEWER");
        List<Long> tasks = fx.tasks(project, "제출된 문장", "작업 중인 문장", "정답 문항");
        long goldTask = tasks.get(2);
        String p = "/api/v1/projects/" + project;
        manager.api().put("/api/v1/tasks/" + goldTask + "/gold", "{\"reference\": {\"topic\": \"경제\"}}").expect(200);
        // The gold item answered once (so it must stay gold), then no more gold.
        manager.api().patch(p, "{\"goldRate\": 1}").expect(200);
        JsonNode gold = labeler2.api().post(p + "/next-task", null).expect(200).json();
        assertThat(gold.get("taskId").asLong()).isEqualTo(goldTask);
        labeler2.api().post("/api/v1/assignments/" + gold.get("assignmentId").asLong() + "/submit",
                "{\"result\": {\"topic\": \"경제\"}}").expect(200);
        manager.api().patch(p, "{\"goldRate\": 0}").expect(200);
        // A submission the reviewer holds; the labeler's own lease on the last task.
        JsonNode first = submitter.api().post(p + "/next-task", null).expect(200).json();
        submitter.api().post("/api/v1/assignments/" + first.get("assignmentId").asLong() + "/submit",
                "{\"result\": {\"topic\": \"정치\"}}").expect(200);
        long review = reviewer.api().post(p + "/next-review", null).expect(200).json().get("reviewId").asLong();
        JsonNode lease = labeler.api().post(p + "/next-task", null).expect(200).json();
        long token = labeler.api().post("/api/v1/tokens", "{\"name\": \"spare\"}").expect(201).json().get("id").asLong();
        long imp = manager.api().upload(p + "/imports", "more.jsonl",
                "{\"text\": \"가져온 문장\"}\n".getBytes(StandardCharsets.UTF_8), "format", "jsonl").expect(202).json()
                .get("id").asLong();
        long export = manager.api().post(p + "/exports", "{\"format\": \"jsonl\"}").expect(202).json().get("id").asLong();
        for (int i = 0; i < 300 && !"DONE".equals(manager.api().get("/api/v1/exports/" + export).json().get("status").asString()); i++) {
            Thread.sleep(100);
        }

        // The academy: a course, an open cohort with the trainee seated and present, its exam on the project (sat),
        // the placement into the project (not yet accepted), and a closed cohort.
        long course = manager.api().post("/api/v1/courses", "{\"name\": \"기초\", \"hours\": 12}").expect(201).json()
                .get("id").asLong();
        long cohort = cohort(manager, course, clock.instant().minus(Duration.ofMinutes(1)), clock.instant().plus(Duration.ofDays(7)));
        long closedCohort = cohort(manager, course, clock.instant().minus(Duration.ofDays(2)), clock.instant().minus(Duration.ofDays(1)));
        trainee.api().post("/api/v1/cohorts/" + cohort + "/registrations", null).expect(201);
        JsonNode sessions = manager.api().get("/api/v1/cohorts/" + cohort).expect(200).json().get("sessions");
        for (JsonNode s : sessions) {
            manager.api().put("/api/v1/cohorts/" + cohort + "/sessions/" + s.get("id").asLong() + "/attendance",
                    "{\"accountId\": " + trainee.id() + ", \"present\": true}").expect(200);
        }
        long exam = manager.api().post("/api/v1/exams", examBody(project, cohort)).expect(201).json().get("id").asLong();
        JsonNode attempt = trainee.api().post("/api/v1/exams/" + exam + "/attempts", null).expect(201).json();
        long attemptId = attempt.get("attemptId").asLong();
        long item = attempt.get("items").get(0).get("itemId").asLong();
        trainee.api().put("/api/v1/attempts/" + attemptId + "/answers/" + item, "{\"result\": {\"topic\": \"정치\"}}").expect(200);
        trainee.api().post("/api/v1/attempts/" + attemptId + "/submit", null).expect(200);
        long placement = manager.api().post("/api/v1/cohorts/" + cohort + "/placement", placementBody(project)).expect(200)
                .json().get("placements").get(0).get("id").asLong();
        long notification = trainee.api().get("/api/v1/me/notifications").expect(200).json().get(0).get("id").asLong();

        ids.put("project", String.valueOf(project));
        ids.put("otherProject", String.valueOf(otherProject));
        ids.put("task", String.valueOf(lease.get("taskId").asLong()));
        ids.put("goldTask", String.valueOf(goldTask));
        ids.put("assignment", String.valueOf(lease.get("assignmentId").asLong()));
        ids.put("review", String.valueOf(review));
        ids.put("member", String.valueOf(labeler2.id()));
        ids.put("stranger", String.valueOf(stranger.id()));
        ids.put("labelerAccount", String.valueOf(labeler.id()));
        ids.put("trainee", String.valueOf(trainee.id()));
        ids.put("token", String.valueOf(token));
        ids.put("import", String.valueOf(imp));
        ids.put("export", String.valueOf(export));
        ids.put("course", String.valueOf(course));
        ids.put("cohort", String.valueOf(cohort));
        ids.put("closedCohort", String.valueOf(closedCohort));
        ids.put("session", String.valueOf(sessions.get(0).get("id").asLong()));
        ids.put("exam", String.valueOf(exam));
        ids.put("item", String.valueOf(item));
        ids.put("attempt", String.valueOf(attemptId));
        ids.put("placement", String.valueOf(placement));
        ids.put("notification", String.valueOf(notification));
        ids.put("media", String.valueOf(medium(project)));
        ids.put("unique", "mx" + UUID.randomUUID().toString().substring(0, 8));
        ids.put("longText", "가".repeat(1001));
        ids.put("opensAt", clock.instant().plus(Duration.ofDays(1)).toString());
        ids.put("closesAt", clock.instant().plus(Duration.ofDays(2)).toString());
        ids.put("startsAt", clock.instant().plus(Duration.ofDays(3)).toString());
        ids.put("endsAt", clock.instant().plus(Duration.ofDays(3)).plus(Duration.ofHours(2)).toString());

        Map<String, Api> apis = new LinkedHashMap<>();
        apis.put("anonymous", fx.anonymous());
        apis.put("trainee", trainee.api());
        apis.put("labeler", labeler.api());
        apis.put("reviewer", reviewer.api());
        apis.put("manager", manager.api());
        apis.put("other", other.api());
        apis.put("admin", admin);
        return new World(apis, ids);
    }

    private static long cohort(User manager, long course, Instant opens, Instant closes) {
        // Sessions already held (attendance is taken only once a session has started), registration still as given.
        Instant first = opens.minus(Duration.ofDays(10));
        return manager.api().post("/api/v1/cohorts", """
                {"courseId": %d, "name": "1기", "capacity": 5, "registrationOpensAt": "%s", "registrationClosesAt": "%s",
                 "sessions": [{"startsAt": "%s", "endsAt": "%s", "place": "서울"},
                              {"startsAt": "%s", "endsAt": "%s", "place": "온라인"}]}"""
                .formatted(course, opens, closes, first, first.plus(Duration.ofHours(6)), first.plus(Duration.ofDays(1)),
                        first.plus(Duration.ofDays(1)).plus(Duration.ofHours(6))))
                .expect(201).json().get("id").asLong();
    }

    static String examBody(long project, long cohort) {
        return """
                {"name": "배치 시험", "projectId": %d, "cohortId": %d, "timeLimitMinutes": 20, "passScore": 50,
                 "items": [{"data": {"text": "국회"}, "reference": {"topic": "정치"}}]}""".formatted(project, cohort);
    }

    static String placementBody(long project) {
        return """
                {"reviewerQuota": 0, "reviewerMinScore": 90, "labelerQuota": 5, "labelerMinScore": 50, "projectIds": [%d]}"""
                .formatted(project);
    }

    /** A medium (a small PNG) of {@code project}, stored as an import would store it. */
    private long medium(long project) throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("matrix-", ".png");
        try {
            java.nio.file.Files.write(file, org.labelcrew.media.MediaSamples.image("png", 4, 4, java.awt.Color.RED));
            var checked = media.check(file, org.labelcrew.media.Media.Kind.IMAGE);
            return media.save(project, null, file, "matrix.png", checked).media().id();
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
    }
}
