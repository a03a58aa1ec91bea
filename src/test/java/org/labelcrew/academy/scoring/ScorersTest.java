package org.labelcrew.academy.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

class ScorersTest {

    static final ObjectMapper M = new ObjectMapper();
    final Scoring sut = new Scoring(List.of(new ChoiceScorer(), new TextScorer(), new SpansScorer(),
            new ExtractiveScorer(), new AbstractiveScorer()));

    static JsonNode j(String json) {
        return M.readTree(json);
    }

    double score(String schema, String answer, String reference) {
        return sut.score(j(schema), j("{}"), j(answer), j(reference)).score();
    }

    static final String TOPIC = """
            {"fields": [{"name": "topic", "type": "choice", "options": ["정치", "경제", "사회"]}]}""";
    static final String TAGS = """
            {"fields": [{"name": "tags", "type": "choice", "options": ["a", "b", "c", "d"], "multiple": true}]}""";

    @Test
    void singleChoiceIsExactMatch() {
        assertThat(score(TOPIC, "{\"topic\": \"경제\"}", "{\"topic\": \"경제\"}")).isEqualTo(1.0);
        assertThat(score(TOPIC, "{\"topic\": \"정치\"}", "{\"topic\": \"경제\"}")).isEqualTo(0.0);
        assertThat(sut.score(j(TOPIC), j("{}"), j("{\"topic\": \"정치\"}"), j("{\"topic\": \"경제\"}")).feedback())
                .contains("expected 경제").contains("정치");
    }

    @Test
    void multipleChoiceIsJaccard() {
        // {a,b} vs {b,c}: 1 shared of 3 distinct.
        assertThat(score(TAGS, "{\"tags\": [\"a\", \"b\"]}", "{\"tags\": [\"b\", \"c\"]}")).isCloseTo(1 / 3.0, within(1e-3));
        assertThat(score(TAGS, "{\"tags\": [\"c\", \"b\"]}", "{\"tags\": [\"b\", \"c\"]}")).isEqualTo(1.0);
    }

    @Test
    void textIsExactAfterTrimAndNfc() {
        String schema = "{\"fields\": [{\"name\": \"note\", \"type\": \"text\"}]}";
        String nfd = java.text.Normalizer.normalize("한국어", java.text.Normalizer.Form.NFD);
        assertThat(score(schema, "{\"note\": \"  " + nfd + " \"}", "{\"note\": \"한국어\"}")).isEqualTo(1.0);
        assertThat(score(schema, "{\"note\": \"한국\"}", "{\"note\": \"한국어\"}")).isEqualTo(0.0);
    }

    @Test
    void spansAreF1OnExactSpanAndLabel() {
        String schema = "{\"fields\": [{\"name\": \"ents\", \"type\": \"spans\", \"labels\": [\"PER\", \"ORG\"]}]}";
        String ref = """
                {"ents": [{"id": "1", "start": 0, "end": 3, "label": "PER"}, {"id": "2", "start": 5, "end": 9, "label": "ORG"}]}""";
        // One exact, one with a shifted edge: precision 1/2, recall 1/2.
        String ans = """
                {"ents": [{"id": "x", "start": 0, "end": 3, "label": "PER"}, {"id": "y", "start": 5, "end": 8, "label": "ORG"}]}""";
        assertThat(score(schema, ans, ref)).isEqualTo(0.5);
        // The right span with the wrong label is no match.
        assertThat(score(schema, "{\"ents\": [{\"id\": \"1\", \"start\": 0, \"end\": 3, \"label\": \"ORG\"}]}",
                "{\"ents\": [{\"id\": \"1\", \"start\": 0, \"end\": 3, \"label\": \"PER\"}]}")).isEqualTo(0.0);
        assertThat(score(schema, ref, ref)).isEqualTo(1.0);
    }

    @Test
    void extractiveIsF1OverSentenceIndices() {
        String schema = "{\"fields\": [{\"name\": \"key\", \"type\": \"extractive\"}]}";
        // {0,2,4} vs {0,1,2}: 2 shared → F1 = 2*2/(3+3).
        assertThat(score(schema, "{\"key\": [4, 0, 2]}", "{\"key\": [0, 1, 2]}")).isCloseTo(2 / 3.0, within(1e-3));
    }

    @Test
    void abstractiveIsRougeLOverHangulSyllables() {
        assertThat(AbstractiveScorer.tokens("정부는 AI 예산을, 늘렸다."))
                .containsExactly("정", "부", "는", "ai", "예", "산", "을", "늘", "렸", "다");
        String schema = "{\"fields\": [{\"name\": \"summary\", \"type\": \"abstractive\"}]}";
        String ref = "{\"summary\": \"정부가 예산을 늘렸다\"}";
        assertThat(score(schema, ref, ref)).isEqualTo(1.0);
        // Only the particle differs (가 → 는): 8 of 9 syllables in order.
        assertThat(score(schema, "{\"summary\": \"정부는 예산을 늘렸다\"}", ref)).isCloseTo(8 / 9.0, within(1e-3));
        assertThat(score(schema, "{\"summary\": \"날씨가 맑음\"}", ref)).isLessThan(0.2);
    }

    @Test
    void itemScoreIsTheMeanOverFieldsAndEmptyCasesAreSettledOnce() {
        String schema = """
                {"fields": [{"name": "topic", "type": "choice", "options": ["a", "b"]},
                            {"name": "note", "type": "text"},
                            {"name": "boxes", "type": "boxes", "labels": ["car"]}]}""";
        Scoring.ItemScore s = sut.score(j(schema), j("{}"), j("{\"topic\": \"a\"}"), j("{\"topic\": \"a\", \"note\": \"x\"}"));
        assertThat(s.score()).isEqualTo(0.5); // topic right, note not answered; boxes has no scorer and is left out
        assertThat(s.feedback()).contains("note: not answered").contains("boxes: not scored");
        assertThat(sut.score(j(schema), j("{}"), j("{\"topic\": \"b\"}"), j("{\"topic\": \"b\"}")).score()).isEqualTo(1.0);
    }
}
