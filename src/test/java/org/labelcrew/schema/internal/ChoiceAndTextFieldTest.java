package org.labelcrew.schema.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.labelcrew.schema.Schemas.resultProblems;
import static org.labelcrew.schema.Schemas.schemaProblems;

import org.junit.jupiter.api.Test;

class ChoiceAndTextFieldTest {

    static final String MULTI = """
            {"fields": [{"name": "topics", "type": "choice", "options": ["정치", "경제", "사회", "문화"], "multiple": true, "min": 1, "max": 2}]}""";

    @Test
    void multipleChoiceCountsSelectionsAgainstMinAndMax() {
        assertThat(resultProblems(MULTI, "{}", "{\"topics\": [\"정치\", \"사회\"]}")).isEmpty();
        assertThat(resultProblems(MULTI, "{}", "{\"topics\": [\"정치\", \"사회\", \"문화\"]}"))
                .containsExactly("result.topics: has 3 options chosen; at most 2 allowed (max)");
        assertThat(resultProblems(MULTI, "{}", "{\"topics\": [\"정치\", \"정치\", \"스포츠\"]}")).containsExactly(
                "result.topics[1]: '정치' is chosen twice",
                "result.topics[2]: '스포츠' is not an option",
                "result.topics: has 3 options chosen; at most 2 allowed (max)");
        assertThat(resultProblems(MULTI, "{}", "{\"topics\": []}")).containsExactly("result.topics: is required");
        assertThat(resultProblems(MULTI, "{}", "{\"topics\": \"정치\"}"))
                .containsExactly("result.topics: must be an array of options (multiple choice)");
    }

    @Test
    void minAndMaxBelongToMultipleChoiceOnly() {
        assertThat(schemaProblems("{\"fields\": [{\"name\": \"t\", \"type\": \"choice\", \"options\": [\"a\", \"b\"], \"max\": 1}]}"))
                .containsExactly("schema.fields[0].max: only a multiple choice counts selections; set \"multiple\": true");
        assertThat(schemaProblems("{\"fields\": [{\"name\": \"t\", \"type\": \"choice\", \"options\": [\"a\", \"b\"], \"multiple\": true, \"min\": 3}]}"))
                .containsExactly("schema.fields[0].min: is more than the 2 options");
        assertThat(schemaProblems(MULTI)).isEmpty();
    }

    @Test
    void textCountsCharactersWithinLimits() {
        String schema = "{\"fields\": [{\"name\": \"note\", \"type\": \"text\", \"maxChars\": 3}]}";
        assertThat(resultProblems(schema, "{}", "{\"note\": \"👍🏽요\"}")).isEmpty();
        assertThat(resultProblems(schema, "{}", "{\"note\": \"네 개다\"}"))
                .containsExactly("result.note: has 4 characters; at most 3 allowed (maxChars)");
        assertThat(resultProblems(schema, "{}", "{\"note\": 3}")).containsExactly("result.note: must be a string");
        assertThat(resultProblems(schema, "{}", "{}")).isEmpty();
    }

    @Test
    void unknownResultKeysAreNamed() {
        assertThat(resultProblems(MULTI, "{}", "{\"topics\": [\"정치\"], \"extra\": 1}"))
                .containsExactly("result.extra: is not a field of the schema");
    }
}
