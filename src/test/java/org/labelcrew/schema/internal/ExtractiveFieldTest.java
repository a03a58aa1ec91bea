package org.labelcrew.schema.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.labelcrew.schema.Schemas.resultProblems;
import static org.labelcrew.schema.Schemas.schemaProblems;

import org.junit.jupiter.api.Test;

class ExtractiveFieldTest {

    static final String SCHEMA = "{\"fields\": [{\"name\": \"key\", \"type\": \"extractive\", \"min\": 2, \"max\": 3}]}";
    static final String SENTENCES = "{\"sentences\": [\"가.\", \"나.\", \"다.\", \"라.\", \"마.\"]}";
    static final String PARAGRAPHS = "{\"paragraphs\": [[\"가.\", \"나.\"], [], [\"다.\", \"라.\", \"마.\"]]}";

    @Test
    void picksSentencesByIndexOverAllSentences() {
        assertThat(resultProblems(SCHEMA, SENTENCES, "{\"key\": [0, 4]}")).isEmpty();
        assertThat(resultProblems(SCHEMA, PARAGRAPHS, "{\"key\": [1, 2, 4]}")).isEmpty();
    }

    @Test
    void namesIndicesOutOfRangeOrRepeatedInAnyOrder() {
        assertThat(resultProblems(SCHEMA, PARAGRAPHS, "{\"key\": [5, -1, 1, 1, 0, \"2\"]}")).containsExactly(
                "result.key[0]: 5 is not a sentence of this document (0..4)",
                "result.key[1]: -1 is not a sentence of this document (0..4)",
                "result.key[3]: sentence 1 is picked twice",
                "result.key[5]: must be a sentence index (a whole number)",
                "result.key: has 6 sentences; at most 3 allowed (max)");
    }

    @Test
    void anyOrderIsAnAnswer() {
        // AI-Hub references are ranked, not sorted ([3, 7, 4] is valid), and a labeler's answer may be too.
        assertThat(resultProblems(SCHEMA, PARAGRAPHS, "{\"key\": [4, 0, 2]}")).isEmpty();
    }

    @Test
    void countsAgainstMinAndMax() {
        assertThat(resultProblems(SCHEMA, SENTENCES, "{\"key\": [3]}"))
                .containsExactly("result.key: has 1 sentences; at least 2 needed (min)");
        assertThat(resultProblems(SCHEMA, SENTENCES, "{}")).containsExactly("result.key: is required");
    }

    @Test
    void needsADocument() {
        assertThat(resultProblems(SCHEMA, "{\"text\": \"문장이다.\"}", "{\"key\": [0]}"))
                .containsExactly("result.key: the task has no data.sentences or data.paragraphs to pick from");
        assertThat(resultProblems(SCHEMA, "{\"paragraphs\": [\"가.\"]}", "{\"key\": [0]}"))
                .containsExactly("result.key: the task has no data.sentences or data.paragraphs to pick from");
    }

    @Test
    void checksTheDefinition() {
        assertThat(schemaProblems("{\"fields\": [{\"name\": \"k\", \"type\": \"extractive\", \"min\": -1, \"max\": 0}]}"))
                .containsExactly("schema.fields[0].min: must be 0..100000", "schema.fields[0].max: must be 1..100000");
        assertThat(schemaProblems("{\"fields\": [{\"name\": \"k\", \"type\": \"extractive\", \"min\": \"3\"}]}"))
                .containsExactly("schema.fields[0].min: must be a whole number");
        assertThat(schemaProblems(SCHEMA)).isEmpty();
    }
}
