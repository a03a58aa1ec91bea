package org.labelcrew.io.conll;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;
import org.labelcrew.io.Crowd;
import org.labelcrew.support.Fixtures;
import org.labelcrew.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * CoNLL import of pre-annotated NER (issue 12), and the corpus dialects back out: a KLUE fragment round-trips byte for
 * byte, a KMOU fragment keeps its columns and B_ tags.
 */
@IntegrationTest
class ConllImportTest {

    static final String SCHEMA = """
            {"fields": [{"name": "entities", "type": "spans", "labels": ["PS", "LC", "OG", "DT", "TI", "QT"]}]}""";

    @Autowired
    Fixtures fixtures;

    static byte[] resource(String name) throws IOException {
        try (InputStream in = ConllImportTest.class.getResourceAsStream("/interchange/" + name)) {
            return in.readAllBytes();
        }
    }

    /** Imports, has the labeler accept the prediction as it is, approves, exports. */
    static String roundTrip(Crowd crowd, String format, byte[] file, String exportFormat) {
        JsonNode job = crowd.importFile(format, file);
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("DONE");
        crowd.labelAll(d -> d.has("prediction") ? d.get("prediction").toString() : "{}");
        crowd.approveAll();
        return crowd.export("{\"format\": \"" + exportFormat + "\"}").text();
    }

    @Test
    void klueGoesInAsSpansOverTheRebuiltTextAndComesBackByteForByte() throws IOException {
        Crowd crowd = new Crowd(fixtures, SCHEMA);
        byte[] klue = resource("klue-ner.tsv");
        JsonNode job = crowd.importFile("conll-klue", klue);
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("DONE");
        JsonNode tasks = crowd.tasks();
        assertThat(tasks).hasSize(2);
        JsonNode second = tasks.get(1).get("data");
        assertThat(second.get("id").asString()).isEqualTo("klue-ner-v1_dev_00001-wikitree");
        assertThat(second.get("text").asString()).isEqualTo("원산 포교당에서 유대치는 2019년 3월 교원 5㎞를 걸었다.");
        JsonNode span = second.get("prediction").get("entities").get(0);
        assertThat(span.get("start").asInt()).isZero();
        assertThat(span.get("end").asInt()).isEqualTo(6);
        assertThat(span.get("label").asString()).isEqualTo("LC");

        crowd.labelAll(d -> d.get("prediction").toString());
        crowd.approveAll();
        byte[] out = crowd.export("{\"format\": \"conll-klue\"}").body();
        assertThat(new String(out, UTF_8)).isEqualTo(new String(klue, UTF_8));
        assertThat(out).isEqualTo(klue);
    }

    @Test
    void kmouMorphemesKeepTheirColumnsAndTagStyle() throws IOException {
        Crowd crowd = new Crowd(fixtures, SCHEMA);
        byte[] kmou = resource("kmou-ner.txt");
        String out = roundTrip(crowd, "conll-kmou", kmou, "conll-kmou");
        JsonNode first = crowd.tasks().get(0).get("data");
        assertThat(first.get("text").asString()).isEqualTo("김철수는 어제 서울대학교에 갔다.");
        JsonNode spans = first.get("prediction").get("entities");
        assertThat(spans).hasSize(3);
        assertThat(spans.get(2).get("start").asInt()).isEqualTo(8);
        assertThat(spans.get(2).get("end").asInt()).isEqualTo(13);
        assertThat(out).isEqualTo(new String(kmou, UTF_8));
    }

    @Test
    void characterAndEojeolLevelsBecomeSpansAndBadTagsAreNamed() {
        Crowd crowd = new Crowd(fixtures, SCHEMA);
        String eojeol = "## 7\n김철수는\tB-PS\n서울에\tB-LC\n갔다\tO\n\n";
        JsonNode job = crowd.importFile("conll-eojeol", eojeol.getBytes(UTF_8));
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("DONE");
        JsonNode data = crowd.tasks().get(0).get("data");
        assertThat(data.get("text").asString()).isEqualTo("김철수는 서울에 갔다");
        assertThat(data.get("id").asString()).isEqualTo("7");
        assertThat(data.get("prediction").get("entities").get(1).get("start").asInt()).isEqualTo(5);

        Crowd chars = new Crowd(fixtures, SCHEMA);
        JsonNode c = chars.importFile("conll", "서\tB-LC\n울\tI-LC\n시\tO\n\n부\tB-LC\n산\tX-LC\n\n".getBytes(UTF_8));
        assertThat(c.get("status").asString()).isEqualTo("FAILED");
        assertThat(c.get("errors").get(0).get("line").asLong()).isEqualTo(6);
        assertThat(c.get("errors").get(0).get("message").asString()).contains("X-LC");
    }
}
