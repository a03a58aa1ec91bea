package org.labelcrew.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.labelcrew.account.Role;
import org.labelcrew.account.TokenService;
import org.labelcrew.support.Fixtures;
import org.labelcrew.support.Fixtures.User;
import org.labelcrew.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The bad-input corpus (src/test/resources/bad-input/manifest.json): every file and body is sent as its manifest line
 * says, and must be refused with a problem detail that names the field or line at fault in the API's words (no parser
 * text, no Java names, no HTML), store nothing (every table's row count unchanged), and leave the server healthy.
 */
@IntegrationTest
class BadInputCorpusTest {

    private static final Pattern LEAK = Pattern.compile(
            "tools\\.jackson|com\\.fasterxml|java\\.|javax\\.|jakarta\\.|org\\.springframework|Exception|<html|<!doctype"
                    + "|Source: |REDACTED|StreamReadFeature|start marker",
            Pattern.CASE_INSENSITIVE);

    private static final List<String> TABLES = List.of("account", "api_token", "project", "project_schema",
            "project_member", "task", "assignment", "annotation", "review", "task_event", "export_job", "course",
            "cohort", "exam", "spring_session");

    @Autowired
    Fixtures fx;

    @Autowired
    TokenService tokens;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper plain = JsonMapper.builder().build();

    @Test
    void everyBadInputIsRefusedNamingItsFieldOrLineAndNothingIsStored() throws Exception {
        User admin = fx.user("corpus-admin", Role.ADMIN);
        User manager = fx.user("corpus-mgr", Role.MANAGER);
        User labeler = fx.user("corpus-lab", Role.LABELER);
        long project = fx.project(manager, Fixtures.TOPIC_SCHEMA, null).get("id").asLong();
        fx.member(manager, project, labeler, "LABELER");
        List<Long> tasks = fx.tasks(project, "첫 기사", "둘째 기사");
        long assignment = labeler.api().post("/api/v1/projects/" + project + "/next-task", null).expect(200)
                .json().get("assignmentId").asLong();
        Map<String, String> as = Map.of("admin", token(admin), "manager", token(manager), "labeler", token(labeler));
        Map<String, String> vars = Map.of("{project}", Long.toString(project), "{labeler}", Long.toString(labeler.id()),
                "{assignment}", Long.toString(assignment), "{task}", Long.toString(tasks.get(1)));

        JsonNode manifest = plain.readTree(resource("manifest.json"));
        List<String> faults = new ArrayList<>();
        int seq = 0;
        for (JsonNode c : manifest.get("cases")) {
            String name = c.get("name").asString();
            String path = c.get("path").asString();
            for (var v : vars.entrySet()) path = path.replace(v.getKey(), v.getValue());
            String unique = Long.toString(System.nanoTime() % 1_000_000_000L) + "-" + seq++;
            Map<String, Long> before = counts();

            HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(fx.baseUrl() + path)).timeout(Duration.ofSeconds(60))
                    .header("Accept", "application/json, application/problem+json");
            String who = c.get("as").asString();
            if (!who.equals("anonymous")) req.header("Authorization", "Bearer " + as.get(who));
            byte[] body = null;
            if (c.has("upload")) {
                String boundary = "----corpus" + UUID.randomUUID();
                body = multipart(boundary, c.get("format").asString(), c.get("upload").asString());
                req.header("Content-Type", "multipart/form-data; boundary=" + boundary);
            } else if (c.has("body")) {
                String file = c.get("body").asString();
                body = file.startsWith("@generate:") ? generate(file) : replaceSeq(resource(file), unique);
                req.header("Content-Type", c.has("contentType") ? c.get("contentType").asString() : "application/json");
            }
            req.method(c.get("method").asString(), body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
            HttpResponse<String> res = http.send(req.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));

            String at = name + " (" + c.get("why").asString() + "): ";
            int expected = c.get("status").asInt();
            if (res.statusCode() != expected) {
                faults.add(at + "answered " + res.statusCode() + ", expected " + expected + ": " + clip(res.body()));
                continue;
            }
            if (LEAK.matcher(res.body()).find()) faults.add(at + "the answer leaks implementation text: " + clip(res.body()));
            JsonNode answer;
            try {
                answer = plain.readTree(res.body());
            } catch (RuntimeException e) {
                faults.add(at + "the answer is not JSON: " + clip(res.body()));
                continue;
            }
            JsonNode errors;
            if (c.has("job")) {
                JsonNode job = waitForJob(as.get("manager"), answer.get("id").asLong());
                if (!c.get("job").asString().equals(job.get("status").asString())) {
                    faults.add(at + "the import ended " + job.get("status").asString() + ": " + clip(job.toString()));
                    continue;
                }
                if (LEAK.matcher(job.toString()).find()) faults.add(at + "the job's errors leak implementation text: " + clip(job.toString()));
                errors = job.get("errors");
                // Every line error names its problem for the browser to word (import codes).
                for (JsonNode e : errors) {
                    if (e.has("message") && (!e.has("code") || !e.get("code").asString().startsWith("import."))) {
                        faults.add(at + "a line error without an import code: " + clip(e.toString()));
                    }
                }
            } else {
                if (!res.headers().firstValue("Content-Type").orElse("").contains("application/problem+json")) {
                    faults.add(at + "not a problem detail: " + res.headers().firstValue("Content-Type").orElse("(none)"));
                }
                if (answer.get("status") == null || answer.get("status").asInt() != expected || answer.get("detail") == null) {
                    faults.add(at + "the problem lacks status or detail: " + clip(res.body()));
                }
                errors = answer.get("errors");
            }
            // The code the browser words the error by (an import's line error, or a field error of the problem).
            if (c.has("code") && !names(errors, "code", c.get("code").asString())) {
                faults.add(at + "errors[] does not name code " + c.get("code").asString() + ": " + clip(String.valueOf(errors)));
            }
            if (c.has("problemCode") && (answer.get("code") == null || !c.get("problemCode").asString().equals(answer.get("code").asString()))) {
                faults.add(at + "the problem's code is not " + c.get("problemCode").asString() + ": " + clip(res.body()));
            }
            if (c.has("field") && !names(errors, "field", c.get("field").asString())) {
                faults.add(at + "errors[] does not name field " + c.get("field").asString() + ": " + clip(String.valueOf(errors)));
            }
            if (c.has("line") && !names(errors, "line", c.get("line").asString())) {
                faults.add(at + "errors[] does not name line " + c.get("line").asString() + ": " + clip(String.valueOf(errors)));
            }
            Map<String, Long> after = counts();
            if (!after.equals(before)) faults.add(at + "rows changed: " + before + " → " + after);
        }
        assertThat(manifest.get("cases").size()).isGreaterThanOrEqualTo(50);
        assertThat(faults).as(String.join("\n", faults)).isEmpty();

        // The server is healthy and still does its work.
        fx.anonymous().get("/actuator/health").expect(200);
        labeler.api().put("/api/v1/assignments/" + assignment + "/draft", "{\"result\": {\"topic\": \"정치\"}}").expect(200);
        labeler.api().post("/api/v1/assignments/" + assignment + "/submit", "{\"result\": {\"topic\": \"정치\"}}").expect(200);
    }

    /**
     * The codes carry what the browser needs to say the error in Korean or English: the position of bad JSON, the
     * allowed page sizes, the parameter's name and value, the rule a token name broke.
     */
    @Test
    void codedErrorsCarryTheirParameters() {
        User user = fx.user("corpus-params", Role.LABELER);
        JsonNode syntax = user.api().post("/api/v1/tokens", "{\n  \"name\": \"a\"\n  \"b\": 1}").expect(400).json();
        assertThat(syntax.get("code").asString()).isEqualTo("request.unreadableBody");
        JsonNode error = syntax.get("errors").get(0);
        assertThat(error.get("field").asString()).isEqualTo("body");
        assertThat(error.get("code").asString()).isEqualTo("json.unexpected");
        assertThat(error.get("params").get("line").asInt()).isEqualTo(3);
        assertThat(error.get("params").get("column").asInt()).isPositive();
        assertThat(error.get("message").asString()).startsWith("is not valid JSON: an unexpected character or word (line 3, column ");

        JsonNode page = user.api().get("/api/v1/projects?limit=0").expect(422).json().get("errors").get(0);
        assertThat(page.get("code").asString()).isEqualTo("number.range");
        assertThat(page.get("params").get("min").asInt()).isEqualTo(1);
        assertThat(page.get("params").get("max").asInt()).isEqualTo(Page.MAX_LIMIT);
        JsonNode cursor = user.api().get("/api/v1/projects?after=x").expect(422).json().get("errors").get(0);
        assertThat(cursor.get("code").asString()).isEqualTo("page.badCursor");

        JsonNode mistyped = user.api().get("/api/v1/projects?limit=ten").expect(400).json();
        assertThat(mistyped.get("code").asString()).isEqualTo("request.parameterWrongType");
        assertThat(mistyped.get("params").get("name").asString()).isEqualTo("limit");
        assertThat(mistyped.get("params").get("value").asString()).isEqualTo("ten");
        assertThat(mistyped.get("errors").get(0).get("code").asString()).isEqualTo("value.notInteger");

        JsonNode blank = user.api().post("/api/v1/tokens", "{\"name\": \" \"}").expect(422).json().get("errors").get(0);
        assertThat(blank.get("code").asString()).isEqualTo("field.required");
        JsonNode control = user.api().post("/api/v1/tokens", "{\"name\": \"a\\u0007b\"}").expect(422).json().get("errors").get(0);
        assertThat(control.get("code").asString()).isEqualTo("text.controlCharacters");
        JsonNode tooLong = user.api().post("/api/v1/tokens", "{\"name\": \"" + "t".repeat(InputLimits.TOKEN_NAME_MAX + 1) + "\"}")
                .expect(422).json().get("errors").get(0);
        assertThat(tooLong.get("code").asString()).isEqualTo("text.tooLong");
        assertThat(tooLong.get("params").get("max").asInt()).isEqualTo(InputLimits.TOKEN_NAME_MAX);
    }

    @Test
    void requestsRefusedBeforeTheApplicationAreProblemsToo() throws Exception {
        int port = URI.create(fx.baseUrl()).getPort();
        int tomcat = 0;
        for (String target : List.of("/api/v1/projects/%zz", "/api/v1/projects/{1}", "/api/v1/projects/1/../../../etc",
                "/api/v1/projects/%2e%2e/x")) {
            try (java.net.Socket socket = new java.net.Socket("localhost", port)) {
                socket.setSoTimeout(10_000);
                socket.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(answer).as(target).startsWith("HTTP/1.1 400");
                assertThat(answer).as(target).containsIgnoringCase("Content-Type: application/problem+json")
                        .doesNotContainIgnoringCase("<html");
                // Tomcat's refusals name the URL with a code (the firewall's name no field).
                if (answer.contains("\"field\":\"url\"")) {
                    assertThat(answer).as(target).contains("\"code\":\"request.badTarget\"");
                    tomcat++;
                }
            }
        }
        assertThat(tomcat).as("targets Tomcat itself refuses").isPositive();
    }

    private String token(User user) {
        return tokens.create(user.principal(), "corpus").token();
    }

    private JsonNode waitForJob(String token, long id) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (true) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(fx.baseUrl() + "/api/v1/imports/" + id))
                    .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
            JsonNode job = plain.readTree(r.body());
            String status = job.path("status").asString("");
            if (status.equals("FAILED") || status.equals("DONE") || System.currentTimeMillis() > deadline) return job;
            Thread.sleep(100);
        }
    }

    private static boolean names(JsonNode errors, String key, String expected) {
        if (errors == null || !errors.isArray()) return false;
        for (JsonNode e : errors) {
            if (e.has(key) && e.get(key).asString().equals(expected)) return true;
        }
        return false;
    }

    private Map<String, Long> counts() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (String t : TABLES) m.put(t, fx.jdbc().sql("SELECT count(*) FROM " + t).query(Long.class).single());
        return m;
    }

    private static byte[] replaceSeq(byte[] content, String unique) {
        return new String(content, StandardCharsets.UTF_8).replace("{seq}", unique).getBytes(StandardCharsets.UTF_8);
    }

    private byte[] multipart(String boundary, String format, String upload) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"format\"\r\n\r\n" + format + "\r\n")
                .getBytes(StandardCharsets.UTF_8));
        if (!upload.equals("@none")) {
            byte[] file = upload.startsWith("@generate:") ? generate(upload) : resource(upload);
            out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                    + upload.replaceAll(".*[/:]", "") + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.write(file);
            out.write("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        out.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /** Inputs too big to keep in the repository, made the same way every run. */
    private static byte[] generate(String what) {
        return switch (what) {
            case "@generate:huge-draft" -> ("{\"result\": {\"topic\": \"정치\", \"note\": \"" + "가".repeat(512 * 1024) + "\"}}")
                    .getBytes(StandardCharsets.UTF_8);
            case "@generate:huge-line" -> ("{\"text\": \"" + "a".repeat(6 * 1024 * 1024) + "\"}\n").getBytes(StandardCharsets.UTF_8);
            default -> throw new IllegalArgumentException(what);
        };
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = BadInputCorpusTest.class.getResourceAsStream("/bad-input/" + name)) {
            if (in == null) throw new IllegalArgumentException("no bad-input/" + name);
            return in.readAllBytes();
        }
    }

    private static String clip(String s) {
        return s == null ? "null" : s.length() > 400 ? s.substring(0, 400) + "…" : s;
    }
}
