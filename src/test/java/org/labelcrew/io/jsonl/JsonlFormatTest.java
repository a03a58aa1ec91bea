package org.labelcrew.io.jsonl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.labelcrew.io.ImportFormat;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** Plain lines are copied verbatim; everything else takes the general path. Both must mean the same data. */
class JsonlFormatTest {

    final ObjectMapper mapper = JsonMapper.builder().build();
    final JsonlFormat format = new JsonlFormat(mapper);

    List<ImportFormat.Entry> read(String text) throws Exception {
        List<ImportFormat.Entry> out = new ArrayList<>();
        try (var reader = format.open(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)))) {
            ImportFormat.Entry e;
            while ((e = reader.next()) != null) out.add(e);
        }
        return out;
    }

    JsonNode dataOf(ImportFormat.Entry e) {
        ImportFormat.Item item = (ImportFormat.Item) e;
        return item.json() != null ? mapper.readTree(item.json()) : item.data();
    }

    @Test
    void plainLinesAreCopiedVerbatimAndOthersAreRebuilt() throws Exception {
        String nfd = "\u1112\u1161\u11ab"; // 한 in NFD
        List<ImportFormat.Entry> entries = read(String.join("\n",
                "{\"text\": \"서울시 😀\", \"n\": 1.50, \"tags\": [\"a\", {\"b\": null}]}",
                "{\"text\": \"탭\\t이스케이프\"}",
                "{\"text\": \"" + nfd + "\"}",
                "{\"data\": {\"text\": \"안\"}, \"priority\": 3}",
                "{\"a\": 1} {\"b\": 2}",
                "[1, 2]")) ;
        assertThat(entries).hasSize(6);
        ImportFormat.Item plain = (ImportFormat.Item) entries.get(0);
        assertThat(plain.json()).as("taken verbatim").isNotNull();
        assertThat(dataOf(plain).get("text").asString()).isEqualTo("서울시 😀");
        assertThat(dataOf(plain).get("tags").get(1).has("b")).isTrue();

        ImportFormat.Item escaped = (ImportFormat.Item) entries.get(1);
        assertThat(escaped.json()).as("escapes go the general way").isNull();
        assertThat(escaped.data().get("text").asString()).isEqualTo("탭\t이스케이프");

        ImportFormat.Item decomposed = (ImportFormat.Item) entries.get(2);
        assertThat(decomposed.json()).isNull();
        assertThat(decomposed.data().get("text").asString()).isEqualTo("한");

        ImportFormat.Item wrapped = (ImportFormat.Item) entries.get(3);
        assertThat(wrapped.priority()).isEqualTo(3);
        assertThat(wrapped.data().get("text").asString()).isEqualTo("안");

        assertThat(entries.get(4)).isInstanceOf(ImportFormat.LineError.class);
        assertThat(((ImportFormat.LineError) entries.get(5)).message()).contains("not a JSON object");
        // Every item keeps the hash of its original line.
        assertThat(plain.sourceHash()).hasSize(64).isNotEqualTo(escaped.sourceHash());
    }
}
