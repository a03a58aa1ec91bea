package org.labelcrew.schema.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.labelcrew.schema.Transcripts;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Image and speech scorers, each against values worked out by hand in the comments. */
class MediaScorersTest {

    static final ObjectMapper M = new ObjectMapper();
    final Scoring sut = new Scoring(List.of(new ShapeScorers.Boxes(), new ShapeScorers.Polygons(), new KeypointsScorer(),
            new SegmentsScorer()));

    static JsonNode j(String json) {
        return M.readTree(json);
    }

    Scoring.FieldResult score(String schema, String answer, String reference) {
        return sut.score(j(schema), j("{}"), j(answer), j(reference)).fields().get(0);
    }

    @Test
    void boxesMatchOneToOneByIouAndLabel() {
        String schema = "{\"fields\": [{\"name\": \"o\", \"type\": \"boxes\", \"labels\": [\"car\", \"person\"]}]}";
        String ref = """
                {"o": [{"x": 0, "y": 0, "w": 10, "h": 10, "label": "car"}, {"x": 20, "y": 20, "w": 10, "h": 10, "label": "person"}]}""";
        // car: 80 / 100 = IoU 0.8, a match. person shifted by 5: 50 / 150 = 0.33, no match. One box not expected.
        // F1 = 2·1 / (3 + 2) = 0.4.
        String ans = """
                {"o": [{"x": 0, "y": 0, "w": 10, "h": 8, "label": "car"}, {"x": 25, "y": 20, "w": 10, "h": 10, "label": "person"},
                       {"x": 50, "y": 50, "w": 5, "h": 5, "label": "car"}]}""";
        Scoring.FieldResult r = score(schema, ans, ref);
        assertThat(r.score()).isCloseTo(0.4, within(1e-9));
        assertThat(r.code()).isEqualTo("score.boxes.f1");
        assertThat(r.params()).containsEntry("found", 1).containsEntry("expected", 2).containsEntry("extra", 2)
                .containsEntry("meanIou", 80L).containsEntry("iou", 50L);
        // The same box with another label never matches.
        assertThat(score(schema, "{\"o\": [{\"x\": 0, \"y\": 0, \"w\": 10, \"h\": 10, \"label\": \"person\"}]}",
                "{\"o\": [{\"x\": 0, \"y\": 0, \"w\": 10, \"h\": 10, \"label\": \"car\"}]}").score()).isEqualTo(0.0);
        // A lower threshold takes the shifted person (IoU 1/3): F1 = 2·2 / 5 = 0.8.
        String lenient = "{\"fields\": [{\"name\": \"o\", \"type\": \"boxes\", \"labels\": [\"car\", \"person\"], \"iou\": 0.3}]}";
        assertThat(score(lenient, ans, ref).score()).isCloseTo(0.8, within(1e-9));
    }

    @Test
    void polygonsUseTheIouOfTheirAreas() {
        String ref = "{\"r\": [{\"points\": [[0, 0], [10, 0], [0, 10]], \"label\": \"road\"}]}";
        String square = "{\"r\": [{\"points\": [[0, 0], [10, 0], [10, 10], [0, 10]], \"label\": \"road\"}]}";
        // Triangle (area 50) inside the square (100): IoU = 50 / 100 = 0.5, a match at 0.5, none at 0.6.
        assertThat(score("{\"fields\": [{\"name\": \"r\", \"type\": \"polygons\", \"labels\": [\"road\"]}]}", square, ref).score()).isEqualTo(1.0);
        assertThat(score("{\"fields\": [{\"name\": \"r\", \"type\": \"polygons\", \"labels\": [\"road\"], \"iou\": 0.6}]}", square, ref).score())
                .isEqualTo(0.0);
        assertThat(ShapeScorers.iou(ShapeScorers.Polygons.polygons(j(square).get("r")).get(0),
                ShapeScorers.Polygons.polygons(j(ref).get("r")).get(0))).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void aSelfCrossingPolygonCountsItsHoleOut() {
        // A pentagram drawn by its five points: even-odd leaves the inner pentagon out, so its area is less than the
        // area of the outline's convex hull and more than zero.
        double[][] star = new double[5][];
        for (int k = 0; k < 5; k++) {
            double a = Math.PI / 2 + k * 4 * Math.PI / 5;
            star[k] = new double[] {100 * Math.cos(a), 100 * Math.sin(a)};
        }
        double area = ShapeScorers.polygon("s", star).size();
        double pentagon = 2.5 * 100 * 100 * Math.sin(2 * Math.PI / 5); // area of the hull, 23776
        assertThat(area).isGreaterThan(0).isLessThan(pentagon);
    }

    @Test
    void keypointsMatchWithinTheTolerance() {
        String schema = "{\"fields\": [{\"name\": \"p\", \"type\": \"keypoints\", \"labels\": [\"nose\", \"eye\"], \"tolerance\": 10}]}";
        String ref = "{\"p\": [{\"x\": 100, \"y\": 100, \"label\": \"nose\"}, {\"x\": 90, \"y\": 90, \"label\": \"eye\"}]}";
        // nose off by (6, 8): distance 10, within; eye off by 11: not. F1 = 2·1 / 4 = 0.5.
        String ans = "{\"p\": [{\"x\": 106, \"y\": 108, \"label\": \"nose\"}, {\"x\": 90, \"y\": 101, \"label\": \"eye\"}]}";
        Scoring.FieldResult r = score(schema, ans, ref);
        assertThat(r.score()).isEqualTo(0.5);
        assertThat(r.params()).containsEntry("meanDistance", 10.0).containsEntry("found", 1);
    }

    @Test
    void segmentsMatchByTimeAndCountTheirTranscriptsCharacterErrors() {
        String schema = """
                {"fields": [{"name": "s", "type": "segments", "labels": ["A", "B"], "transcript": true, "conventions": "kspon"}]}""";
        String ref = """
                {"s": [{"start": 0, "end": 2, "label": "A", "transcript": "(3)/(세) 시에 만나요"},
                       {"start": 3, "end": 4, "label": "B", "transcript": "네"}]}""";
        // A: IoU 1.5 / 2 = 0.75, matched. Normal forms "3시에만나" and "3시에만나요": one deletion in 6, CER 1/6.
        // B missed. Score = 2·(1 − 1/6) / (1 + 2) = 5/9.
        String ans = """
                {"s": [{"start": 0.5, "end": 2, "label": "A", "transcript": "b/ 3시에 만나"}]}""";
        Scoring.FieldResult r = score(schema, ans, ref);
        assertThat(r.score()).isCloseTo(5 / 9.0, within(1e-4));
        assertThat(r.code()).isEqualTo("score.segments.transcripts");
        assertThat(r.params()).containsEntry("cer", 17L).containsEntry("found", 1).containsEntry("expected", 2);
        // Without transcripts only the times count: F1 = 2·1 / 3.
        String plain = "{\"fields\": [{\"name\": \"s\", \"type\": \"segments\", \"labels\": [\"A\", \"B\"]}]}";
        assertThat(score(plain, ans, ref).score()).isCloseTo(2 / 3.0, within(1e-4));
    }

    @Test
    void transcriptsAreComparedInTheirNormalForm() {
        assertThat(new String(Transcripts.normalForm("(SNS)/(에스엔에스) 봤어? l/ 어/ *", true), 0,
                Transcripts.normalForm("(SNS)/(에스엔에스) 봤어? l/ 어/ *", true).length)).isEqualTo("sns봤어어");
        assertThat(Transcripts.cer("(SNS)/(에스엔에스) 봤어?", "sns 봤어", true)).isEqualTo(0.0);
        // Two substitutions in four characters.
        assertThat(Transcripts.cer("안녕하세", "안녕히가", false)).isEqualTo(0.5);
        assertThat(Transcripts.cer("뭐", "", false)).isEqualTo(1.0);
    }
}
