package org.labelcrew.io;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.labelcrew.account.Role;
import org.labelcrew.support.Fixtures;
import org.labelcrew.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@IntegrationTest
class ImportApiTest {

    @Autowired
    Fixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    org.labelcrew.media.BlobStore blobs;

    Fixtures.User manager;
    long projectId;

    @BeforeEach
    void project() {
        manager = fixtures.user("mgr", Role.MANAGER);
        projectId = fixtures.project(manager, Fixtures.TOPIC_SCHEMA, null).get("id").asLong();
    }

    record Stored(String data, int priority, String sourceHash) {
    }

    List<Stored> tasks() {
        return jdbc.sql("SELECT data::text, priority, source_hash FROM task WHERE project_id = :p ORDER BY id")
                .param("p", projectId).query((rs, i) -> new Stored(rs.getString(1), rs.getInt(2), rs.getString(3))).list();
    }

    List<String> texts() {
        return jdbc.sql("SELECT data->>'text' FROM task WHERE project_id = :p ORDER BY id").param("p", projectId)
                .query(String.class).list();
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void jsonlLinesBecomeTasksWithNfcTextEmojiPriorityAndSourceHash() throws Exception {
        String nfd = Normalizer.normalize("한국어 문장", Normalizer.Form.NFD);
        assertThat(nfd).isNotEqualTo("한국어 문장");
        String line1 = "{\"text\": \"" + nfd + "\", \"meta\": {\"source\": \"" + nfd + "\"}}";
        String line2 = "{\"data\": {\"text\": \"이모지 🙂👍🏽 ok\"}, \"priority\": 5}";
        byte[] file = (line1 + "\n\n" + line2 + "\n").getBytes(UTF_8);

        JsonNode job = Jobs.importFile(manager.api(), projectId, "jsonl", file);

        assertThat(job.get("status").asString()).isEqualTo("DONE");
        assertThat(job.get("total").asLong()).isEqualTo(2);
        assertThat(job.get("imported").asLong()).isEqualTo(2);
        assertThat(job.get("rejected").asLong()).isZero();
        assertThat(job.get("errors")).isEmpty();
        assertThat(job.get("finishedAt").isNull()).isFalse();
        assertThat(job.get("projectId").asLong()).isEqualTo(projectId);
        assertThat(job.get("format").asString()).isEqualTo("jsonl");

        assertThat(texts()).containsExactly("한국어 문장", "이모지 🙂👍🏽 ok");
        List<Stored> tasks = tasks();
        assertThat(tasks.get(0).data()).contains("\"source\": \"한국어 문장\"");
        assertThat(tasks.get(1).data()).doesNotContain("priority");
        assertThat(tasks.get(1).priority()).isEqualTo(5);
        // The hash is of the bytes as uploaded (NFD), so the original can be recognised after normalisation.
        assertThat(tasks.get(0).sourceHash()).isEqualTo(sha256(line1.getBytes(UTF_8)));

        JsonNode listed = manager.api().get("/api/v1/projects/" + projectId + "/tasks").expect(200).json();
        assertThat(listed.get("items")).hasSize(2);
    }

    @Test
    void csvHonoursQuotedCommasQuotesAndNewlines() {
        String csv = "\uFEFFid,text,label\r\n"
                + "1,\"서울, 부산\",a\r\n"
                + "2,\"첫 줄\r\n둘째 줄 \"\"인용\"\"\",b\r\n"
                + "\r\n"
                + "3,plain,\r\n";

        JsonNode job = Jobs.importFile(manager.api(), projectId, "csv", csv.getBytes(UTF_8));

        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("DONE");
        assertThat(job.get("imported").asLong()).isEqualTo(3);
        assertThat(texts()).containsExactly("서울, 부산", "첫 줄\n둘째 줄 \"인용\"", "plain");
        assertThat(tasks().get(0).data()).isEqualTo("{\"id\": \"1\", \"text\": \"서울, 부산\", \"label\": \"a\"}");
        assertThat(tasks().get(2).data()).contains("\"label\": \"\"");
    }

    @Test
    void txtMakesOneTaskPerNonEmptyLineWithoutTheBom() {
        String nfd = Normalizer.normalize("가나다", Normalizer.Form.NFD);
        byte[] file = ("\uFEFF첫째 줄\n\n   \n" + nfd + "\r\nlast line without newline").getBytes(UTF_8);

        JsonNode job = Jobs.importFile(manager.api(), projectId, "txt", file);

        assertThat(job.get("status").asString()).isEqualTo("DONE");
        assertThat(texts()).containsExactly("첫째 줄", "가나다", "last line without newline");
    }

    @Test
    void malformedJsonlFailsNamingEveryBadLineAndStoresNothing() {
        String file = """
                {"text": "one"}
                {"text": "two"}
                {"text": "three"
                {"text": "four"}
                [1, 2]
                {"text": "six"} {"text": "again"}
                """;

        JsonNode job = Jobs.importFile(manager.api(), projectId, "jsonl", file.getBytes(UTF_8));

        assertThat(job.get("status").asString()).isEqualTo("FAILED");
        assertThat(job.get("imported").asLong()).isZero();
        assertThat(job.get("rejected").asLong()).isEqualTo(3);
        List<Long> lines = new ArrayList<>();
        job.get("errors").forEach(e -> lines.add(e.get("line").asLong()));
        assertThat(lines).containsExactly(3L, 5L, 6L);
        assertThat(job.get("errors").get(0).get("message").asString()).startsWith("is not valid JSON");
        assertThat(job.get("errors").get(1).get("message").asString()).contains("not a JSON object");
        assertThat(tasks()).isEmpty();
    }

    @Test
    void invalidUtf8IsReportedWithItsLineAndNothingIsStored() throws Exception {
        var file = new ByteArrayOutputStream();
        file.write("좋은 줄\n".getBytes(UTF_8));
        file.write(new byte[] {'b', 'a', 'd', ' ', (byte) 0xC3, '(', '\n'});
        file.write("좋은 줄\n".getBytes(UTF_8));
        file.write("EUC-KR: ".getBytes(UTF_8));
        file.write("한글".getBytes("EUC-KR"));
        file.write('\n');

        JsonNode job = Jobs.importFile(manager.api(), projectId, "txt", file.toByteArray());

        assertThat(job.get("status").asString()).isEqualTo("FAILED");
        assertThat(job.get("errors")).hasSize(2);
        assertThat(job.get("errors").get(0).get("line").asLong()).isEqualTo(2);
        assertThat(job.get("errors").get(0).get("message").asString()).contains("not valid UTF-8");
        assertThat(job.get("errors").get(1).get("line").asLong()).isEqualTo(4);
        assertThat(tasks()).isEmpty();
    }

    @Test
    void badCsvAndEmptyFilesFailWithALineError() {
        JsonNode noText = Jobs.importFile(manager.api(), projectId, "csv", "id,body\n1,hello\n".getBytes(UTF_8));
        assertThat(noText.get("status").asString()).isEqualTo("FAILED");
        assertThat(noText.get("errors").get(0).get("line").asLong()).isEqualTo(1);
        assertThat(noText.get("errors").get(0).get("message").asString()).contains("\"text\" column");

        JsonNode ragged = Jobs.importFile(manager.api(), projectId, "csv",
                "id,text\n1,ok\n2,too,many\n3,\"never closed\n4,x\n".getBytes(UTF_8));
        assertThat(ragged.get("status").asString()).isEqualTo("FAILED");
        assertThat(ragged.get("errors").get(0).get("line").asLong()).isEqualTo(3);
        assertThat(ragged.get("errors").get(0).get("message").asString()).contains("3 fields");
        assertThat(ragged.get("errors").get(1).get("line").asLong()).isEqualTo(4);
        assertThat(ragged.get("errors").get(1).get("message").asString()).contains("never closed");

        JsonNode empty = Jobs.importFile(manager.api(), projectId, "jsonl", new byte[0]);
        assertThat(empty.get("status").asString()).isEqualTo("FAILED");
        assertThat(empty.get("errors").get(0).get("message").asString()).contains("no items");

        JsonNode nul = Jobs.importFile(manager.api(), projectId, "jsonl", "{\"text\": \"a\\u0000b\"}\n".getBytes(UTF_8));
        assertThat(nul.get("status").asString()).isEqualTo("FAILED");
        assertThat(nul.get("errors").get(0).get("message").asString()).contains("NUL");

        assertThat(tasks()).isEmpty();
    }

    @Test
    void oversizedUploadGets413NamingTheLimitAndStoresNothing() {
        byte[] big = new byte[6 * 1024 * 1024];
        java.util.Arrays.fill(big, (byte) 'a');

        var response = manager.api().upload("/api/v1/projects/" + projectId + "/imports", "big.txt", big, "format", "txt");

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.json().get("detail").asString()).contains("5MB");
        assertThat(jdbc.sql("SELECT count(*) FROM import_job WHERE project_id = :p").param("p", projectId)
                .query(Long.class).single()).isZero();
        assertThat(tasks()).isEmpty();
    }

    @Test
    void anImportThatCannotBeQueuedIsMarkedFailedAndItsUploadRemoved() throws Exception {
        // The job queue's table gone for a moment: scheduling fails right after the job's row was written.
        jdbc.sql("ALTER TABLE scheduled_tasks RENAME TO scheduled_tasks_away").update();
        org.labelcrew.support.Api.Response response;
        try {
            response = manager.api().upload("/api/v1/projects/" + projectId + "/imports", "a.txt",
                    "한 줄\n".getBytes(UTF_8), "format", "txt");
        } finally {
            jdbc.sql("ALTER TABLE scheduled_tasks_away RENAME TO scheduled_tasks").update();
        }
        assertThat(response.status()).isEqualTo(500);
        record Job(String status, String errors, String path) {
        }
        Job job = jdbc.sql("SELECT status, errors::text, file_path FROM import_job WHERE project_id = :p")
                .param("p", projectId).query((rs, i) -> new Job(rs.getString(1), rs.getString(2), rs.getString(3)))
                .single();
        assertThat(job.status()).as("never left QUEUED with nobody to run it").isEqualTo("FAILED");
        assertThat(job.errors()).contains("could not be queued");
        assertThat(job.path()).as("kept in the blob store").startsWith("io/uploads/");
        assertThat(blobs.exists(job.path())).as("the stored upload is removed").isFalse();
        assertThat(tasks()).isEmpty();
    }

    @Test
    void onlyManagersOfTheProjectImport() {
        var labeler = fixtures.user("lab", Role.LABELER);
        fixtures.member(manager, projectId, labeler, "LABELER");
        var stranger = fixtures.user("other", Role.MANAGER);
        byte[] file = "hello\n".getBytes(UTF_8);
        String path = "/api/v1/projects/" + projectId + "/imports";

        labeler.api().upload(path, "a.txt", file, "format", "txt").expect(403);
        stranger.api().upload(path, "a.txt", file, "format", "txt").expect(403);
        manager.api().upload("/api/v1/projects/999999999/imports", "a.txt", file, "format", "txt").expect(404);
        JsonNode unknown = manager.api().upload(path, "a.txt", file, "format", "docx").expect(422).json();
        assertThat(unknown.get("errors").get(0).get("field").asString()).isEqualTo("format");
        assertThat(unknown.get("errors").get(0).get("code").asString()).isEqualTo("io.format.unknown");
        assertThat(unknown.get("errors").get(0).get("params").get("format").asString()).isEqualTo("docx");
        assertThat(unknown.get("code").asString()).isEqualTo("import.request.formatUnknown");
        JsonNode noFile = manager.api().upload(path, "a.txt", file, "format", "").expect(422).json();
        assertThat(noFile.get("errors").get(0).get("code").asString()).isEqualTo("io.format.required");

        long id = Jobs.importFile(manager.api(), projectId, "txt", file).get("id").asLong();
        labeler.api().get("/api/v1/imports/" + id).expect(403);
        stranger.api().get(path).expect(403);
        JsonNode list = manager.api().get(path).expect(200).json();
        assertThat(list.get("items").get(0).get("id").asLong()).isEqualTo(id);
        assertThat(tasks()).hasSize(1);
    }
}
