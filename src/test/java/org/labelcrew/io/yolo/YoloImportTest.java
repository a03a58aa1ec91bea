package org.labelcrew.io.yolo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.awt.Color;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.labelcrew.io.Crowd;
import org.labelcrew.media.MediaSamples;
import org.labelcrew.support.Fixtures;
import org.labelcrew.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** YOLO zips (ours and hand-made ones in the Ultralytics and Darknet layouts) imported with their labels as predictions. */
@IntegrationTest
class YoloImportTest {

    static final String SCHEMA = YoloExportTest.SCHEMA;

    /** Pixel values that are not whole fractions of the image, so that the six-decimal round trip is really tested. */
    static final Map<Integer, String> RESULTS = Map.of(
            640, """
                    {"objects": [{"x": 13.3, "y": 7.7, "w": 100.1, "h": 50.5, "label": "car"},
                                 {"x": 600, "y": 400, "w": 40, "h": 80, "label": "person"}],
                     "areas": [{"points": [[0, 0], [333.3, 10.1], [320, 479.9], [1, 200]], "label": "sidewalk"}]}""",
            40, """
                    {"objects": [{"x": 1, "y": 2, "w": 3, "h": 4, "label": "person"}],
                     "areas": [{"points": [[0, 0], [40, 0], [20, 32]], "label": "road"}]}""");

    @Autowired
    Fixtures fx;

    @Autowired
    ObjectMapper mapper;

    @Test
    void ourOwnExportReimportedGivesTheSameObjectsWithinAPixel() throws Exception {
        Crowd crowd = new Crowd(fx, SCHEMA);
        JsonNode job = crowd.importFile("images-zip", MediaSamples.zip(
                "red.png", MediaSamples.image("png", 40, 32, Color.RED),
                "street/blue.jpg", MediaSamples.image("jpeg", 640, 480, Color.BLUE)));
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("DONE");
        crowd.labelAll(data -> RESULTS.get(data.get("width").asInt()));
        crowd.approveAll();

        for (String field : List.of("objects", "areas")) {
            byte[] exported = crowd.export("{\"format\": \"yolo\", \"media\": true, \"field\": \"" + field + "\"}").body();
            Crowd again = new Crowd(fx, SCHEMA);
            JsonNode imported = again.importFile("yolo", exported);
            assertThat(imported.get("status").asString()).as(imported.toString()).isEqualTo("DONE");
            assertThat(imported.get("imported").asInt()).isEqualTo(2);
            for (JsonNode t : again.tasks()) {
                JsonNode data = t.get("data");
                JsonNode want = mapper.readTree(RESULTS.get(data.get("width").asInt())).get(field);
                JsonNode got = data.path("prediction").get(field);
                assertThat(got).as(data.toString()).isNotNull();
                assertThat(data.get("prediction").size()).isEqualTo(1);
                sameWithinAPixel(got, want);
            }
        }
    }

    private static void sameWithinAPixel(JsonNode got, JsonNode want) {
        assertThat(got.size()).isEqualTo(want.size());
        for (int i = 0; i < want.size(); i++) {
            JsonNode g = got.get(i), w = want.get(i);
            assertThat(g.get("label").asString()).isEqualTo(w.get("label").asString());
            if (w.has("points")) {
                assertThat(g.get("points").size()).isEqualTo(w.get("points").size());
                for (int p = 0; p < w.get("points").size(); p++) {
                    for (int k = 0; k < 2; k++) {
                        assertThat(g.get("points").get(p).get(k).asDouble()).isCloseTo(w.get("points").get(p).get(k).asDouble(), within(1.0));
                    }
                }
            } else {
                for (String k : List.of("x", "y", "w", "h")) assertThat(g.get(k).asDouble()).isCloseTo(w.get(k).asDouble(), within(1.0));
            }
        }
    }

    @Test
    void darknetLayoutWithObjNamesAndLabelsBesideTheImages() {
        Crowd crowd = new Crowd(fx, SCHEMA);
        JsonNode job = crowd.importFile("yolo", MediaSamples.zip(
                "obj.names", "car\nperson\n".getBytes(UTF_8),
                "obj.data", "classes = 2\nnames = data/obj.names\n".getBytes(UTF_8),
                "img/a.png", MediaSamples.image("png", 100, 50, Color.RED),
                "img/a.txt", "1 0.5 0.5 0.2 0.4\n\n".getBytes(UTF_8),
                "img/b.png", MediaSamples.image("png", 100, 50, Color.GREEN)));
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("DONE");
        Map<String, JsonNode> byFile = byFile(crowd.tasks());
        assertThat(byFile.get("img/a.png").get("prediction")).isEqualTo(mapper.readTree(
                "{\"objects\": [{\"x\": 40, \"y\": 15, \"w\": 20, \"h\": 20, \"label\": \"person\"}]}"));
        assertThat(byFile.get("img/b.png").has("prediction")).isFalse();
    }

    @Test
    void ultralyticsSplitsAndADataYamlListOfNames() {
        Crowd crowd = new Crowd(fx, SCHEMA);
        JsonNode job = crowd.importFile("yolo", MediaSamples.zip(
                "data.yaml", "path: ../datasets/street  # root\ntrain: images/train\nval: images/val\nnames: ['car', \"person\"]\n".getBytes(UTF_8),
                "images/train/a.png", MediaSamples.image("png", 100, 50, Color.RED),
                "labels/train/a.txt", "0 0.5 0.5 1 1\n".getBytes(UTF_8),
                "images/val/a.png", MediaSamples.image("png", 100, 50, Color.BLUE),
                "labels/val/a.txt", "1 0.25 0.25 0.5 0.5\n".getBytes(UTF_8)));
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("DONE");
        Map<String, JsonNode> byFile = byFile(crowd.tasks());
        assertThat(byFile.get("images/train/a.png").get("prediction"))
                .isEqualTo(mapper.readTree("{\"objects\":[{\"x\":0,\"y\":0,\"w\":100,\"h\":50,\"label\":\"car\"}]}"));
        assertThat(byFile.get("images/val/a.png").get("prediction"))
                .isEqualTo(mapper.readTree("{\"objects\":[{\"x\":0,\"y\":0,\"w\":50,\"h\":25,\"label\":\"person\"}]}"));
    }

    @Test
    void dataYamlNamesAsAListABlockListOrAnIndexMap() {
        assertThat(YoloImport.yamlNames("names: [a, 'b c', \"d, e\"]\n")).containsExactly("a", "b c", "d, e");
        assertThat(YoloImport.yamlNames("nc: 2\nnames:\n  - car   # 0\n  - '사람'\ntrain: x\n")).containsExactly("car", "사람");
        assertThat(YoloImport.yamlNames("names:\n  1: person\n  0: car\n")).containsExactly("car", "person");
        assertThat(YoloImport.yamlNames("names: {0: car, 1: person}\n")).containsExactly("car", "person");
        assertThat(YoloImport.yamlNames("lr0: 0.01\n")).isNull();
    }

    @Test
    void badLabelsFailNamingTheFileAndLineAndStoreNothing() {
        Crowd crowd = new Crowd(fx, SCHEMA);
        JsonNode job = crowd.importFile("yolo", MediaSamples.zip(
                "data.yaml", "names:\n  0: car\n  1: person\n".getBytes(UTF_8),
                "images/a.png", MediaSamples.image("png", 100, 50, Color.RED),
                "labels/a.txt", "0 0.5 0.5 0.2 0.2\n7 0.5 0.5 0.2 0.2\n1 0.5 1.2 0.2 0.2\n0 0.95 0.5 0.2 0.2\n0 0.5 0.5 0.2\n"
                        .getBytes(UTF_8),
                "labels/gone.txt", "0 0.5 0.5 0.2 0.2\n".getBytes(UTF_8)));
        assertThat(job.get("status").asString()).isEqualTo("FAILED");
        String errors = job.get("errors").toString();
        assertThat(errors)
                .contains("labels/a.txt line 2: class 7 is out of range (data.yaml names 2 classes, 0–1)")
                .contains("labels/a.txt line 3: value 3 (1.2) is outside 0..1")
                .contains("labels/a.txt line 4: the box reaches outside the image")
                .contains("labels/a.txt line 5: must be \\\"class cx cy w h\\\"")
                .contains("labels/gone.txt: no image in the zip for this label file (looked for images/gone or gone");
        assertThat(errors).doesNotContain("line 1:");

        job = crowd.importFile("yolo", MediaSamples.zip(
                "a.png", MediaSamples.image("png", 100, 50, Color.RED), "a.txt", "0 0.5 0.5 0.2 0.2\n".getBytes(UTF_8)));
        assertThat(job.get("errors").toString()).contains("holds label files but no class names");

        job = crowd.importFile("yolo", MediaSamples.zip("classes.txt", "truck\n".getBytes(UTF_8),
                "a.png", MediaSamples.image("png", 100, 50, Color.RED), "a.txt", "0 0.5 0.5 0.2 0.2\n".getBytes(UTF_8)));
        assertThat(job.get("errors").toString()).contains("a.txt line 1: class 0 \\\"truck\\\" is a label of no boxes field");
        assertThat(crowd.tasks().size()).isZero();
    }

    private static Map<String, JsonNode> byFile(JsonNode tasks) {
        Map<String, JsonNode> out = new HashMap<>();
        for (JsonNode t : tasks) out.put(t.get("data").get("file").asString(), t.get("data"));
        return out;
    }
}
