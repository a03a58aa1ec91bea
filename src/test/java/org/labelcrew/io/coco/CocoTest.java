package org.labelcrew.io.coco;

import static org.assertj.core.api.Assertions.assertThat;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.awt.Color;
import org.junit.jupiter.api.Test;
import org.labelcrew.io.Crowd;
import org.labelcrew.media.MediaSamples;
import org.labelcrew.support.Fixtures;
import org.labelcrew.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

@IntegrationTest
class CocoTest {

    static final String SCHEMA = """
            {"fields": [
              {"name": "objects", "type": "boxes", "labels": ["car", "person"],
               "attributes": [{"name": "occluded", "type": "boolean"}]},
              {"name": "areas", "type": "polygons", "labels": ["road", "car"]},
              {"name": "pose", "type": "keypoints", "labels": ["head", "left_hand", "right_hand"],
               "skeleton": [["head", "left_hand"], ["head", "right_hand"]]}
            ]}""";

    /** Per image: a car box, a person box, a road triangle, a head and a left hand (one pose instance). */
    static final String RESULT = """
            {"objects": [{"x": 10, "y": 20, "w": 30, "h": 40, "label": "car", "attributes": {"occluded": true}},
                         {"x": 0, "y": 0, "w": 5.5, "h": 2, "label": "person"}],
             "areas": [{"points": [[0, 0], [40, 0], [0, 30]], "label": "road"}],
             "pose": [{"x": 50, "y": 10, "label": "head"}, {"x": 40, "y": 30, "label": "left_hand"}]}""";

    @Autowired
    Fixtures fixtures;

    @Autowired
    ObjectMapper mapper;

    Crowd labelled() {
        Crowd crowd = new Crowd(fixtures, SCHEMA);
        byte[] zip = MediaSamples.zip(
                "street/a.png", MediaSamples.image("png", 100, 80, Color.RED),
                "street/b.png", MediaSamples.image("png", 100, 80, Color.BLUE));
        assertThat(crowd.importFile("images-zip", zip).get("status").asString()).isEqualTo("DONE");
        crowd.labelAll(data -> RESULT);
        crowd.approveAll();
        return crowd;
    }

    @Test
    void exportWritesImagesCategoriesAndAnnotationsWithTheirNumbers() {
        Crowd crowd = labelled();
        var file = crowd.export("{\"format\": \"coco\"}");
        assertThat(file.contentType()).startsWith("application/json");
        JsonNode coco = mapper.readTree(file.text());

        JsonNode cats = coco.get("categories");
        assertThat(cats.size()).isEqualTo(4); // car, person, road (car shared), pose
        assertThat(cats.get(0).get("id").asInt()).isEqualTo(1);
        assertThat(cats.get(0).get("name").asString()).isEqualTo("car");
        assertThat(cats.get(0).get("supercategory").asString()).isEqualTo("objects");
        assertThat(cats.get(2).get("name").asString()).isEqualTo("road");
        JsonNode pose = cats.get(3);
        assertThat(pose.get("name").asString()).isEqualTo("pose");
        assertThat(pose.get("keypoints").toString()).isEqualTo("[\"head\",\"left_hand\",\"right_hand\"]");
        assertThat(pose.get("skeleton").toString()).isEqualTo("[[1,2],[1,3]]");

        JsonNode images = coco.get("images");
        assertThat(images.size()).isEqualTo(2);
        assertThat(images.get(0).get("file_name").asString()).isEqualTo("street/a.png");
        assertThat(images.get(0).get("width").asInt()).isEqualTo(100);
        assertThat(images.get(0).get("height").asInt()).isEqualTo(80);

        JsonNode anns = coco.get("annotations");
        assertThat(anns.size()).isEqualTo(8); // 4 per image
        long firstImage = images.get(0).get("id").asLong();
        JsonNode car = anns.get(0);
        assertThat(car.get("id").asLong()).isEqualTo(1);
        assertThat(car.get("image_id").asLong()).isEqualTo(firstImage);
        assertThat(car.get("category_id").asInt()).isEqualTo(1);
        assertThat(car.get("bbox").toString()).isEqualTo("[10,20,30,40]");
        assertThat(car.get("area").asDouble()).isEqualTo(1200);
        assertThat(car.get("iscrowd").asInt()).isZero();
        assertThat(car.get("segmentation").isEmpty()).isTrue();
        assertThat(car.get("attributes").get("occluded").asBoolean()).isTrue();
        assertThat(anns.get(1).get("bbox").toString()).isEqualTo("[0,0,5.5,2]");
        assertThat(anns.get(1).get("area").asDouble()).isEqualTo(11);
        JsonNode road = anns.get(2);
        assertThat(road.get("category_id").asInt()).isEqualTo(3);
        assertThat(road.get("segmentation").toString()).isEqualTo("[[0,0,40,0,0,30]]");
        assertThat(road.get("bbox").toString()).isEqualTo("[0,0,40,30]");
        assertThat(road.get("area").asDouble()).isEqualTo(600);
        JsonNode person = anns.get(3);
        assertThat(person.get("category_id").asInt()).isEqualTo(4);
        assertThat(person.get("keypoints").toString()).isEqualTo("[50,10,2,40,30,2,0,0,0]");
        assertThat(person.get("num_keypoints").asInt()).isEqualTo(2);
        assertThat(person.get("bbox").toString()).isEqualTo("[40,10,10,20]");
        assertThat(anns.get(4).get("image_id").asLong()).isEqualTo(images.get(1).get("id").asLong());
        assertThat(anns.get(7).get("id").asLong()).isEqualTo(8);
    }

    static byte[] imageA() {
        return MediaSamples.image("png", 100, 80, Color.RED);
    }

    /** COCO ids say nothing outside their file: images compared by file name, annotations by what they point at. */
    static JsonNode withoutImageIds(JsonNode coco) {
        ObjectNode copy = (ObjectNode) coco.deepCopy();
        java.util.Map<Long, String> files = new java.util.HashMap<>();
        for (JsonNode img : copy.get("images")) {
            files.put(img.get("id").asLong(), img.get("file_name").asString());
            ((ObjectNode) img).remove("id");
        }
        for (JsonNode a : copy.get("annotations")) ((ObjectNode) a).put("image_id", files.get(a.get("image_id").asLong()));
        return copy;
    }

    @Test
    void importTakesTheAnnotationsAsPredictionsAndRoundTrips() {
        JsonNode first = mapper.readTree(labelled().export("{\"format\": \"coco\"}").text());

        Crowd again = new Crowd(fixtures, SCHEMA);
        byte[] zip = MediaSamples.zip(
                "street/a.png", imageA(),
                "street/b.png", MediaSamples.image("png", 100, 80, Color.BLUE),
                "annotations.json", mapper.writeValueAsBytes(first));
        JsonNode job = again.importFile("coco", zip);
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("DONE");
        assertThat(job.get("imported").asInt()).isEqualTo(2);
        JsonNode tasks = again.tasks();
        assertThat(tasks.size()).isEqualTo(2);
        for (JsonNode t : tasks) {
            JsonNode data = t.get("data");
            assertThat(data.get("width").asInt()).isEqualTo(100);
            assertThat(data.get("prediction")).as(data.toString()).isEqualTo(mapper.readTree(RESULT));
        }

        again.labelAll(data -> data.get("prediction").toString());
        again.approveAll();
        JsonNode second = mapper.readTree(again.export("{\"format\": \"coco\"}").text());
        assertThat(withoutImageIds(second)).isEqualTo(withoutImageIds(first));
    }

    static final String CATEGORIES = "[{\"id\": 1, \"name\": \"car\"}, {\"id\": 9, \"name\": \"truck\"}]";

    @Test
    void badCocoFilesFailNamingTheEntryAndStoreNothing() {
        Crowd crowd = new Crowd(fixtures, SCHEMA);
        String unknownImage = "{\"images\": [{\"id\": 1, \"file_name\": \"a.png\"}, {\"id\": 2, \"file_name\": \"gone.png\"}],"
                + " \"annotations\": [], \"categories\": " + CATEGORIES + "}";
        JsonNode job = crowd.importFile("coco", MediaSamples.zip("a.png", imageA(), "coco.json", unknownImage.getBytes(UTF_8)));
        assertThat(job.get("status").asString()).isEqualTo("FAILED");
        assertThat(job.get("errors").toString()).contains("coco.json: images[1] (id 2): \\\"gone.png\\\" is not an image file in the zip");

        String badAnnotations = "{\"images\": [{\"id\": 1, \"file_name\": \"a.png\"}], \"categories\": " + CATEGORIES + ","
                + " \"annotations\": ["
                + "{\"id\": 5, \"image_id\": 1, \"category_id\": 9, \"bbox\": [1, 1, 2, 2], \"segmentation\": []},"
                + "{\"id\": 6, \"image_id\": 1, \"category_id\": 1, \"bbox\": [90, 10, 30, 40], \"segmentation\": []},"
                + "{\"id\": 7, \"image_id\": 3, \"category_id\": 1, \"bbox\": [1, 1, 2, 2]},"
                + "{\"id\": 8, \"image_id\": 1, \"category_id\": 4, \"bbox\": [1, 1, 2, 2]}]}";
        job = crowd.importFile("coco", MediaSamples.zip("a.png", imageA(), "coco.json", badAnnotations.getBytes(UTF_8)));
        assertThat(job.get("status").asString()).isEqualTo("FAILED");
        String errors = job.get("errors").toString();
        assertThat(errors)
                .contains("coco.json: annotations[0] (id 5), image \\\"a.png\\\": category \\\"truck\\\" is a label of no boxes field of the project's schema")
                .contains("coco.json: annotations[1] (id 6), image \\\"a.png\\\": bbox [90,10,30,40] goes outside the image (100 × 80 pixels)")
                .contains("coco.json: annotations[2] (id 7): image_id 3 is none of the file's images")
                .contains("coco.json: annotations[3] (id 8): category_id 4 is none of the file's categories");

        job = crowd.importFile("coco", MediaSamples.zip("a.png", imageA()));
        assertThat(job.get("errors").toString()).contains("holds no COCO file");
        assertThat(crowd.tasks().size()).isZero();
    }

    @Test
    void aFileNameInNfdFromMacosMatchesItsNfcCocoEntry() {
        Crowd crowd = new Crowd(fixtures, SCHEMA);
        String nfd = java.text.Normalizer.normalize("거리/사진.png", java.text.Normalizer.Form.NFD);
        String coco = "{\"images\": [{\"id\": 1, \"file_name\": \"거리/사진.png\"}], \"categories\": " + CATEGORIES + ","
                + " \"annotations\": [{\"id\": 1, \"image_id\": 1, \"category_id\": 1, \"bbox\": [1, 2, 3, 4], \"segmentation\": []}]}";
        JsonNode job = crowd.importFile("coco", MediaSamples.zip(nfd, imageA(), "coco.json", coco.getBytes(UTF_8)));
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("DONE");
        assertThat(crowd.tasks().get(0).get("data").get("prediction"))
                .isEqualTo(mapper.readTree("{\"objects\": [{\"x\": 1, \"y\": 2, \"w\": 3, \"h\": 4, \"label\": \"car\"}]}"));
    }

    @Test
    void exportNeedsAnImageField() {
        Crowd crowd = new Crowd(fixtures, "{\"fields\": [{\"name\": \"topic\", \"type\": \"choice\", \"options\": [\"a\", \"b\"]}]}");
        var r = crowd.manager.api().post("/api/v1/projects/" + crowd.projectId + "/exports", "{\"format\": \"coco\"}");
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.text()).contains("coco needs a boxes, polygons or keypoints field");
    }
}
