package org.labelcrew.schema.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

class ScorersTest {

    static final ObjectMapper M = new ObjectMapper();
    final Scoring sut = new Scoring(List.of(new ChoiceScorer(), new TextScorer(), new SpansScorer(),
            new ExtractiveScorer(), new AbstractiveScorer(), new RelationsScorer()));

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
        Scoring.FieldResult half = sut.score(j(schema), j("{}"), j(ans), j(ref)).fields().get(0);
        assertThat(half.code()).isEqualTo("score.spans.f1");
        assertThat(half.params()).containsEntry("pct", 50L).containsEntry("found", 1L).containsEntry("expected", 2)
                .containsEntry("extra", 1L);
    }

    @Test
    void relationsMatchTheirEndsBySpanNotById() {
        String schema = """
                {"fields": [{"name": "ents", "type": "spans", "labels": ["PER", "ORG"]},
                            {"name": "links", "type": "relations", "labels": ["소속", "대표"], "between": "ents"}]}""";
        String ref = """
                {"ents": [{"id": "a", "start": 0, "end": 3, "label": "PER"}, {"id": "b", "start": 5, "end": 9, "label": "ORG"},
                          {"id": "c", "start": 12, "end": 15, "label": "PER"}],
                 "links": [{"from": "a", "to": "b", "label": "소속"}, {"from": "c", "to": "b", "label": "소속"}]}""";
        // Same spans under other ids (numbers, another order): both relations still match.
        String sameOtherIds = """
                {"ents": [{"id": 7, "start": 12, "end": 15, "label": "PER"}, {"id": 8, "start": 5, "end": 9, "label": "ORG"},
                          {"id": 9, "start": 0, "end": 3, "label": "PER"}],
                 "links": [{"from": 9, "to": 8, "label": "소속"}, {"from": 7, "to": 8, "label": "소속"}]}""";
        Scoring.ItemScore same = sut.score(j(schema), j("{}"), j(sameOtherIds), j(ref));
        assertThat(same.fields().get(1).score()).isEqualTo(1.0);
        // One right, one reversed (direction matters) and one with a wrong label: precision 1/3, recall 1/2 → F1 0.4.
        String partly = """
                {"ents": [{"id": "x", "start": 0, "end": 3, "label": "PER"}, {"id": "y", "start": 5, "end": 9, "label": "ORG"},
                          {"id": "z", "start": 12, "end": 15, "label": "PER"}],
                 "links": [{"from": "x", "to": "y", "label": "소속"}, {"from": "y", "to": "z", "label": "소속"},
                           {"from": "z", "to": "y", "label": "대표"}]}""";
        Scoring.FieldResult links = sut.score(j(schema), j("{}"), j(partly), j(ref)).fields().get(1);
        assertThat(links.field()).isEqualTo("links");
        assertThat(links.score()).isCloseTo(0.4, within(1e-9));
        assertThat(links.feedback()).contains("1 of 2 expected relations").contains("2 not expected");
        // A span drawn with a shifted edge breaks the relation that hangs on it.
        String shifted = """
                {"ents": [{"id": "a", "start": 0, "end": 2, "label": "PER"}, {"id": "b", "start": 5, "end": 9, "label": "ORG"}],
                 "links": [{"from": "a", "to": "b", "label": "소속"}]}""";
        assertThat(sut.score(j(schema), j("{}"), j(shifted), j(ref)).fields().get(1).score()).isEqualTo(0.0);
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
        // The same for the browser, as codes with parameters.
        assertThat(s.fields()).extracting(Scoring.FieldResult::code)
                .containsExactly("score.choice.right", "score.notAnswered", "score.notScored");
        assertThat(s.fields().get(0).params()).containsEntry("expected", "a");
        assertThat(s.fields().get(2).params()).containsEntry("type", "boxes");
        assertThat(sut.score(j(schema), j("{}"), j("{\"topic\": \"b\"}"), j("{\"topic\": \"b\"}")).score()).isEqualTo(1.0);
    }
}
