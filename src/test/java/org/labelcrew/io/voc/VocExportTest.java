package org.labelcrew.io.voc;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.labelcrew.io.Crowd;
import org.labelcrew.media.MediaSamples;
import org.labelcrew.support.Fixtures;
import org.labelcrew.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import tools.jackson.databind.JsonNode;

/** Boxes with attributes drawn on imported images, approved, exported as Pascal VOC: every number read back from the XML. */
@IntegrationTest
class VocExportTest {

    static final String SCHEMA = """
            {"fields": [{"name": "objects", "type": "boxes", "labels": ["car", "신호등"],
              "attributes": [{"name": "occluded", "type": "boolean"}, {"name": "light", "type": "choice", "values": ["red", "green"]}]}]}""";

    @Autowired
    Fixtures fx;

    @Test
    void anXmlPerImageWithItsBoxesInPixelsAndTheImagesWhenAsked() throws Exception {
        Crowd crowd = new Crowd(fx, SCHEMA);
        byte[] blue = MediaSamples.image("jpeg", 640, 480, Color.BLUE);
        byte[] red = MediaSamples.image("png", 40, 32, Color.RED);
        JsonNode job = crowd.importFile("images-zip", MediaSamples.zip("street/blue.jpg", blue, "red.png", red));
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("DONE");
        crowd.labelAll(data -> data.get("width").asInt() == 640
                ? "{\"objects\": [{\"x\": 10, \"y\": 20, \"w\": 100.5, \"h\": 50, \"label\": \"car\", \"attributes\": {\"occluded\": true}},"
                        + " {\"x\": 300, \"y\": 100, \"w\": 20, \"h\": 60, \"label\": \"신호등\", \"attributes\": {\"light\": \"red\"}}]}"
                : "{\"objects\": []}");
        crowd.approveAll();

        Map<String, byte[]> zip = unzip(crowd.export("{\"format\": \"voc\", \"media\": true}").body());
        assertThat(zip.keySet()).containsExactlyInAnyOrder("Annotations/street/blue.xml", "JPEGImages/street/blue.jpg",
                "Annotations/red.xml", "JPEGImages/red.png");
        assertThat(zip.get("JPEGImages/street/blue.jpg")).isEqualTo(blue);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(zip.get("Annotations/street/blue.xml")));
        assertThat(text(doc.getDocumentElement(), "filename")).isEqualTo("blue.jpg");
        assertThat(text(doc.getDocumentElement(), "width")).isEqualTo("640");
        assertThat(text(doc.getDocumentElement(), "height")).isEqualTo("480");
        var objects = doc.getElementsByTagName("object");
        assertThat(objects.getLength()).isEqualTo(2);
        Element car = (Element) objects.item(0);
        assertThat(text(car, "name")).isEqualTo("car");
        assertThat(text(car, "occluded")).isEqualTo("1");
        assertThat(text(car, "xmin") + " " + text(car, "ymin") + " " + text(car, "xmax") + " " + text(car, "ymax"))
                .isEqualTo("10 20 110.5 70");
        Element light = (Element) objects.item(1);
        assertThat(text(light, "name")).isEqualTo("신호등");
        assertThat(text(light, "xmin") + " " + text(light, "ymin") + " " + text(light, "xmax") + " " + text(light, "ymax"))
                .isEqualTo("300 100 320 160");
        assertThat(text(light, "value")).isEqualTo("red");
        Document empty = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(zip.get("Annotations/red.xml")));
        assertThat(empty.getElementsByTagName("object").getLength()).isZero();
        assertThat(text(empty.getDocumentElement(), "width")).isEqualTo("40");

        Map<String, byte[]> split = unzip(crowd.export(
                "{\"format\": \"voc\", \"split\": {\"train\": 1, \"validation\": 0, \"test\": 0, \"seed\": 1}}").body());
        assertThat(split.keySet()).containsExactlyInAnyOrder("Annotations/street/blue.xml", "Annotations/red.xml",
                "ImageSets/Main/train.txt");
        assertThat(new String(split.get("ImageSets/Main/train.txt"), StandardCharsets.UTF_8).lines())
                .containsExactlyInAnyOrder("street/blue", "red");
    }

    static String text(Element e, String tag) {
        return e.getElementsByTagName(tag).item(0).getTextContent();
    }

    static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) entries.put(e.getName(), in.readAllBytes());
        }
        return entries;
    }
}
