package org.labelcrew.schema.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.labelcrew.schema.Schemas.resultProblems;
import static org.labelcrew.schema.Schemas.schemaProblems;

import org.junit.jupiter.api.Test;

class RelationsFieldTest {

    static final String SCHEMA = """
            {"fields": [{"name": "entities", "type": "spans", "labels": ["PER", "ORG"]},
                        {"name": "links", "type": "relations", "labels": ["소속", "동료"], "between": "entities"}]}""";
    static final String DATA = "{\"text\": \"김철수는 삼성전자에 다닌다\"}";
    static final String SPANS = """
            "entities": [{"id": "p", "start": 0, "end": 3, "label": "PER"}, {"id": 7, "start": 5, "end": 9, "label": "ORG"}]""";

    @Test
    void linksExistingSpans() {
        assertThat(resultProblems(SCHEMA, DATA, "{" + SPANS + ", \"links\": [{\"from\": \"p\", \"to\": 7, \"label\": \"소속\"},"
                + " {\"from\": 7, \"to\": \"p\", \"label\": \"소속\"}, {\"from\": \"p\", \"to\": 7, \"label\": \"동료\"}]}")).isEmpty();
    }

    @Test
    void namesUnknownSpansSelfLinksDuplicatesAndBadLabels() {
        assertThat(resultProblems(SCHEMA, DATA, "{" + SPANS + ", \"links\": ["
                + "{\"from\": \"p\", \"to\": \"7\", \"label\": \"소속\"},"
                + "{\"from\": \"p\", \"to\": \"p\", \"label\": \"소속\"},"
                + "{\"from\": \"p\", \"to\": 7, \"label\": \"소속\"},"
                + "{\"from\": \"p\", \"to\": 7, \"label\": \"소속\"},"
                + "{\"from\": null, \"to\": 7, \"label\": \"가족\"}]}")).containsExactly(
                "result.links[0].to: there is no span with id \"7\" in entities",
                "result.links[1].to: a span cannot be linked to itself",
                "result.links[3]: the same relation (\"p\" → 7, 소속) is given twice",
                "result.links[4].from: must be the id of a span in entities",
                "result.links[4].label: '가족' is not one of [소속, 동료]");
    }

    @Test
    void relationsWithoutSpansPointNowhere() {
        assertThat(resultProblems(SCHEMA, DATA, "{\"links\": [{\"from\": 1, \"to\": 2, \"label\": \"소속\"}]}")).containsExactly(
                "result.links[0].from: there is no span with id 1 in entities",
                "result.links[0].to: there is no span with id 2 in entities");
    }

    @Test
    void betweenMustNameASpansField() {
        assertThat(schemaProblems("""
                {"fields": [{"name": "topic", "type": "choice", "options": ["a"]},
                            {"name": "r1", "type": "relations", "labels": ["x"], "between": "topic"},
                            {"name": "r2", "type": "relations", "labels": ["x"], "between": "nothing"},
                            {"name": "r3", "type": "relations", "labels": ["x"]}]}""")).containsExactly(
                "schema.fields[3].between: must name the spans field whose spans are linked",
                "schema.fields[1].between: 'topic' is not a spans field (it is choice)",
                "schema.fields[2].between: there is no field named 'nothing'");
        assertThat(schemaProblems(SCHEMA)).isEmpty();
    }
}
