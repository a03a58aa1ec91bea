package org.labelcrew.io.conll;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.labelcrew.io.Crowd;
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

    // conll-morpheme: Korean morphemes by Lucene Nori.

    static String span(String text, String part, String label) {
        int[] at = at(text, part);
        return "{\"id\": \"" + part + "\", \"start\": " + at[0] + ", \"end\": " + at[1] + ", \"label\": \"" + label + "\"}";
    }

    @Test
    void morphemeLevelSplitsParticlesOffNamesThroughTheExportEndpoint() {
        String text = "김철수는 서울대학교에 다닌다";
        Crowd crowd = new Crowd(fixtures, SCHEMA);
        crowd.importFile("jsonl", mapper.writeValueAsBytes(java.util.Map.of("text", text)));
        crowd.labelAll(data -> "{\"entities\": [" + span(text, "김철수", "PER") + ", " + span(text, "서울대학교", "ORG") + "]}");
        crowd.approveAll();
        var file = crowd.export("{\"format\": \"conll-morpheme\", \"split\": {\"train\": 1}}");
        assertThat(file.contentType()).startsWith("text/plain");
        long taskId = crowd.tasks().get(0).get("id").asLong();
        assertThat(file.text()).isEqualTo("## " + taskId + "\ttrain\n"
                + "김철수\tNNP\tB-PER\n"
                + "는\tJ\tO\n"
                + "서울\tNNP\tB-ORG\n"
                + "대학교\tNNG\tI-ORG\n"
                + "에\tJ\tO\n"
                + "다닌다\tVV+E\tO\n"
                + "\n");
    }

    @Test
    void morphemeLevelKeepsOffsetsAfterAnEmojiAndTagsACutTokenByItsFirstCharacter() {
        // TEXT has 👍🏽 (four UTF-16 units, two code points) before the LOC span 정말, which ends inside Nori's 정말로.
        Crowd crowd = labelled();
        String text = crowd.export("{\"format\": \"conll-morpheme\"}").text();
        long taskId = crowd.tasks().get(0).get("id").asLong();
        assertThat(text).isEqualTo("## " + taskId + "\n"
                + "김철수\tNNP\tB-PER\n는\tJ\tO\n삼성전자\tNNP\tB-ORG\n에\tJ\tO\n다닌다\tVV+E\tO\n"
                + "👍🏽\tSY\tO\n정말로\tMAG\tB-LOC\n\n");
    }

    @Test
    void emojiBeforeASpanDoesNotShiftIt() throws Exception {
        String text = "👍🏽👨‍👩‍👧 김철수가 왔다";
        JsonNode spans = mapper.readTree("[" + span(text, "김철수", "PER") + "]");
        var rows = ConllExport.rows(text, spans, new NoriMorphemes());
        assertThat(rows.rows()).extracting(r -> String.join(" ", r)).startsWith(
                "👍🏽👨‍👩‍👧 SY O", "김철수 NNP B-PER");
        assertThat(rows.rows().get(2)[2]).isEqualTo("O");
        assertThat(rows.cut()).isZero();
    }

    @Test
    void spanBoundaryInsideAMorphemeIsCountedAndTheTokenTakesTheSpanAtItsFirstCharacter() throws Exception {
        String text = "김철수는 삼성전자에 다닌다";
        try (ConllExport.Tokens nori = ConllExport.Level.MORPHEME.tokens()) {
            // 김[철수]: the span starts inside the token, which is not tagged (as at eojeol level).
            var late = ConllExport.rows(text, mapper.readTree("[" + span(text, "철수", "PER") + "]"), nori);
            assertThat(late.rows().get(0)).containsExactly("김철수", "NNP", "O");
            assertThat(late.cut()).isEqualTo(1);
            // [삼성]전자 and 삼[성전자]에: the first tags the compound, the second does not; both are cuts.
            var early = ConllExport.rows(text, mapper.readTree("[" + span(text, "삼성", "ORG") + "]"), nori);
            assertThat(early.rows().get(2)).containsExactly("삼성전자", "NNP", "B-ORG");
            assertThat(early.rows().get(3)).containsExactly("에", "J", "O");
            assertThat(early.cut()).isEqualTo(1);
            var aligned = ConllExport.rows(text, mapper.readTree("[" + span(text, "삼성전자", "ORG") + "]"), nori);
            assertThat(aligned.cut()).isZero();
        }
    }

    @Test
    void morphemeTokensNeverHoldWhiteSpaceAndCoverEveryOtherCharacter() throws Exception {
        // Nori glues a space to some symbols ("% ") and emits spaces as tokens; neither reaches the file.
        String text = "주가가 3.5% 올랐다!! ‘정말’ “그래”\u00a0끝 ❤️ 1️⃣ ㅋㅋ";
        var rows = ConllExport.rows(text, null, ConllExport.Level.MORPHEME);
        assertThat(rows).allSatisfy(r -> {
            assertThat(r).hasSize(3);
            assertThat(r[0]).isNotEmpty().doesNotContainPattern("\\s|\u00a0");
            assertThat(r[2]).isEqualTo("O");
        });
        assertThat(rows).extracting(r -> r[0]).contains("%", "❤️", "1️⃣");
        assertThat(String.join("", rows.stream().map(r -> r[0]).toList()))
                .isEqualTo(text.replaceAll("[\\s\u00a0]", ""));
    }

    @Test
    void unknownFormatNamesTheMorphemeExportAmongTheChoices() {
        Crowd crowd = new Crowd(fixtures, SCHEMA);
        JsonNode bad = crowd.manager.api().post("/api/v1/projects/" + crowd.projectId + "/exports", "{\"format\": \"conll-morph\"}")
                .expect(422).json();
        assertThat(bad.get("errors").get(0).get("field").asString()).isEqualTo("format");
        assertThat(bad.get("errors").get(0).get("message").asString()).contains("conll-morpheme", "conll-eojeol");
    }
}
