package org.labelcrew.io;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.labelcrew.account.Role;
import org.labelcrew.support.Fixtures;
import org.labelcrew.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Import line errors as codes the browser words: a new import's errors carry {@code code} and {@code params} beside
 * the English message, and an import stored before codes (errors with a message only, warnings with a code) still
 * reads, its errors without a code so that the browser shows their message.
 */
@IntegrationTest
class ImportErrorCodesApiTest {

    @Autowired
    Fixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aNewImportNamesEachProblemByCodeAndAnOldRowWithoutCodesStillReads() {
        Fixtures.User manager = fixtures.user("codes", Role.MANAGER);
        long projectId = fixtures.project(manager, "{\"fields\": [{\"name\": \"topic\", \"type\": \"choice\", \"options\": [\"a\"]}]}", null)
                .get("id").asLong();

        JsonNode started = manager.api().upload("/api/v1/projects/" + projectId + "/imports", "bad.jsonl",
                "{\"text\": \"가\"}\n[1, 2]\n{\"text\": \"나\"\n".getBytes(UTF_8), "format", "jsonl").expect(202).json();
        JsonNode job = Jobs.awaitEnd(manager.api(), "/api/v1/imports/" + started.get("id").asLong());
        assertThat(job.get("status").asString()).isEqualTo("FAILED");
        JsonNode array = job.get("errors").get(0);
        assertThat(array.get("line").asLong()).isEqualTo(2);
        assertThat(array.get("message").asString()).isEqualTo("is a JSON array, not a JSON object");
        assertThat(array.get("code").asString()).isEqualTo("import.line.notObject");
        assertThat(array.get("params").get("kind").asString()).isEqualTo("array");
        JsonNode cut = job.get("errors").get(1);
        assertThat(cut.get("code").asString()).isEqualTo("import.json.incomplete");
        assertThat(cut.get("params").get("line").asLong()).isEqualTo(3);
        assertThat(job.get("warnings").size()).isZero();

        // A row written before codes: errors have only line and message; the warning is told apart by its shape.
        long old = jdbc.sql("""
                INSERT INTO import_job (project_id, format, file_name, file_path, file_size, file_sha256, status, attempt,
                                        total, imported, rejected, errors, created_by, finished_at)
                VALUES (:p, 'jsonl', 'old.jsonl', 'gone', 10, 'x', 'FAILED', 1, 2, 0, 1, CAST(:e AS jsonb),
                        (SELECT id FROM account WHERE username = :u), now()) RETURNING id""")
                .param("p", projectId).param("u", manager.username())
                .param("e", "[{\"line\": 2, \"message\": \"is not valid JSON (column 3)\"}, {\"message\": \"The import stopped: boom\"},"
                        + " {\"field\": \"topic\", \"code\": \"prediction.unknownLabel\", \"count\": 1,"
                        + " \"examples\": [{\"line\": 1, \"label\": \"b\"}]}]")
                .query(Long.class).single();
        JsonNode read = manager.api().get("/api/v1/imports/" + old).expect(200).json();
        assertThat(read.get("errors").size()).isEqualTo(2);
        assertThat(read.get("errors").get(0).get("message").asString()).isEqualTo("is not valid JSON (column 3)");
        assertThat(read.get("errors").get(0).has("code")).isFalse();
        assertThat(read.get("errors").get(1).has("line")).isFalse();
        assertThat(read.get("warnings").size()).isEqualTo(1);
        assertThat(read.get("warnings").get(0).get("code").asString()).isEqualTo("prediction.unknownLabel");
    }
}
