package org.labelcrew.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.labelcrew.account.Role;
import org.labelcrew.io.Crowd;
import org.labelcrew.support.Fixtures;
import org.labelcrew.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Images and audio from a zip to the labeling screen: each file checked and stored once, one task per file with the
 * media id and size in its data, the bytes served to the project's members only (ranges, ETag), and every bad file
 * refused by its path in the zip with nothing stored.
 */
@IntegrationTest
class MediaImportTest {

    static final String BOXES = """
            {"fields": [{"name": "objects", "type": "boxes", "labels": ["car", "person"],
              "attributes": [{"name": "occluded", "type": "boolean"}]}]}""";
    static final String SPEECH = """
            {"fields": [{"name": "speech", "type": "segments", "labels": ["A", "B"], "transcript": true, "conventions": "kspon"}]}""";

    @Autowired
    Fixtures fx;

    long mediaRows() {
        return fx.jdbc().sql("SELECT count(*) FROM media").query(Long.class).single();
    }

    @Test
    void aZipOfImagesBecomesOneTaskPerImageWithItsSizeAndManifestData() throws Exception {
        Crowd crowd = new Crowd(fx, BOXES);
        byte[] red = MediaSamples.image("png", 40, 30, Color.RED);
        byte[] blue = MediaSamples.image("jpeg", 640, 480, Color.BLUE);
        byte[] zip = MediaSamples.zip("street/red.png", red, "street/blue.jpg", blue, "copy-of-red.png", red,
                "__MACOSX/._red.png", new byte[] {0, 5, 22}, "manifest.jsonl",
                "{\"file\": \"street/blue.jpg\", \"site\": \"서울\"}\n".getBytes(StandardCharsets.UTF_8));
        JsonNode job = crowd.importFile("images-zip", zip);
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("DONE");
        assertThat(job.get("imported").asLong()).isEqualTo(2); // the copy of red.png is the same medium: no second task

        JsonNode tasks = crowd.tasks();
        assertThat(tasks).hasSize(2);
        JsonNode redData = find(tasks, "street/red.png");
        JsonNode blueData = find(tasks, "street/blue.jpg");
        assertThat(redData.get("width").asInt()).isEqualTo(40);
        assertThat(redData.get("height").asInt()).isEqualTo(30);
        assertThat(blueData.get("width").asInt()).isEqualTo(640);
        assertThat(blueData.get("site").asString()).isEqualTo("서울");

        // The bytes, to a member.
        long redId = redData.get("image").asLong();
        HttpResponse<byte[]> whole = crowd.labeler.api().raw("/api/v1/media/" + redId);
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.body()).isEqualTo(red);
        assertThat(whole.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(whole.headers().firstValue("Cache-Control").orElse("")).contains("private").contains("max-age");
        assertThat(whole.headers().firstValue("Accept-Ranges")).hasValue("bytes");
        String etag = whole.headers().firstValue("ETag").orElseThrow();

        HttpResponse<byte[]> part = crowd.labeler.api().raw("/api/v1/media/" + redId, "Range", "bytes=10-19");
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.body()).isEqualTo(Arrays.copyOfRange(red, 10, 20));
        assertThat(part.headers().firstValue("Content-Range")).hasValue("bytes 10-19/" + red.length);
        HttpResponse<byte[]> tail = crowd.labeler.api().raw("/api/v1/media/" + redId, "Range", "bytes=-5");
        assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(red, red.length - 5, red.length));
        assertThat(crowd.labeler.api().raw("/api/v1/media/" + redId, "Range", "bytes=" + red.length + "-").statusCode()).isEqualTo(416);
        assertThat(crowd.labeler.api().raw("/api/v1/media/" + redId, "If-None-Match", etag).statusCode()).isEqualTo(304);

        HttpResponse<byte[]> thumb = crowd.reviewer.api().raw("/api/v1/media/" + blueData.get("image").asLong() + "?variant=thumb");
        assertThat(thumb.statusCode()).isEqualTo(200);
        assertThat(thumb.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        BufferedImage t = ImageIO.read(new ByteArrayInputStream(thumb.body()));
        assertThat(t.getWidth()).isEqualTo(256);
        assertThat(t.getHeight()).isEqualTo(192);
        assertThat(crowd.labeler.api().raw("/api/v1/media/" + redId + "?variant=peaks").statusCode()).isEqualTo(422);

        // Anyone outside the project: 404, as if the medium did not exist.
        Fixtures.User stranger = fx.user("other", Role.MANAGER);
        assertThat(stranger.api().raw("/api/v1/media/" + redId).statusCode()).isEqualTo(404);
        assertThat(fx.anonymous().raw("/api/v1/media/" + redId).statusCode()).isEqualTo(401);
        assertThat(crowd.labeler.api().raw("/api/v1/media/987654321").statusCode()).isEqualTo(404);

        // Results are checked against the image's size from the task data.
        JsonNode next = crowd.labeler.api().post("/api/v1/projects/" + crowd.projectId + "/next-task", null).expect(200).json();
        int w = next.get("data").get("width").asInt();
        var refused = crowd.labeler.api().post("/api/v1/assignments/" + next.get("assignmentId").asLong() + "/submit",
                "{\"result\": {\"objects\": [{\"x\": 1, \"y\": 1, \"w\": " + w + ", \"h\": 5, \"label\": \"car\"}]}}");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.text()).contains("result.objects[0]").contains("outside the image");
        crowd.labeler.api().post("/api/v1/assignments/" + next.get("assignmentId").asLong() + "/submit",
                "{\"result\": {\"objects\": [{\"x\": 1, \"y\": 1, \"w\": 5, \"h\": 5, \"label\": \"car\", \"attributes\": {\"occluded\": true}}]}}")
                .expect(200);

        // The same zip again: every file is in the project already, nothing new.
        long before = mediaRows();
        JsonNode again = crowd.importFile("images-zip", MediaSamples.zip("red.png", red));
        assertThat(again.get("status").asString()).isEqualTo("FAILED");
        assertThat(again.get("errors").get(0).get("message").asString()).contains("in the project already");
        assertThat(mediaRows()).isEqualTo(before);
    }

    @Test
    void audioGetsItsDurationAndWaveformPeaks() {
        Crowd crowd = new Crowd(fx, SPEECH);
        byte[] wav = MediaSamples.wav(1.0);
        JsonNode job = crowd.importFile("audio-zip", MediaSamples.zip("call/001.wav", wav));
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("DONE");
        JsonNode data = crowd.tasks().get(0).get("data");
        assertThat(data.get("duration").asDouble()).isEqualTo(1.0);
        long id = data.get("audio").asLong();
        JsonNode peaks = crowd.labeler.api().get("/api/v1/media/" + id + "?variant=peaks").expect(200).json();
        assertThat(peaks.get("duration").asDouble()).isEqualTo(1.0);
        assertThat(peaks.get("sampleRate").asInt()).isEqualTo(8000);
        assertThat(peaks.get("length").asInt()).isEqualTo(50); // 50 slices a second
        assertThat(peaks.get("peaks").get(0)).hasSize(50);
        // A 440 Hz tone at half volume peaks at 0.5 in every slice.
        assertThat(peaks.get("peaks").get(0).get(7).asDouble()).isEqualTo(0.5);
        HttpResponse<byte[]> seek = crowd.labeler.api().raw("/api/v1/media/" + id, "Range", "bytes=44-");
        assertThat(seek.statusCode()).isEqualTo(206);
        assertThat(seek.body()).hasSize(wav.length - 44);

        var refused = crowd.labeler.api().post("/api/v1/projects/" + crowd.projectId + "/next-task", null).expect(200).json();
        var r = crowd.labeler.api().post("/api/v1/assignments/" + refused.get("assignmentId").asLong() + "/submit",
                "{\"result\": {\"speech\": [{\"start\": 0.5, \"end\": 1.5, \"label\": \"A\", \"transcript\": \"3시\"}]}}");
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.text()).contains("past the end of the audio (1 s)").contains("dual transcription");
    }

    @Test
    void eachBadFileIsRefusedByItsPathAndNothingIsStored() {
        Crowd crowd = new Crowd(fx, BOXES);
        byte[] ok = MediaSamples.image("png", 8, 8, Color.GREEN);
        byte[] png = MediaSamples.image("png", 200, 200, Color.RED);
        long before = mediaRows();
        assertFails(crowd, "images-zip", MediaSamples.zip("ok.png", ok, "a/../../x.png", ok),
                2, "a/../../x.png: leaves the zip's folder");
        assertFails(crowd, "images-zip", MediaSamples.zip("ok.png", ok, "letter.jpg", "Dear manager".getBytes(StandardCharsets.UTF_8)),
                2, "letter.jpg: is not an image");
        assertFails(crowd, "images-zip", MediaSamples.zip("cut.png", Arrays.copyOf(png, png.length / 2)),
                1, "cut.png: is a damaged or truncated PNG image");
        assertFails(crowd, "images-zip", MediaSamples.zip("bomb.bmp", new byte[20 << 20]),
                1, "bomb.bmp: unpacks to more than 100 times its packed size");
        assertFails(crowd, "audio-zip", MediaSamples.zip("voice.wav", ok), 1, "voice.wav: is not an audio file");
        byte[] wav = MediaSamples.wav(1);
        assertFails(crowd, "audio-zip", MediaSamples.zip("short.wav", Arrays.copyOf(wav, wav.length - 4000)),
                1, "short.wav: is a truncated WAV file");
        assertFails(crowd, "images-zip", "not a zip at all".getBytes(StandardCharsets.UTF_8), 1, "is not a zip file");
        assertFails(crowd, "images-zip", MediaSamples.zip("a.png", ok, "manifest.jsonl", "{\"file\": \"b.png\"}\n".getBytes(StandardCharsets.UTF_8)),
                2, "manifest.jsonl names \"b.png\", which is not a file in the zip");
        assertThat(mediaRows()).isEqualTo(before);
        assertThat(crowd.tasks()).isEmpty();
    }

    @Test
    void severalFilesUploadedAtOnceAreOneImport() {
        Crowd crowd = new Crowd(fx, BOXES);
        var files = new java.util.LinkedHashMap<String, byte[]>();
        files.put("one.png", MediaSamples.image("png", 10, 10, Color.RED));
        files.put("two.jpg", MediaSamples.image("jpeg", 20, 10, Color.BLUE));
        files.put("folder/one.png", MediaSamples.image("png", 12, 12, Color.GREEN)); // same name, other content
        JsonNode started = crowd.manager.api().uploadFiles("/api/v1/projects/" + crowd.projectId + "/imports", files,
                "format", "images-zip").expect(202).json();
        assertThat(started.get("fileName").asString()).isEqualTo("3 files");
        JsonNode job = org.labelcrew.io.Jobs.awaitEnd(crowd.manager.api(), "/api/v1/imports/" + started.get("id").asLong());
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("DONE");
        assertThat(crowd.tasks()).extracting(t -> t.get("data").get("file").asString())
                .containsExactlyInAnyOrder("one.png", "two.jpg", "one (2).png");
        // Only the media formats take several files.
        var refused = crowd.manager.api().uploadFiles("/api/v1/projects/" + crowd.projectId + "/imports", files, "format", "jsonl");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.text()).contains("files");
    }

    private static void assertFails(Crowd crowd, String format, byte[] zip, long line, String message) {
        JsonNode job = crowd.importFile(format, zip);
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("FAILED");
        List<String> errors = job.get("errors").valueStream()
                .map(e -> e.path("line").asLong() + " " + e.path("message").asString()).toList();
        assertThat(errors).as(job.toString()).anySatisfy(e -> assertThat(e).startsWith(line + " " + message));
    }

    private static JsonNode find(JsonNode tasks, String file) {
        for (JsonNode t : tasks) if (t.get("data").path("file").asString("").equals(file)) return t.get("data");
        throw new AssertionError("no task for " + file + " in " + tasks);
    }
}
