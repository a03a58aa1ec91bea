package org.labelcrew.io.csv;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.text.Normalizer;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.labelcrew.account.Role;
import org.labelcrew.io.Jobs;
import org.labelcrew.support.Api;
import org.labelcrew.support.Fixtures;
import org.labelcrew.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Import options through the API (issue 12): the options field, column mapping of TSV/CSV, onError skip with the
 * rejected-rows report, blank rows, legacy encodings with consent, and the NFC count.
 */
@IntegrationTest
class TabularImportTest {

    static final String SENTIMENT = """
            {"fields": [{"name": "sentiment", "type": "choice", "options": ["0", "1"]}]}""";

    @Autowired
    Fixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    Fixtures.User manager;
    long projectId;

    @BeforeEach
    void project() {
        manager = fixtures.user("mgr", Role.MANAGER);
        projectId = fixtures.project(manager, SENTIMENT, null).get("id").asLong();
    }

    static byte[] resource(String name) throws IOException {
        try (InputStream in = TabularImportTest.class.getResourceAsStream("/interchange/" + name)) {
            return in.readAllBytes();
        }
    }

    Api.Response upload(String format, byte[] content, String options) {
        String path = "/api/v1/projects/" + projectId + "/imports";
        if (options == null) return manager.api().upload(path, "data." + format, content, "format", format);
        return manager.api().upload(path, "data." + format, content, "format", format, "options", options);
    }

    JsonNode run(String format, byte[] content, String options) {
        JsonNode started = upload(format, content, options).expect(202).json();
        return Jobs.awaitEnd(manager.api(), "/api/v1/imports/" + started.get("id").asLong());
    }

    List<String> data() {
        return jdbc.sql("SELECT data::text FROM task WHERE project_id = :p ORDER BY id").param("p", projectId)
                .query(String.class).list();
    }

    @Test
    void unknownAndBadOptionsAre422sNamingThem() {
        JsonNode problem = upload("tsv", "text\nx\n".getBytes(UTF_8), "{\"textColum\": \"document\", \"onError\": \"maybe\"}")
                .expect(422).json();
        List<String> fields = problem.get("errors").valueStream().map(e -> e.get("field").asString()).toList();
        assertThat(fields).contains("options.textColum", "options.onError");
        // The detail and each of errors[] are coded for the browser, which says them in the reader's language.
        assertThat(problem.get("code").asString()).isEqualTo("import.options.invalid");
        List<String> coded = problem.get("errors").valueStream().map(e -> e.get("field").asString() + " "
                + e.get("code").asString() + " " + e.get("params")).toList();
        assertThat(coded).hasSize(2).contains("options.onError value.oneOf {\"allowed\":\"fail, skip\"}");
        assertThat(coded).anyMatch(s -> s.startsWith("options.textColum io.option.unknown {\"name\":\"textColum\",\"allowed\":\"")
                && s.contains("textColumn"));
        assertThat(problem.get("params").get("fields").asString()).contains("options.textColum").contains("options.onError");
        // An option the format does not read is refused too, naming the format.
        JsonNode other = upload("jsonl", "{\"text\": \"x\"}\n".getBytes(UTF_8), "{\"textColumn\": \"document\"}")
                .expect(422).json();
        assertThat(other.get("errors").get(0).get("field").asString()).isEqualTo("options.textColumn");
        assertThat(other.get("detail").asString()).contains("jsonl");
        assertThat(other.get("code").asString()).isEqualTo("import.options.notForFormat");
        assertThat(other.get("errors").get(0).get("code").asString()).isEqualTo("io.option.notForFormat");
        assertThat(other.get("errors").get(0).get("params").get("format").asString()).isEqualTo("jsonl");
        assertThat(upload("tsv", "text\nx\n".getBytes(UTF_8), "[1]").expect(422).json().get("code").asString())
                .isEqualTo("import.options.notObject");
        assertThat(upload("tsv", "text\nx\n".getBytes(UTF_8), "{not json").expect(422).json().get("code").asString())
                .isEqualTo("import.options.notJson");
        assertThat(upload("tsv", "text\nx\n".getBytes(UTF_8), "[1]").expect(422).json().get("errors").get(0).get("code")
                .asString()).isEqualTo("io.options.notObject");
        assertThat(data()).isEmpty();
    }

    @Test
    void nsmcTsvWithCrlfMapsDocumentToTextAndLabelToPrediction() throws IOException {
        JsonNode job = run("tsv", resource("nsmc-utf8.tsv"),
                "{\"textColumn\": \"document\", \"labelColumn\": \"label\", \"labelAs\": \"prediction\"}");

        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("DONE");
        assertThat(job.get("imported").asLong()).isEqualTo(5);
        assertThat(job.get("options").get("textColumn").asString()).isEqualTo("document");
        List<String> data = data();
        assertThat(data.get(0)).isEqualTo("{\"id\": \"9976970\", \"text\": \"아 더빙.. 진짜 짜증나네요 목소리\", \"prediction\": {\"sentiment\": \"0\"}}");
        // TSV has no quoting: the quotes are text.
        assertThat(data.get(4)).contains("\\\"익살스런\\\"").contains("\"sentiment\": \"1\"");
    }

    @Test
    void labelAsGoldMakesGoldItemsAndHeaderlessColumnsAreNumbered() {
        JsonNode job = run("tsv", "1\t좋아요\r\n2\t별로\r\n".getBytes(UTF_8),
                "{\"header\": false, \"textColumn\": \"2\", \"labelColumn\": \"1\", \"labelField\": \"sentiment\", \"labelAs\": \"gold\"}");
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("FAILED");
        // "2" is not an option: named with the column.
        assertThat(job.get("errors").get(0).get("message").asString()).contains("\"2\"").contains("sentiment");

        job = run("tsv", "1\t좋아요\r\n0\t별로\r\n".getBytes(UTF_8),
                "{\"header\": false, \"textColumn\": \"2\", \"labelColumn\": \"1\", \"labelAs\": \"gold\"}");
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("DONE");
        assertThat(jdbc.sql("SELECT count(*) FROM task WHERE project_id = :p AND gold_reference IS NOT NULL").param("p", projectId)
                .query(Long.class).single()).isEqualTo(2);
        assertThat(data()).containsExactly("{\"text\": \"좋아요\"}", "{\"text\": \"별로\"}");
    }

    @Test
    void skipImportsTheGoodRowsAndReportsTheBadOnesBlankRowsNamed() {
        String csv = "id,text\n1,좋다\n2,\"\"\n,\n3,괜찮다\n4,\"never closed\n";
        JsonNode failed = run("csv", csv.getBytes(UTF_8), null);
        assertThat(failed.get("status").asString()).isEqualTo("FAILED");
        assertThat(failed.get("imported").asLong()).isZero();
        assertThat(failed.get("hasReport").asBoolean()).isTrue();
        assertThat(data()).isEmpty();

        JsonNode job = run("csv", csv.getBytes(UTF_8), "{\"onError\": \"skip\"}");
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("DONE");
        assertThat(job.get("imported").asLong()).isEqualTo(2);
        assertThat(job.get("rejected").asLong()).isEqualTo(3);
        assertThat(job.get("errors").valueStream().map(e -> e.get("line").asLong()).toList()).containsExactly(3L, 4L, 6L);
        assertThat(job.get("errors").get(1).get("message").asString()).startsWith("is a blank row");
        // The same problem for the browser to word: a code and its parameters.
        assertThat(job.get("errors").get(1).get("code").asString()).isEqualTo("import.csv.blankRow");
        assertThat(job.get("errors").get(1).get("params").get("columns").asInt()).isEqualTo(2);
        assertThat(data()).hasSize(2);

        Api.Response report = manager.api().get("/api/v1/imports/" + job.get("id").asLong() + "/rejected").expect(200);
        assertThat(report.contentType()).startsWith("text/csv");
        String[] rows = report.text().replace("\uFEFF", "").split("\r\n");
        assertThat(rows[0]).isEqualTo("line,field,reason,code");
        assertThat(rows[1]).isEqualTo("3,text,has an empty text column,import.csv.emptyText");
        assertThat(rows[2]).startsWith("4,,is a blank row").endsWith(",import.csv.blankRow");
        assertThat(rows[3]).isEqualTo("6,,starts a quoted field that is never closed,import.csv.quoteNotClosed");
        assertThat(rows).hasSize(4);

        // An import without rejected rows has no report.
        JsonNode clean = run("csv", "text\n하나\n".getBytes(UTF_8), null);
        assertThat(clean.get("hasReport").asBoolean()).isFalse();
        manager.api().get("/api/v1/imports/" + clean.get("id").asLong() + "/rejected").expect(404);
    }

    @Test
    void cp949IsRefusedWithACodeAskingForConsentThenConverted() throws IOException {
        byte[] cp949 = resource("nsmc-cp949.tsv");
        JsonNode problem = upload("tsv", cp949, "{\"textColumn\": \"document\"}").expect(422).json();
        assertThat(problem.get("code").asString()).isEqualTo("import.encoding.consent");
        assertThat(problem.get("params").get("detected").asString()).isEqualTo("cp949");
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("options.encoding");
        assertThat(data()).isEmpty();

        JsonNode job = run("tsv", cp949, "{\"textColumn\": \"document\", \"encoding\": \"cp949\"}");
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("DONE");
        assertThat(job.get("imported").asLong()).isEqualTo(5);
        assertThat(data().get(0)).contains("아 더빙.. 진짜 짜증나네요 목소리");
        // Byte for byte the same tasks as the UTF-8 file gives.
        List<String> fromCp949 = data();
        jdbc.sql("DELETE FROM task WHERE project_id = :p").param("p", projectId).update();
        run("tsv", resource("nsmc-utf8.tsv"), "{\"textColumn\": \"document\"}");
        assertThat(data()).isEqualTo(fromCp949);
    }

    @Test
    void utf16WithBomIsConvertedWithConsent() {
        byte[] utf16 = "text\r\n한국어 🙂\r\n".getBytes(Charset.forName("UTF-16")); // Java writes a big-endian BOM
        JsonNode problem = upload("csv", utf16, null).expect(422).json();
        assertThat(problem.get("params").get("detected").asString()).isEqualTo("utf-16");

        JsonNode job = run("csv", utf16, "{\"encoding\": \"utf-16\"}");
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("DONE");
        assertThat(data()).containsExactly("{\"text\": \"한국어 🙂\"}");
    }

    @Test
    void theReportCountsItemsThatNfcChanged() {
        String nfd = Normalizer.normalize("한국어", Normalizer.Form.NFD);
        // U+F9D1 (a CJK compatibility ideograph a Korean IME types for 六) becomes U+516D under NFC.
        String text = "text\n" + nfd + "\n보통 문장\n\uF9D1월\n";
        JsonNode job = run("csv", text.getBytes(UTF_8), null);
        assertThat(job.get("status").asString()).isEqualTo("DONE");
        assertThat(job.get("normalized").asLong()).isEqualTo(2);
        assertThat(data()).containsExactly("{\"text\": \"한국어\"}", "{\"text\": \"보통 문장\"}", "{\"text\": \"\u516D월\"}");
    }
}
