package org.labelcrew.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** The typed reading of a schema document that io and scoring use instead of walking its JSON. */
class LabelSchemaTest {

    static final ObjectMapper M = new ObjectMapper();

    static JsonNode j(String json) {
        return M.readTree(json);
    }

    static final LabelSchema ALL = LabelSchema.of(j("""
            {"fields": [
              {"name": "topic", "type": "choice", "options": ["a", "b"], "multiple": true},
              {"name": "note", "type": "text"},
              {"name": "entities", "type": "spans", "labels": ["PER", {"value": "ORG"}], "source": "body"},
              {"name": "links", "type": "relations", "labels": ["소속"], "between": "entities"},
              {"name": "picked", "type": "extractive"},
              {"name": "summary", "type": "abstractive"},
              {"name": "regions", "type": "boxes"},
              {"name": "video", "type": "tracks"}
            ]}"""));

    @Test
    void everyFieldIsReadAsItsTypeInSchemaOrder() {
        assertThat(ALL.fields()).extracting(Field::name)
                .containsExactly("topic", "note", "entities", "links", "picked", "summary", "regions", "video");
        assertThat(ALL.fields()).extracting(Field::type)
                .containsExactly("choice", "text", "spans", "relations", "extractive", "abstractive", "boxes", "tracks");
        assertThat(ALL.fields().get(0)).isInstanceOfSatisfying(Field.Choice.class, c -> assertThat(c.multiple()).isTrue());
        assertThat(ALL.fields().get(6)).isInstanceOfSatisfying(Field.Boxes.class, b -> {
            assertThat(b.source()).isEqualTo("image");
            assertThat(b.iouThreshold()).isEqualTo(0.5);
        });
        assertThat(ALL.fields().get(7)).isInstanceOf(Field.Other.class);
        assertThat(ALL.field("links")).get().isInstanceOfSatisfying(Field.Relations.class, r -> {
            assertThat(r.between()).isEqualTo("entities");
            assertThat(r.labels()).containsExactly("소속");
        });
    }

    @Test
    void aSpansFieldNamesTheTextItPointsInto() {
        Field.Spans spans = ALL.first(Field.Spans.class).orElseThrow();
        assertThat(spans.source()).isEqualTo("body");
        assertThat(spans.labels()).containsExactly("PER", "ORG");
        assertThat(spans.text(j("{\"body\": \"김철수\", \"text\": \"other\"}"))).isEqualTo("김철수");
        assertThat(spans.text(j("{\"body\": 3}"))).isNull();
        assertThat(spans.text(null)).isNull();
        Field.Spans plain = LabelSchema.of(j("{\"fields\": [{\"name\": \"e\", \"type\": \"spans\"}]}"))
                .first(Field.Spans.class).orElseThrow();
        assertThat(plain.source()).isEqualTo("text");
    }

    @Test
    void theSentencesOfADocumentAreItsSentencesOrItsParagraphsFlattened() {
        assertThat(Field.Extractive.sentences(j("{\"sentences\": [\"하나.\", \"둘.\"]}"))).contains(List.of("하나.", "둘."));
        assertThat(Field.Extractive.sentences(j("{\"paragraphs\": [[\"a\", \"b\"], [], [\"c\"]]}")))
                .contains(List.of("a", "b", "c"));
        assertThat(Field.Extractive.sentences(j("{\"paragraphs\": [[\"a\"], \"b\"]}"))).isEmpty();
        assertThat(Field.Extractive.sentences(j("{\"text\": \"a. b.\"}"))).isEmpty();
        assertThat(Field.Extractive.sentences(null)).isEmpty();
    }

    @Test
    void aConvertedValueGoesToTheNamedFieldOfItsTypeElseToTheOnlyOne() {
        assertThat(ALL.match("entities", Field.Spans.class)).get().extracting(Field::name).isEqualTo("entities");
        assertThat(ALL.match("label", Field.Spans.class)).get().extracting(Field::name).isEqualTo("entities");
        assertThat(ALL.match("note", Field.Abstractive.class, Field.Text.class)).get().extracting(Field::name).isEqualTo("note");
        assertThat(ALL.match("other", Field.Abstractive.class, Field.Text.class)).isEmpty(); // two candidates
        assertThat(ALL.match("topic", Field.Spans.class)).get().extracting(Field::name).isEqualTo("entities");
    }

    @Test
    void readingNeverThrows() {
        assertThat(LabelSchema.of(null).fields()).isEmpty();
        assertThat(LabelSchema.of(j("{}")).fields()).isEmpty();
        LabelSchema odd = LabelSchema.of(j("{\"fields\": [3, {\"type\": \"text\"}, {\"name\": \"x\"}]}"));
        assertThat(odd.fields()).hasSize(2);
        assertThat(odd.fields().get(0)).isInstanceOf(Field.Text.class).extracting(Field::name).isEqualTo("");
        assertThat(odd.fields().get(1)).isInstanceOf(Field.Other.class).extracting(Field::type).isEqualTo("");
        assertThat(odd.field(null)).isEmpty();
    }

    @Test
    void aFieldReadsItsValueFromAResult() {
        Field note = ALL.field("note").orElseThrow();
        assertThat(note.value(j("{\"note\": \"hi\"}")).asString()).isEqualTo("hi");
        assertThat(note.value(j("{}"))).isNull();
        assertThat(note.value(null)).isNull();
    }
}
