package org.labelcrew.io.yolo;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.labelcrew.io.Crowd;
import org.labelcrew.media.MediaSamples;
import org.labelcrew.support.Fixtures;
import org.labelcrew.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Images imported, boxes and polygons drawn and approved, exported as a YOLO zip: the numbers checked line by line. */
@IntegrationTest
class YoloExportTest {

    static final String SCHEMA = """
            {"fields": [{"name": "objects", "type": "boxes", "labels": ["car", "person"]},
                        {"name": "areas", "type": "polygons", "labels": ["road", "sidewalk"]}]}""";

    @Autowired
    Fixtures fx;

    @Test
    void boxesAndPolygonsBecomeNormalisedLabelFilesBesideTheirImages() throws IOException {
        Crowd crowd = new Crowd(fx, SCHEMA);
        byte[] red = MediaSamples.image("png", 40, 32, Color.RED);
        byte[] blue = MediaSamples.image("jpeg", 640, 480, Color.BLUE);
        JsonNode job = crowd.importFile("images-zip", MediaSamples.zip("red.png", red, "street/blue.jpg", blue));
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("DONE");
        crowd.labelAll(data -> {
            int w = data.get("width").asInt(), h = data.get("height").asInt();
            String boxes = "{\"x\": " + w / 4 + ", \"y\": " + h / 4 + ", \"w\": " + w / 2 + ", \"h\": " + h / 2 + ", \"label\": \"car\"}";
            if (w == 640) boxes += ", {\"x\": 0, \"y\": 0, \"w\": 64, \"h\": 48, \"label\": \"person\"}";
            return "{\"objects\": [" + boxes + "], \"areas\": [{\"points\": [[0, 0], [" + w + ", 0], [" + w / 2 + ", " + h
                    + "]], \"label\": \"sidewalk\"}]}";
        });
        crowd.approveAll();

        Map<String, byte[]> detection = unzip(crowd.export("{\"format\": \"yolo\", \"media\": true}").body());
        assertThat(detection.keySet()).containsExactlyInAnyOrder("labels/red.txt", "images/red.png",
                "labels/street/blue.txt", "images/street/blue.jpg", "data.yaml");
        assertThat(text(detection, "labels/red.txt")).isEqualTo("0 0.5 0.5 0.5 0.5\n");
        assertThat(text(detection, "labels/street/blue.txt")).isEqualTo("0 0.5 0.5 0.5 0.5\n1 0.05 0.05 0.1 0.1\n");
        assertThat(detection.get("images/red.png")).isEqualTo(red);
        assertThat(detection.get("images/street/blue.jpg")).isEqualTo(blue);
        assertThat(text(detection, "data.yaml")).contains("train: images\n").contains("nc: 2\n")
                .contains("names:\n  0: 'car'\n  1: 'person'\n");

        Map<String, byte[]> segmentation = unzip(crowd.export("{\"format\": \"yolo\", \"field\": \"areas\"}").body());
        assertThat(segmentation.keySet()).containsExactlyInAnyOrder("labels/red.txt", "labels/street/blue.txt", "data.yaml");
        assertThat(text(segmentation, "labels/red.txt")).isEqualTo("1 0 0 1 0 0.5 1\n");
        assertThat(text(segmentation, "data.yaml")).contains("segmentation").contains("0: 'road'\n  1: 'sidewalk'\n");
    }

    @Test
    void refusesAProjectWithoutBoxesOrPolygonsAndAFieldOfAnotherType() {
        Crowd text = new Crowd(fx, "{\"fields\": [{\"name\": \"sentiment\", \"type\": \"choice\", \"options\": [\"a\", \"b\"]}]}");
        var r = text.manager.api().post("/api/v1/projects/" + text.projectId + "/exports", "{\"format\": \"yolo\"}");
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.text()).contains("boxes or polygons");
        Crowd images = new Crowd(fx, SCHEMA);
        var wrong = images.manager.api().post("/api/v1/projects/" + images.projectId + "/exports",
                "{\"format\": \"yolo\", \"field\": \"nope\"}");
        assertThat(wrong.status()).isEqualTo(422);
        assertThat(wrong.text()).contains("field").contains("'nope' is not a boxes or polygons field");
    }

    static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) entries.put(e.getName(), in.readAllBytes());
        }
        return entries;
    }

    static String text(Map<String, byte[]> entries, String name) {
        return new String(entries.get(name), StandardCharsets.UTF_8);
    }
}
