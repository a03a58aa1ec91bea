package org.labelcrew.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.labelcrew.io.Crowd;
import org.labelcrew.support.Fixtures;
import org.labelcrew.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * FLAC and Ogg Vorbis audio, imported like WAV and MP3 (issue 10): real files from src/test/resources/media (see the
 * README there: a FLAC from the reference encoder, an Ogg Vorbis from libvorbis, an Opus from libopus), and FLAC
 * written by {@link FlacWriter} for exact lengths, get their duration, sample rate, channels and waveform peaks and are
 * served with their own content type; cut, damaged, too long and non-Vorbis Ogg files are refused by name with nothing
 * stored.
 */
@IntegrationTest
class FlacOggTest {

    @Autowired
    Fixtures fx;

    long mediaRows() {
        return fx.jdbc().sql("SELECT count(*) FROM media").query(Long.class).single();
    }

    @Test
    void flacGetsItsDurationAndWaveformPeaks() {
        Crowd crowd = new Crowd(fx, MediaImportTest.SPEECH);
        byte[] real = WebpMp3Test.resource("bloop2.flac");
        // a FLAC a tagger put an ID3v2 tag before (20 bytes: "ID3", version 3, size 10, ten bytes of padding)
        byte[] tone = FlacWriter.tone(1.5);
        byte[] tagged = new byte[20 + tone.length];
        System.arraycopy(new byte[] {'I', 'D', '3', 3, 0, 0, 0, 0, 0, 10}, 0, tagged, 0, 10);
        System.arraycopy(tone, 0, tagged, 20, tone.length);
        tone = tagged;
        JsonNode job = crowd.importFile("audio-zip", MediaSamples.zip("call/bloop.flac", real, "call/tone.flac", tone));
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("DONE");
        JsonNode tasks = crowd.tasks();
        assertThat(tasks).hasSize(2);
        for (JsonNode t : tasks) {
            JsonNode data = t.get("data");
            boolean isReal = data.get("file").asString().endsWith("bloop.flac");
            long id = data.get("audio").asLong();
            HttpResponse<byte[]> whole = crowd.labeler.api().raw("/api/v1/media/" + id);
            assertThat(whole.headers().firstValue("Content-Type")).hasValue("audio/flac");
            assertThat(whole.body()).isEqualTo(isReal ? real : tone);
            assertThat(crowd.labeler.api().raw("/api/v1/media/" + id, "Range", "bytes=100-").statusCode()).isEqualTo(206);
            JsonNode peaks = crowd.labeler.api().get("/api/v1/media/" + id + "?variant=peaks").expect(200).json();
            if (isReal) {
                // bloop2.flac: 18,233 samples of 16-bit mono at 44.1 kHz (its STREAMINFO) = 0.4134 s
                assertThat(data.get("duration").asDouble()).isCloseTo(18233 / 44100.0, org.assertj.core.data.Offset.offset(0.01));
                assertThat(peaks.get("sampleRate").asInt()).isEqualTo(44100);
                assertThat(peaks.get("channels").asInt()).isEqualTo(1);
                assertThat(peaks.get("length").asInt()).isEqualTo(21); // 50 slices a second, the last one partial
                assertThat(peaks.get("peaks").get(0)).hasSize(21);
                assertThat(peaks.get("peaks").get(0).get(0).asDouble()).as("a bloop starts loud").isGreaterThan(0.5);
            } else {
                assertThat(data.get("duration").asDouble()).isCloseTo(1.5, org.assertj.core.data.Offset.offset(0.01));
                assertThat(peaks.get("sampleRate").asInt()).isEqualTo(8000);
                assertThat(peaks.get("length").asInt()).isEqualTo(75);
                // lossless: the half-volume tone peaks at 0.5 in every slice
                for (JsonNode p : peaks.get("peaks").get(0)) assertThat(p.asDouble()).isBetween(0.49, 0.51);
            }
        }
    }

    @Test
    void oggVorbisGetsItsDurationAndWaveformPeaks() {
        Crowd crowd = new Crowd(fx, MediaImportTest.SPEECH);
        byte[] ogg = WebpMp3Test.resource("sweep.ogg");
        JsonNode job = crowd.importFile("audio-zip", MediaSamples.zip("sweep.ogg", ogg));
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("DONE");
        JsonNode data = crowd.tasks().get(0).get("data");
        // the last page's granule position: 226,901 samples at 48 kHz = 4.7271 s
        assertThat(data.get("duration").asDouble()).isCloseTo(226901 / 48000.0, org.assertj.core.data.Offset.offset(0.01));
        long id = data.get("audio").asLong();
        HttpResponse<byte[]> whole = crowd.labeler.api().raw("/api/v1/media/" + id);
        assertThat(whole.headers().firstValue("Content-Type")).hasValue("audio/ogg");
        assertThat(whole.body()).isEqualTo(ogg);
        JsonNode peaks = crowd.labeler.api().get("/api/v1/media/" + id + "?variant=peaks").expect(200).json();
        assertThat(peaks.get("sampleRate").asInt()).isEqualTo(48000);
        assertThat(peaks.get("channels").asInt()).isEqualTo(2);
        assertThat(peaks.get("length").asInt()).isEqualTo(237);
        assertThat(peaks.get("peaks").get(0)).hasSize(237);
        assertThat(peaks.get("peaks").get(0).get(100).asDouble()).as("a sweep sounds in its middle").isGreaterThan(0.1);

        // a segment past the file's end is refused as for WAV and MP3
        var next = crowd.labeler.api().post("/api/v1/projects/" + crowd.projectId + "/next-task", null).expect(200).json();
        var r = crowd.labeler.api().post("/api/v1/assignments/" + next.get("assignmentId").asLong() + "/submit",
                "{\"result\": {\"speech\": [{\"start\": 4.5, \"end\": 5.0, \"label\": \"A\", \"transcript\": \"네\"}]}}");
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.text()).contains("past the end of the audio");
    }

    @Test
    void cutDamagedTooLongAndNonVorbisFilesAreRefusedByName() {
        Crowd speech = new Crowd(fx, MediaImportTest.SPEECH);
        long before = mediaRows();
        byte[] flac = WebpMp3Test.resource("bloop2.flac");
        byte[] ogg = WebpMp3Test.resource("sweep.ogg");

        assertFails(speech, MediaSamples.zip("cut.flac", Arrays.copyOf(flac, flac.length * 6 / 10 + 7)),
                "cut.flac: is a truncated FLAC file: it ends inside the frame after sample 9216");
        byte[] flipped = flac.clone();
        flipped[flac.length / 2] ^= 0x55;
        assertFails(speech, MediaSamples.zip("flipped.flac", flipped), "flipped.flac: is a damaged FLAC file: the frame at sample 4608 fails its CRC-16 check");
        // the default limit is 4 hours: 4 h 0 min 1 s of silence in CONSTANT subframes is 24 KB
        assertFails(speech, MediaSamples.zip("long.flac", FlacWriter.silence(4 * 3600 + 1)),
                "long.flac: lasts 14401.0 s; audio may last at most 14400 s");

        assertFails(speech, MediaSamples.zip("cut.ogg", Arrays.copyOf(ogg, ogg.length * 6 / 10 + 7)),
                "cut.ogg: is a truncated Ogg file: its last page (at byte 24754) needs 4172 bytes, the file holds 3337");
        byte[] holed = ogg.clone();
        Arrays.fill(holed, ogg.length / 2, ogg.length / 2 + 200, (byte) 0);
        assertFails(speech, MediaSamples.zip("holed.ogg", holed), "holed.ogg: is a damaged Ogg Vorbis file: a page after sample");
        byte[] chained = Arrays.copyOf(ogg, ogg.length * 2);
        System.arraycopy(ogg, 0, chained, ogg.length, ogg.length);
        assertFails(speech, MediaSamples.zip("two.ogg", chained),
                "two.ogg: is an Ogg file with more than one stream (chained or multiplexed) at byte 46807");
        assertFails(speech, MediaSamples.zip("voice.opus.ogg", WebpMp3Test.resource("alien.opus")),
                "voice.opus.ogg: is Opus audio in an Ogg file, which is not decoded");

        assertThat(mediaRows()).isEqualTo(before);
        assertThat(speech.tasks()).isEmpty();
    }

    private static void assertFails(Crowd crowd, byte[] zip, String message) {
        JsonNode job = crowd.importFile("audio-zip", zip);
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("FAILED");
        List<String> errors = job.get("errors").valueStream()
                .map(e -> e.path("line").asLong() + " " + e.path("message").asString()).toList();
        assertThat(errors).as(job.toString()).anySatisfy(e -> assertThat(e).startsWith("1 " + message));
    }
}
