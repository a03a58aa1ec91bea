package org.labelcrew.io;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.labelcrew.support.Fixtures;
import org.labelcrew.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

@IntegrationTest
class ConllExportTest {

    static final String SCHEMA = """
            {"fields": [{"name": "entities", "type": "spans", "labels": ["PER", "ORG", "LOC"]}]}""";

    /** Hangul, then an emoji with a skin-tone modifier: two code points, four UTF-16 units. */
    static final String TEXT = "김철수는 삼성전자에 다닌다 👍🏽 정말로";

    @Autowired
    Fixtures fixtures;

    @Autowired
    ObjectMapper mapper;

    /** Code-point offsets of {@code part} in {@code text}, computed, not counted by hand. */
    static int[] at(String text, String part) {
        int utf16 = text.indexOf(part);
        int start = text.codePointCount(0, utf16);
        return new int[] {start, start + part.codePointCount(0, part.length())};
    }

    static String spans() {
        int[] per = at(TEXT, "김철수");
        int[] org = at(TEXT, "삼성전자");
        int[] after = at(TEXT, "정말"); // after the emoji: wrong by 2 if offsets were UTF-16
        return "[{\"id\": \"a\", \"start\": " + per[0] + ", \"end\": " + per[1] + ", \"label\": \"PER\"},"
                + "{\"id\": \"b\", \"start\": " + org[0] + ", \"end\": " + org[1] + ", \"label\": \"ORG\"},"
                + "{\"id\": \"c\", \"start\": " + after[0] + ", \"end\": " + after[1] + ", \"label\": \"LOC\"}]";
    }

    Crowd labelled() {
        Crowd crowd = new Crowd(fixtures, SCHEMA);
        JsonNode imported = crowd.importFile("jsonl", mapper.writeValueAsBytes(java.util.Map.of("text", TEXT)));
        assertThat(imported.get("status").asString()).isEqualTo("DONE");
        crowd.labelAll(data -> "{\"entities\": " + spans() + "}");
        crowd.approveAll();
        return crowd;
    }

    @Test
    void characterLevelHasOneCodePointPerLineAndOffsetsHoldAfterTheEmoji() {
        Crowd crowd = labelled();
        var file = crowd.export("{\"format\": \"conll\"}");
        assertThat(file.contentType()).startsWith("text/plain");
        List<String> lines = List.of(file.text().split("\n", -1));
        long taskId = crowd.tasks().get(0).get("id").asLong();
        assertThat(lines.get(0)).isEqualTo("## " + taskId);
        assertThat(lines.subList(1, lines.size())).containsExactly(
                "김\tB-PER", "철\tI-PER", "수\tI-PER", "는\tO",
                "삼\tB-ORG", "성\tI-ORG", "전\tI-ORG", "자\tI-ORG", "에\tO",
                "다\tO", "닌\tO", "다\tO",
                "👍\tO", "🏽\tO",
                "정\tB-LOC", "말\tI-LOC", "로\tO",
                "", "");
    }

    @Test
    void eojeolLevelTagsWordsByTheSpanAtTheirFirstCharacter() {
        Crowd crowd = labelled();
        String text = crowd.export("{\"format\": \"conll-eojeol\", \"split\": {\"test\": 1}}").text();
        long taskId = crowd.tasks().get(0).get("id").asLong();
        assertThat(text).isEqualTo("## " + taskId + "\ttest\n"
                + "김철수는\tB-PER\n삼성전자에\tB-ORG\n다닌다\tO\n👍🏽\tO\n정말로\tB-LOC\n\n");
    }

    @Test
    void adjacentSpansOfOneLabelEachStartWithB() {
        String text = "서울 부산";
        String spans = "[{\"id\": 1, \"start\": 0, \"end\": 2, \"label\": \"LOC\"}, {\"id\": 2, \"start\": 3, \"end\": 5, \"label\": \"LOC\"}]";
        JsonNode node = mapper.readTree(spans);
        assertThat(ConllExport.rows(text, node, ConllExport.Level.EOJEOL)).extracting(r -> r[1])
                .containsExactly("B-LOC", "B-LOC");
        String wide = "[{\"id\": 1, \"start\": 0, \"end\": 5, \"label\": \"LOC\"}]";
        assertThat(ConllExport.rows(text, mapper.readTree(wide), ConllExport.Level.CHARACTER)).extracting(r -> r[1])
                .as("a space inside a span does not restart it").containsExactly("B-LOC", "I-LOC", "I-LOC", "I-LOC");
    }

    @Test
    void projectWithoutSpansFieldIsRefusedUpFront() {
        Crowd crowd = new Crowd(fixtures, Fixtures.TOPIC_SCHEMA);
        String path = "/api/v1/projects/" + crowd.projectId + "/exports";
        JsonNode bad = crowd.manager.api().post(path, "{\"format\": \"conll\"}").expect(422).json();
        assertThat(bad.get("errors").get(0).get("field").asString()).isEqualTo("format");
        JsonNode badField = crowd.manager.api().post(path, "{\"format\": \"conll\", \"field\": \"topic\"}").expect(422).json();
        assertThat(badField.get("errors").get(0).get("field").asString()).isEqualTo("field");
    }
}
