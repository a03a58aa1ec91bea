package org.labelcrew.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.labelcrew.io.Crowd;
import org.labelcrew.support.Fixtures;
import org.labelcrew.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * WebP images and MP3 audio, imported like PNG and WAV: real small files (src/test/resources/media, made with libwebp's
 * cwebp 1.2.4 and LAME 3.100 from a 48 × 32 gradient PNG and one second of a 440 Hz tone at half volume, 16 kHz mono,
 * 32 kbit/s) get their size or duration, a thumbnail or waveform peaks, and are served with their own content type;
 * damaged ones are refused by name with nothing stored.
 */
@IntegrationTest
class WebpMp3Test {

    @Autowired
    Fixtures fx;

    static byte[] resource(String name) {
        try (InputStream in = WebpMp3Test.class.getResourceAsStream("/media/" + name)) {
            if (in == null) throw new IllegalStateException("missing test resource media/" + name);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void webpImagesLossyAndLosslessGetTheirSizeAndAThumbnail() throws Exception {
        Crowd crowd = new Crowd(fx, MediaImportTest.BOXES);
        byte[] lossy = resource("tiny-lossy.webp");
        byte[] lossless = resource("tiny-lossless.webp");
        JsonNode job = crowd.importFile("images-zip", MediaSamples.zip("lossy.webp", lossy, "lossless.webp", lossless));
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("DONE");
        JsonNode tasks = crowd.tasks();
        assertThat(tasks).hasSize(2);
        for (JsonNode t : tasks) {
            JsonNode data = t.get("data");
            assertThat(data.get("width").asInt()).as(data.toString()).isEqualTo(48);
            assertThat(data.get("height").asInt()).isEqualTo(32);
            long id = data.get("image").asLong();
            HttpResponse<byte[]> whole = crowd.labeler.api().raw("/api/v1/media/" + id);
            assertThat(whole.headers().firstValue("Content-Type")).hasValue("image/webp");
            assertThat(whole.body()).isEqualTo(data.get("file").asString().equals("lossy.webp") ? lossy : lossless);
            HttpResponse<byte[]> thumb = crowd.labeler.api().raw("/api/v1/media/" + id + "?variant=thumb");
            assertThat(thumb.headers().firstValue("Content-Type")).hasValue("image/jpeg");
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(thumb.body()));
            assertThat(img.getWidth()).isEqualTo(48);
            assertThat(img.getHeight()).isEqualTo(32);
            // The source is a gradient: red grows to the right, green downwards (blue 120); the thumbnail keeps it.
            int left = img.getRGB(2, 16);
            int right = img.getRGB(45, 16);
            assertThat((right >> 16) & 0xff).as("red on the right").isGreaterThan(((left >> 16) & 0xff) + 150);
            assertThat(img.getRGB(24, 30) >> 8 & 0xff).as("green at the bottom").isGreaterThan((img.getRGB(24, 1) >> 8 & 0xff) + 150);
        }
    }

    @Test
    void mp3GetsItsDurationAndWaveformPeaks() {
        Crowd crowd = new Crowd(fx, MediaImportTest.SPEECH);
        byte[] mp3 = resource("tiny.mp3");
        JsonNode job = crowd.importFile("audio-zip", MediaSamples.zip("call/001.mp3", mp3));
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("DONE");
        JsonNode data = crowd.tasks().get(0).get("data");
        // 16,000 samples plus LAME's delay and padding, in frames of 576: 1.044 s (the Info frame is not counted)
        assertThat(data.get("duration").asDouble()).isBetween(1.0, 1.1);
        long id = data.get("audio").asLong();
        HttpResponse<byte[]> whole = crowd.labeler.api().raw("/api/v1/media/" + id);
        assertThat(whole.headers().firstValue("Content-Type")).hasValue("audio/mpeg");
        assertThat(whole.body()).isEqualTo(mp3);
        assertThat(crowd.labeler.api().raw("/api/v1/media/" + id, "Range", "bytes=100-").statusCode()).isEqualTo(206);
        JsonNode peaks = crowd.labeler.api().get("/api/v1/media/" + id + "?variant=peaks").expect(200).json();
        assertThat(peaks.get("sampleRate").asInt()).isEqualTo(16000);
        assertThat(peaks.get("channels").asInt()).isEqualTo(1);
        int length = peaks.get("length").asInt();
        assertThat(length).isBetween(50, 56); // 50 slices a second
        assertThat(peaks.get("peaks").get(0)).hasSize(length);
        // the tone is at half volume: every slice in the middle peaks near 0.5 (a lossy codec: within 0.1)
        for (int i = 10; i < 40; i++) assertThat(peaks.get("peaks").get(0).get(i).asDouble()).as("slice " + i).isBetween(0.4, 0.6);

        // a segment past the MP3's end is refused as for WAV
        var next = crowd.labeler.api().post("/api/v1/projects/" + crowd.projectId + "/next-task", null).expect(200).json();
        var r = crowd.labeler.api().post("/api/v1/assignments/" + next.get("assignmentId").asLong() + "/submit",
                "{\"result\": {\"speech\": [{\"start\": 0.5, \"end\": 1.5, \"label\": \"A\", \"transcript\": \"네\"}]}}");
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.text()).contains("past the end of the audio");
    }

    @Test
    void damagedWebpAndMp3AndUndecodedFormatsAreRefusedByName() {
        Crowd images = new Crowd(fx, MediaImportTest.BOXES);
        Crowd speech = new Crowd(fx, MediaImportTest.SPEECH);
        long before = fx.jdbc().sql("SELECT count(*) FROM media").query(Long.class).single();
        byte[] webp = resource("tiny-lossy.webp");
        byte[] mp3 = resource("tiny.mp3");

        byte[] fakeWebp = "RIFF\u0020\0\0\0WEBPVP8 this is not a picture at all".getBytes(StandardCharsets.ISO_8859_1);
        assertFails(images, "images-zip", MediaSamples.zip("fake.webp", fakeWebp), 1, "fake.webp: is a damaged");
        assertFails(images, "images-zip", MediaSamples.zip("note.webp", "just text".getBytes(StandardCharsets.UTF_8)),
                1, "note.webp: is not an image");
        assertFails(images, "images-zip", MediaSamples.zip("cut.webp", Arrays.copyOf(webp, webp.length / 2)),
                1, "cut.webp: is a damaged");

        // (the frames are 144 bytes: + 7 cuts one inside)
        assertFails(speech, "audio-zip", MediaSamples.zip("cut.mp3", Arrays.copyOf(mp3, mp3.length * 6 / 10 + 7)),
                1, "cut.mp3: is a truncated MP3 file: its last frame");
        byte[] holed = mp3.clone();
        Arrays.fill(holed, mp3.length / 2, mp3.length / 2 + 200, (byte) 0);
        assertFails(speech, "audio-zip", MediaSamples.zip("holed.mp3", holed), 1, "holed.mp3: is a damaged MP3 file");
        byte[] id3Only = "ID3\u0003\0\0\0\0\0\0 and then no frames at all".getBytes(StandardCharsets.ISO_8859_1);
        assertFails(speech, "audio-zip", MediaSamples.zip("tag.mp3", id3Only), 1, "tag.mp3: is not a readable MP3 file");
        // (FLAC and Ogg Vorbis are decoded since: FlacOggTest; M4A is still refused by name)
        byte[] m4a = Arrays.copyOf("\0\0\0\u0020ftypM4A ".getBytes(StandardCharsets.ISO_8859_1), 64);
        assertFails(speech, "audio-zip", MediaSamples.zip("voice.m4a", m4a), 1, "voice.m4a: is MP4 audio, which is not decoded");

        assertThat(fx.jdbc().sql("SELECT count(*) FROM media").query(Long.class).single()).isEqualTo(before);
        assertThat(images.tasks()).isEmpty();
        assertThat(speech.tasks()).isEmpty();
    }

    private static void assertFails(Crowd crowd, String format, byte[] zip, long line, String message) {
        JsonNode job = crowd.importFile(format, zip);
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("FAILED");
        List<String> errors = job.get("errors").valueStream()
                .map(e -> e.path("line").asLong() + " " + e.path("message").asString()).toList();
        assertThat(errors).as(job.toString()).anySatisfy(e -> assertThat(e).startsWith(line + " " + message));
    }
}
