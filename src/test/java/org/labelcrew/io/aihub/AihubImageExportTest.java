package org.labelcrew.io.aihub;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.labelcrew.io.Crowd;
import org.labelcrew.media.MediaSamples;
import org.labelcrew.support.Fixtures;
import org.labelcrew.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Boxes, polygons and key points with attributes, approved, exported as AI-Hub image documents: every shape checked. */
@IntegrationTest
class AihubImageExportTest {

    static final String SCHEMA = """
            {"fields": [{"name": "objects", "type": "boxes", "labels": ["car"],
                         "attributes": [{"name": "occluded", "type": "boolean"}]},
                        {"name": "areas", "type": "polygons", "labels": ["road"]},
                        {"name": "joints", "type": "keypoints", "labels": ["head", "hand"]}]}""";

    @Autowired
    Fixtures fx;

    @Autowired
    ObjectMapper mapper;

    @Test
    void oneDocumentPerImageWithEveryShape() {
        Crowd crowd = new Crowd(fx, SCHEMA);
        byte[] blue = MediaSamples.image("jpeg", 640, 480, Color.BLUE);
        JsonNode job = crowd.importFile("images-zip", MediaSamples.zip("street/blue.jpg", blue, "manifest.jsonl",
                "{\"file\": \"street/blue.jpg\", \"site\": \"서울\"}\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("DONE");
        crowd.labelAll(data -> """
                {"objects": [{"x": 10, "y": 20, "w": 100, "h": 50.5, "label": "car", "attributes": {"occluded": true}}],
                 "areas": [{"points": [[0, 0], [640, 0], [320, 480]], "label": "road"}],
                 "joints": [{"x": 5, "y": 6, "label": "head"}]}""");
        crowd.approveAll();

        JsonNode docs = mapper.readTree(crowd.export("{\"format\": \"aihub-image\"}").body()).get("documents");
        assertThat(docs).hasSize(1);
        JsonNode doc = docs.get(0);
        assertThat(doc.get("image").get("file_name").asString()).isEqualTo("blue.jpg");
        assertThat(doc.get("image").get("path").asString()).isEqualTo("street/blue.jpg");
        assertThat(doc.get("image").get("width").asInt()).isEqualTo(640);
        assertThat(doc.get("image").get("height").asInt()).isEqualTo(480);
        assertThat(doc.get("image").get("meta").get("site").asString()).isEqualTo("서울");
        JsonNode a = doc.get("annotations");
        assertThat(a).hasSize(3);
        assertThat(a.get(0).toString()).isEqualTo("""
                {"id":1,"field":"objects","class":"car","shape_type":"bbox","points":[[10,20],[110,70.5]],"attributes":{"occluded":true}}""");
        assertThat(a.get(1).toString()).isEqualTo("""
                {"id":2,"field":"areas","class":"road","shape_type":"polygon","points":[[0,0],[640,0],[320,480]],"attributes":{}}""");
        assertThat(a.get(2).toString()).isEqualTo("""
                {"id":3,"field":"joints","class":"head","shape_type":"point","points":[[5,6]],"attributes":{}}""");
    }

    @Test
    void refusesAProjectWithoutImageFields() {
        Crowd text = new Crowd(fx, "{\"fields\": [{\"name\": \"topic\", \"type\": \"choice\", \"options\": [\"a\", \"b\"]}]}");
        var r = text.manager.api().post("/api/v1/projects/" + text.projectId + "/exports", "{\"format\": \"aihub-image\"}");
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.text()).contains("needs a boxes, polygons or keypoints field");
    }
}
