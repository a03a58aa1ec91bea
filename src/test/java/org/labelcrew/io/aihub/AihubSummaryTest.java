package org.labelcrew.io.aihub;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.labelcrew.io.Crowd;
import org.labelcrew.support.Fixtures;
import org.labelcrew.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

@IntegrationTest
class AihubSummaryTest {

    static final String SCHEMA = """
            {"fields": [{"name": "key", "type": "extractive", "min": 1, "max": 3},
                        {"name": "summary", "type": "abstractive", "minChars": 5, "maxChars": 300}]}""";

    /** The AI-Hub shape, with the keys of the real files that we only carry (category, media_name…). */
    static final String FILE = """
            {"name": "문서요약 텍스트", "delivery_date": "2020-12-23",
             "documents": [
              {"id": "news-001", "category": "경제", "media_name": "한국일보", "title": "반도체 수출 증가",
               "text": [[{"index": 0, "sentence": "반도체 수출이 3개월 연속 늘었다.", "highlight_indices": ""},
                         {"index": 1, "sentence": "산업부는 1일 이같이 밝혔다.", "highlight_indices": ""}],
                        [{"index": 2, "sentence": "특히 메모리 반도체가 크게 늘었다.", "highlight_indices": ""}]],
               "extractive": [0, 2, null],
               "abstractive": ["반도체 수출이 메모리를 중심으로 3개월 연속 증가했다."]},
              {"id": "news-002", "category": "사회", "media_name": "서울신문", "title": "폭염 경보",
               "text": [[{"index": 0, "sentence": "서울에 폭염 경보가 내려졌다.", "highlight_indices": ""},
                         {"index": 1, "sentence": "낮 최고 기온은 36도다.", "highlight_indices": ""}]],
               "extractive": [0, 1],
               "abstractive": ["서울에 폭염 경보가 내려지고 36도까지 오른다."]}
             ],
             "trailer": {"count": 2}}""";

    @Autowired
    Fixtures fixtures;

    @Autowired
    ObjectMapper mapper;

    @Test
    void importKeepsParagraphsAndReferenceAndExportGivesThemBack() {
        Crowd crowd = new Crowd(fixtures, SCHEMA);
        JsonNode imported = crowd.importFile("aihub-summary", FILE.getBytes(UTF_8));
        assertThat(imported.get("status").asString()).as(imported.toString()).isEqualTo("DONE");
        assertThat(imported.get("imported").asLong()).isEqualTo(2);

        JsonNode first = null;
        for (JsonNode t : crowd.tasks()) if (t.get("data").get("id").asString().equals("news-001")) first = t.get("data");
        assertThat(first).isNotNull();
        assertThat(first.get("title").asString()).isEqualTo("반도체 수출 증가");
        assertThat(first.get("paragraphs")).hasSize(2);
        assertThat(first.get("paragraphs").get(1).get(0).asString()).isEqualTo("특히 메모리 반도체가 크게 늘었다.");
        assertThat(first.get("reference").get("extractive").toString()).as("null dropped").isEqualTo("[0,2]");
        assertThat(first.get("meta").get("category").asString()).isEqualTo("경제");

        // The crowd agrees with the reference: the export must then give the file's references back.
        crowd.labelAll(data -> "{\"key\": " + data.get("reference").get("extractive") + ", \"summary\": "
                + data.get("reference").get("abstractive").get(0) + "}");
        crowd.approveAll();
        JsonNode exported = mapper.readTree(crowd.export("{\"format\": \"aihub-summary\"}").body());

        JsonNode expected = mapper.readTree(FILE).get("documents");
        ((ObjectNode) expected.get(0)).putArray("extractive").add(0).add(2); // the null is not a sentence
        // Sentence-level extras (highlight_indices) come back with their sentence (issue 12).
        List<JsonNode> docs = new ArrayList<>();
        exported.get("documents").forEach(docs::add);
        docs.sort((a, b) -> a.get("id").asString().compareTo(b.get("id").asString()));
        assertThat(docs).hasSize(2);
        for (int i = 0; i < 2; i++) assertThat(docs.get(i)).isEqualTo(expected.get(i));
    }

    @Test
    void exportWritesCorrectedWorkAndSplit() {
        Crowd crowd = new Crowd(fixtures, SCHEMA);
        crowd.importFile("aihub-summary", FILE.getBytes(UTF_8));
        crowd.labelAll(data -> "{\"key\": [1], \"summary\": \"사람이 쓴 요약입니다.\"}");
        crowd.approveAll();
        JsonNode exported = mapper.readTree(crowd.export(
                "{\"format\": \"aihub-summary\", \"split\": {\"train\": 1, \"seed\": 3}}").body());
        for (JsonNode doc : exported.get("documents")) {
            assertThat(doc.get("extractive").toString()).isEqualTo("[1]");
            assertThat(doc.get("abstractive").toString()).isEqualTo("[\"사람이 쓴 요약입니다.\"]");
            assertThat(doc.get("split").asString()).isEqualTo("train");
        }
    }

    @Test
    void documentWithoutTextIsNamedAndNothingIsStored() {
        Crowd crowd = new Crowd(fixtures, SCHEMA);
        String file = """
                {"documents": [
                  {"id": "a", "text": [[{"index": 0, "sentence": "첫 문장."}]]},
                  {"id": "b", "title": "본문 없음"},
                  {"id": "c", "text": [[{"index": 0, "sentence": "셋째."}]], "extractive": [4]}
                ]}""";
        JsonNode job = crowd.importFile("aihub-summary", file.getBytes(UTF_8));
        assertThat(job.get("status").asString()).isEqualTo("FAILED");
        assertThat(job.get("imported").asLong()).isZero();
        assertThat(job.get("errors")).hasSize(2);
        assertThat(job.get("errors").get(0).get("line").asLong()).isEqualTo(2);
        assertThat(job.get("errors").get(0).get("message").asString()).startsWith("document 2: has no \"text\"");
        assertThat(job.get("errors").get(1).get("line").asLong()).isEqualTo(3);
        assertThat(job.get("errors").get(1).get("message").asString()).contains("extractive[0] = 4");
        assertThat(crowd.tasks()).isEmpty();
    }

    @Test
    void brokenJsonNamesTheDocumentAndNonDocumentFilesAreRefused() {
        Crowd crowd = new Crowd(fixtures, SCHEMA);
        String cut = "{\"documents\": [{\"id\": \"a\", \"text\": [[{\"index\": 0, \"sentence\": \"하나.\"}]]}, {\"id\": \"b\", \"text\": [[";
        JsonNode job = crowd.importFile("aihub-summary", cut.getBytes(UTF_8));
        assertThat(job.get("status").asString()).isEqualTo("FAILED");
        assertThat(job.get("errors").get(0).get("line").asLong()).isEqualTo(2);
        assertThat(job.get("errors").get(0).get("message").asString()).startsWith("document 2: is not valid JSON");

        JsonNode array = crowd.importFile("aihub-summary", "[1, 2]".getBytes(UTF_8));
        assertThat(array.get("errors").get(0).get("message").asString()).contains("{\"documents\"");
        JsonNode none = crowd.importFile("aihub-summary", "{\"name\": \"x\"}".getBytes(UTF_8));
        assertThat(none.get("errors").get(0).get("message").asString()).contains("no \"documents\"");
        assertThat(crowd.tasks()).isEmpty();
    }
}
