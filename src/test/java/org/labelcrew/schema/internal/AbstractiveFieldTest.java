package org.labelcrew.schema.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.labelcrew.schema.Schemas.resultProblems;
import static org.labelcrew.schema.Schemas.schemaProblems;

import java.text.Normalizer;
import org.junit.jupiter.api.Test;

class AbstractiveFieldTest {

    static final String SCHEMA = "{\"fields\": [{\"name\": \"summary\", \"type\": \"abstractive\", \"minChars\": 5, \"maxChars\": 10}]}";
    static final String DATA = "{\"sentences\": [\"문장.\"]}";

    @Test
    void countsCodePointsOfTheNfcForm() {
        assertThat(resultProblems(SCHEMA, DATA, "{\"summary\": \"한국어 요약문\"}")).isEmpty();
        // 10 emoji code points are 20 UTF-16 units: still 10 characters
        assertThat(resultProblems(SCHEMA, DATA, "{\"summary\": \"" + "😀".repeat(10) + "\"}")).isEmpty();
        // "한국어요약" decomposed is 13 jamo, but 5 characters once composed
        String nfd = Normalizer.normalize("한국어요약", Normalizer.Form.NFD);
        assertThat(nfd.length()).isEqualTo(13);
        assertThat(resultProblems(SCHEMA, DATA, "{\"summary\": \"" + nfd + "\"}")).isEmpty();
    }

    @Test
    void saysWhichLimitIsBrokenWithTheNumbers() {
        assertThat(resultProblems(SCHEMA, DATA, "{\"summary\": \"짧다\"}"))
                .containsExactly("result.summary: has 2 characters; at least 5 needed (minChars)");
        assertThat(resultProblems(SCHEMA, DATA, "{\"summary\": \"열한 글자가 넘는 요약문\"}"))
                .containsExactly("result.summary: has 13 characters; at most 10 allowed (maxChars)");
        assertThat(resultProblems(SCHEMA, DATA, "{\"summary\": [\"요약\"]}"))
                .containsExactly("result.summary: must be a string (the summary)");
        assertThat(resultProblems(SCHEMA, DATA, "{\"summary\": \"  \"}")).containsExactly("result.summary: is required");
    }

    @Test
    void checksTheDefinition() {
        assertThat(schemaProblems("{\"fields\": [{\"name\": \"s\", \"type\": \"abstractive\", \"minChars\": 50, \"maxChars\": 30}]}"))
                .containsExactly("schema.fields[0].minChars: is more than maxChars");
        assertThat(schemaProblems("{\"fields\": [{\"name\": \"s\", \"type\": \"abstractive\", \"maxChars\": 1000000}]}"))
                .containsExactly("schema.fields[0].maxChars: must be 1..20000");
    }
}
