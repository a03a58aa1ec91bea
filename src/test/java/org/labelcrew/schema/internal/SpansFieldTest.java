package org.labelcrew.schema.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.labelcrew.schema.Schemas.resultProblems;
import static org.labelcrew.schema.Schemas.schemaProblems;

import java.text.Normalizer;
import org.junit.jupiter.api.Test;

class SpansFieldTest {

    static final String SCHEMA = """
            {"fields": [{"name": "entities", "type": "spans", "labels": ["PER", {"value": "ORG", "hotkey": "o", "color": "#2563eb"}, "LOC"]}]}""";
    /** 김철수(0..3) 는 삼성전자(5..9) 에 다닌다. 👍🏽 is two code points (four UTF-16 units). */
    static final String DATA = """
            {"text": "김철수는 삼성전자에 다닌다 👍🏽 서울"}""";

    @Test
    void acceptsSpansInCodePointsOfTheText() {
        assertThat(resultProblems(SCHEMA, DATA, """
                {"entities": [{"id": "s1", "start": 0, "end": 3, "label": "PER"},
                              {"id": 2, "start": 5, "end": 9, "label": "ORG"},
                              {"id": "s3", "start": 18, "end": 20, "label": "LOC"}]}""")).isEmpty();
    }

    @Test
    void theEndMayBeTheLengthInCodePointsNotUtf16Units() {
        // 20 code points; in UTF-16 the text is 22 units long because of the emoji.
        assertThat(resultProblems(SCHEMA, DATA, """
                {"entities": [{"id": "a", "start": 15, "end": 20, "label": "LOC"}]}""")).isEmpty();
        assertThat(resultProblems(SCHEMA, DATA, """
                {"entities": [{"id": "a", "start": 18, "end": 21, "label": "LOC"}]}"""))
                .containsExactly("result.entities[0].end: 21 is past the end of the text (20 characters)");
    }

    @Test
    void offsetsCountTheNfcFormOfDecomposedHangul() {
        String nfd = Normalizer.normalize("한국", Normalizer.Form.NFD); // 6 jamo, 2 syllables
        String data = "{\"text\": \"" + nfd + "\"}";
        assertThat(resultProblems(SCHEMA, data, """
                {"entities": [{"id": "a", "start": 0, "end": 2, "label": "LOC"}]}""")).isEmpty();
        assertThat(resultProblems(SCHEMA, data, """
                {"entities": [{"id": "a", "start": 0, "end": 3, "label": "LOC"}]}"""))
                .containsExactly("result.entities[0].end: 3 is past the end of the text (2 characters)");
    }

    @Test
    void namesEachBrokenSpanAndItsKey() {
        assertThat(resultProblems(SCHEMA, DATA, """
                {"entities": [{"id": "a", "start": 3, "end": 3, "label": "PER"},
                              {"id": "a", "start": -1, "end": 2.5, "label": "PER"},
                              {"id": "", "start": 0, "end": 1, "label": "DATE"},
                              "PER"]}""")).containsExactly(
                "result.entities[0].end: must be more than start (3); end is exclusive",
                "result.entities[1].id: \"a\" is used by another span",
                "result.entities[1].start: must be a whole number, 0 or more (a code point offset)",
                "result.entities[1].end: must be a whole number, 0 or more (a code point offset)",
                "result.entities[2].id: must be a non-empty string or a whole number",
                "result.entities[2].label: 'DATE' is not one of [PER, ORG, LOC]",
                "result.entities[3]: must be an object {\"id\", \"start\", \"end\", \"label\"}");
    }

    @Test
    void overlapIsRejectedUnlessAllowed() {
        String result = """
                {"entities": [{"id": "a", "start": 5, "end": 9, "label": "ORG"},
                              {"id": "b", "start": 0, "end": 3, "label": "PER"},
                              {"id": "c", "start": 7, "end": 11, "label": "LOC"}]}""";
        assertThat(resultProblems(SCHEMA, DATA, result))
                .containsExactly("result.entities[2]: overlaps entities[0] (5..9); this field does not allow overlap");
        // touching spans do not overlap (end is exclusive)
        assertThat(resultProblems(SCHEMA, DATA, """
                {"entities": [{"id": "a", "start": 0, "end": 3, "label": "PER"}, {"id": "b", "start": 3, "end": 4, "label": "PER"}]}"""))
                .isEmpty();
        String overlapping = SCHEMA.replace("\"type\": \"spans\"", "\"type\": \"spans\", \"allowOverlap\": true");
        assertThat(resultProblems(overlapping, DATA, result)).isEmpty();
    }

    @Test
    void readsTheTextFromTheSourceKeyAndSaysWhenThereIsNone() {
        String schema = """
                {"fields": [{"name": "e", "type": "spans", "labels": ["X"], "source": "title"}]}""";
        assertThat(resultProblems(schema, "{\"title\": \"제목\", \"text\": \"본문은 더 길다\"}",
                "{\"e\": [{\"id\": 1, \"start\": 0, \"end\": 2, \"label\": \"X\"}]}")).isEmpty();
        assertThat(resultProblems(schema, "{\"text\": \"본문\"}",
                "{\"e\": [{\"id\": 1, \"start\": 0, \"end\": 2, \"label\": \"X\"}]}"))
                .containsExactly("result.e: the task has no text in data.title to mark spans in");
    }

    @Test
    void countsSpansAgainstMinAndMax() {
        String schema = """
                {"fields": [{"name": "e", "type": "spans", "labels": ["X"], "min": 1, "max": 1}]}""";
        assertThat(resultProblems(schema, DATA, """
                {"e": [{"id": 1, "start": 0, "end": 1, "label": "X"}, {"id": 2, "start": 1, "end": 2, "label": "X"}]}"""))
                .containsExactly("result.e: has 2 spans; at most 1 allowed (max)");
        // min 1 makes the field required unless the schema says otherwise
        assertThat(resultProblems(schema, DATA, "{\"e\": []}")).containsExactly("result.e: is required");
        assertThat(resultProblems(schema.replace("\"min\": 1", "\"min\": 1, \"required\": false"), DATA, "{}")).isEmpty();
    }

    @Test
    void checksTheDefinition() {
        assertThat(schemaProblems("""
                {"fields": [{"name": "e", "type": "spans"},
                            {"name": "f", "type": "spans", "labels": ["A", "A", {"value": "B", "hotkey": "xy", "color": "red"}, 3],
                             "allowOverlap": "no", "min": 3, "max": 2, "source": "data.text"}]}""")).containsExactly(
                "schema.fields[0].labels: must be a non-empty array",
                "schema.fields[1].labels[1]: 'A' is listed twice",
                "schema.fields[1].labels[2].hotkey: must be a single character",
                "schema.fields[1].labels[2].color: must be a hex color like #e11d48",
                "schema.fields[1].labels[3]: must be a string or {\"value\": string, \"hotkey\"?: string, \"color\"?: string}",
                "schema.fields[1].allowOverlap: must be true or false",
                "schema.fields[1].min: is more than max (2)",
                "schema.fields[1].source: must name a key of the task data, like \"text\"");
        assertThat(schemaProblems(SCHEMA)).isEmpty();
    }
}
