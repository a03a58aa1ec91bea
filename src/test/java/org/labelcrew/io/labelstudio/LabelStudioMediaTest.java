package org.labelcrew.io.labelstudio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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

/**
 * Label Studio image and audio tasks (the shapes an LS export writes: percent regions with original_width/height,
 * per-region transcripts) imported from a zip with their media, labelled, and exported back to LS.
 */
@IntegrationTest
class LabelStudioMediaTest {

    static final String IMAGE_SCHEMA = """
            {"fields": [{"name": "objects", "type": "boxes", "labels": ["car", "person"]},
                        {"name": "areas", "type": "polygons", "labels": ["road"]},
                        {"name": "pose", "type": "keypoints", "labels": ["head", "hand"]},
                        {"name": "weather", "type": "choice", "options": ["sunny", "rainy"]}]}""";

    /** An LS export of one image task (200 × 100 px): a box, a polygon, a key point and a choice, and a prediction. */
    static final String IMAGE_TASKS = """
            [{"id": 41, "data": {"image": "/data/upload/3/8f2c1a9e-street.png", "site": "서울"},
              "annotations": [{"id": 7, "completed_by": 2, "was_cancelled": false, "lead_time": 12.5,
                "result": [
                  {"id": "Dx_aB91ISN", "from_name": "label", "to_name": "image", "type": "rectanglelabels",
                   "original_width": 200, "original_height": 100, "image_rotation": 0, "origin": "manual",
                   "value": {"x": 5, "y": 20, "width": 12.5, "height": 30, "rotation": 0, "rectanglelabels": ["car"]}},
                  {"id": "poly1", "from_name": "areas", "to_name": "image", "type": "polygonlabels",
                   "original_width": 200, "original_height": 100,
                   "value": {"points": [[0, 0], [50, 0], [25, 99.5]], "closed": true, "polygonlabels": ["road"]}},
                  {"id": "kp1", "from_name": "pose", "to_name": "image", "type": "keypointlabels",
                   "original_width": 200, "original_height": 100,
                   "value": {"x": 50, "y": 50, "width": 0.6, "keypointlabels": ["head"]}},
                  {"id": "ch", "from_name": "weather", "to_name": "image", "type": "choices", "value": {"choices": ["rainy"]}}]}],
              "predictions": [{"model_version": "yolo-v8", "score": 0.91, "result": []}]}]""";

    static final String PREDICTION = """
            {"objects": [{"x": 10, "y": 20, "w": 25, "h": 30, "label": "car"}],
             "areas": [{"points": [[0, 0], [100, 0], [50, 99.5]], "label": "road"}],
             "pose": [{"x": 100, "y": 50, "label": "head"}],
             "weather": "rainy"}""";

    @Autowired
    Fixtures fx;

    @Autowired
    ObjectMapper mapper;

    @Test
    void imageTasksFromAZipBecomePredictionsAndGoBackToLabelStudioInPercent() {
        Crowd crowd = new Crowd(fx, IMAGE_SCHEMA);
        JsonNode job = crowd.importFile("labelstudio", MediaSamples.zip(
                "project-3-at-2026-11-30.json", IMAGE_TASKS.getBytes(UTF_8),
                "images/street.png", MediaSamples.image("png", 200, 100, Color.GRAY)));
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("DONE");
        JsonNode data = crowd.tasks().get(0).get("data");
        assertThat(data.get("image").isNumber()).isTrue();
        assertThat(data.get("width").asInt()).isEqualTo(200);
        assertThat(data.get("site").asString()).isEqualTo("서울");
        assertThat(data.get("prediction")).isEqualTo(mapper.readTree(PREDICTION));
        JsonNode envelope = data.get("meta").get("labelstudio");
        assertThat(envelope.get("id").asInt()).isEqualTo(41);
        assertThat(envelope.get("annotations").get(0).get("completed_by").asInt()).isEqualTo(2);
        assertThat(envelope.get("predictions").get(0).get("model_version").asString()).isEqualTo("yolo-v8");

        crowd.labelAll(d -> d.get("prediction").toString());
        crowd.approveAll();
        JsonNode exported = mapper.readTree(crowd.export("{\"format\": \"labelstudio\"}").text());
        JsonNode task = exported.get(0);
        assertThat(task.get("id").asInt()).isEqualTo(41);
        assertThat(task.get("data").get("image").asString()).isEqualTo("/data/upload/3/8f2c1a9e-street.png");
        assertThat(task.get("predictions").get(0).get("score").asDouble()).isEqualTo(0.91);
        JsonNode annotations = task.get("annotations");
        assertThat(annotations.size()).isEqualTo(2); // the imported one, kept raw, and ours
        JsonNode original = annotations.get(0).get("result");
        JsonNode ours = annotations.get(1).get("result");
        // LS → LabelCrew → LS keeps every region: same types, labels and percent coordinates.
        JsonNode box = region(ours, "rectanglelabels");
        assertThat(box.get("original_width").asInt()).isEqualTo(200);
        assertThat(box.get("to_name").asString()).isEqualTo("image");
        for (String k : new String[] {"x", "y", "width", "height"}) {
            assertThat(box.get("value").get(k).asDouble()).isCloseTo(region(original, "rectanglelabels").get("value").get(k).asDouble(), within(1e-9));
        }
        assertThat(box.get("value").get("rectanglelabels").toString()).isEqualTo("[\"car\"]");
        assertThat(region(ours, "polygonlabels").get("value").get("points")).isEqualTo(mapper.readTree("[[0.0, 0.0], [50.0, 0.0], [25.0, 99.5]]"));
        JsonNode kp = region(ours, "keypointlabels").get("value");
        assertThat(kp.get("x").asDouble()).isEqualTo(50);
        assertThat(kp.get("keypointlabels").toString()).isEqualTo("[\"head\"]");
        assertThat(region(ours, "choices").get("value").get("choices").toString()).isEqualTo("[\"rainy\"]");

        // And the exported file goes into a new project again with the same regions (the LS images under their names).
        Crowd again = new Crowd(fx, IMAGE_SCHEMA);
        JsonNode second = again.importFile("labelstudio", MediaSamples.zip(
                "tasks.json", mapper.writeValueAsBytes(exported),
                "8f2c1a9e-street.png", MediaSamples.image("png", 200, 100, Color.GRAY)));
        assertThat(second.get("status").asString()).as(second.toString()).isEqualTo("DONE");
        assertThat(again.tasks().get(0).get("data").get("prediction")).isEqualTo(mapper.readTree(PREDICTION));
    }

    @Test
    void jsonMinImageTasksToo() {
        Crowd crowd = new Crowd(fx, IMAGE_SCHEMA);
        String min = """
                [{"image": "/data/upload/3/8f2c1a9e-street.png", "site": "부산", "id": 41, "annotator": 2, "annotation_id": 7,
                  "lead_time": 3.5,
                  "label": [{"x": 5, "y": 20, "width": 12.5, "height": 30, "rotation": 0, "rectanglelabels": ["car"],
                             "original_width": 200, "original_height": 100}],
                  "pose": [{"x": 50, "y": 50, "width": 0.6, "keypointlabels": ["hand"], "original_width": 200, "original_height": 100}]}]""";
        JsonNode job = crowd.importFile("labelstudio", MediaSamples.zip("min.json", min.getBytes(UTF_8),
                "street.png", MediaSamples.image("png", 200, 100, Color.GRAY)));
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("DONE");
        JsonNode data = crowd.tasks().get(0).get("data");
        assertThat(data.get("site").asString()).isEqualTo("부산");
        assertThat(data.get("prediction")).isEqualTo(mapper.readTree("""
                {"objects": [{"x": 10, "y": 20, "w": 25, "h": 30, "label": "car"}], "pose": [{"x": 100, "y": 50, "label": "hand"}]}"""));
        JsonNode annotation = data.get("meta").get("labelstudio").get("annotations").get(0);
        assertThat(annotation.get("completed_by").asInt()).isEqualTo(2);
        assertThat(annotation.get("id").asInt()).isEqualTo(7);
        assertThat(data.get("meta").get("labelstudio").get("id").asInt()).isEqualTo(41);
    }

    private static JsonNode region(JsonNode results, String type) {
        for (JsonNode r : results) if (r.path("type").asString("").equals(type)) return r;
        throw new AssertionError("no " + type + " region in " + results);
    }

    static final String AUDIO_SCHEMA = """
            {"fields": [{"name": "speech", "type": "segments", "labels": ["A", "B"], "transcript": true}]}""";

    @Test
    void audioRegionsWithPerRegionTranscriptsBecomeSegmentsAndGoBack() {
        Crowd crowd = new Crowd(fx, AUDIO_SCHEMA);
        String tasks = """
                [{"id": 5, "data": {"audio": "/data/upload/1/0a1b2c3d-call.wav"},
                  "annotations": [{"id": 1, "completed_by": 4, "result": [
                    {"id": "r1", "from_name": "labels", "to_name": "audio", "type": "labels", "original_length": 2.0,
                     "value": {"start": 0.25, "end": 1.5, "channel": 0, "labels": ["A"]}},
                    {"id": "r2", "from_name": "labels", "to_name": "audio", "type": "labels",
                     "value": {"start": 1.5, "end": 2, "channel": 0, "labels": ["B"]}},
                    {"id": "r1", "from_name": "transcription", "to_name": "audio", "type": "textarea",
                     "value": {"start": 0.25, "end": 1.5, "text": ["안녕하세요"]}},
                    {"id": "r2", "from_name": "transcription", "to_name": "audio", "type": "textarea",
                     "value": {"start": 1.5, "end": 2, "text": ["여보세요"]}}]}]}]""";
        JsonNode job = crowd.importFile("labelstudio", MediaSamples.zip("tasks.json", tasks.getBytes(UTF_8),
                "call.wav", MediaSamples.wav(2.0)));
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("DONE");
        JsonNode prediction = crowd.tasks().get(0).get("data").get("prediction");
        assertThat(prediction).isEqualTo(mapper.readTree("""
                {"speech": [{"start": 0.25, "end": 1.5, "label": "A", "transcript": "안녕하세요"},
                            {"start": 1.5, "end": 2, "label": "B", "transcript": "여보세요"}]}"""));

        crowd.labelAll(d -> d.get("prediction").toString());
        crowd.approveAll();
        JsonNode task = mapper.readTree(crowd.export("{\"format\": \"labelstudio\"}").text()).get(0);
        assertThat(task.get("data").get("audio").asString()).isEqualTo("/data/upload/1/0a1b2c3d-call.wav");
        JsonNode ours = task.get("annotations").get(1).get("result");
        assertThat(ours.size()).isEqualTo(4);
        assertThat(ours.get(0).get("type").asString()).isEqualTo("labels");
        assertThat(ours.get(0).get("value").get("start").asDouble()).isEqualTo(0.25);
        assertThat(ours.get(0).get("value").get("labels").toString()).isEqualTo("[\"A\"]");
        assertThat(ours.get(1).get("type").asString()).isEqualTo("textarea");
        assertThat(ours.get(1).get("id").asString()).isEqualTo(ours.get(0).get("id").asString());
        assertThat(ours.get(1).get("value").get("text").toString()).isEqualTo("[\"안녕하세요\"]");
    }

    @Test
    void aTaskNamingAFileNotInTheZipOrARotatedBoxFailsNamingTheTask() {
        Crowd crowd = new Crowd(fx, IMAGE_SCHEMA);
        String tasks = """
                [{"data": {"image": "/data/upload/3/8f2c1a9e-street.png"}},
                 {"data": {"image": "https://example.com/gone.jpg"}},
                 {"data": {"image": "s3://bucket/x/a.png"}, "annotations": [{"result": [
                   {"from_name": "objects", "to_name": "image", "type": "rectanglelabels", "original_width": 200, "original_height": 100,
                    "value": {"x": 5, "y": 20, "width": 10, "height": 10, "rotation": 30, "rectanglelabels": ["car"]}}]}]}]""";
        JsonNode job = crowd.importFile("labelstudio", MediaSamples.zip("tasks.json", tasks.getBytes(UTF_8),
                "street.png", MediaSamples.image("png", 200, 100, Color.GRAY),
                "x/a.png", MediaSamples.image("png", 200, 100, Color.RED)));
        assertThat(job.get("status").asString()).isEqualTo("FAILED");
        String errors = job.get("errors").toString();
        assertThat(errors).contains("tasks.json: task 2: data.image \\\"https://example.com/gone.jpg\\\" names no file of the zip")
                .contains("tasks.json: task 3: annotations[0].result[0]: the box is rotated 30.0°")
                .doesNotContain("task 1:");
        assertThat(crowd.tasks().size()).isZero();
    }
}
