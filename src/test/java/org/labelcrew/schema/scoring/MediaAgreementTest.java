package org.labelcrew.schema.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.labelcrew.schema.LabelSchema;
import org.labelcrew.schema.Transcripts;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The agreement measures of boxes, polygons, key points and segments against values computed by hand, with the edge
 * cases (one annotator, all agree, all disagree, empty results, a box with zero overlap).
 */
class MediaAgreementTest {

    static final ObjectMapper M = new ObjectMapper();
    final Agreements sut = new Agreements(List.of(new MediaAgreements.Boxes(), new MediaAgreements.Polygons(),
            new MediaAgreements.Keypoints(), new MediaAgreements.Segments()));

    static JsonNode j(String json) {
        return M.readTree(json);
    }

    /** One item: worker i+1 gave {@code values[i]} as the field's value ({@code null}: did not annotate). */
    static AgreementMeasure.Unit unit(long id, String field, String data, String... values) {
        Map<Long, JsonNode> m = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) m.put((long) i + 1, j("{\"" + field + "\": " + values[i] + "}"));
        }
        return new AgreementMeasure.Unit(id, j(data), m);
    }

    static LabelSchema schema(String field) {
        return LabelSchema.of(j("{\"fields\": [" + field + "]}"));
    }

    static final LabelSchema BOXES = schema("""
            {"name": "obj", "type": "boxes", "labels": ["car", "person"]}""");

    static String box(String label, int x, int y, int w, int h) {
        return "{\"label\": \"" + label + "\", \"x\": " + x + ", \"y\": " + y + ", \"w\": " + w + ", \"h\": " + h + "}";
    }

    Agreements.FieldAgreement boxes(LabelSchema schema, AgreementMeasure.Unit... units) {
        return sut.agreement(schema, List.of(units)).get(0);
    }

    @Test
    void boxesMatchByIouPerLabelAndPair() {
        // Worker 1: car (0,0,10,10), person (100,100,10,10). Worker 2: car (0,0,10,8) → IoU 80/100 = 0.8, a match;
        // person (200,200,10,10) → no overlap at all, no match. F1 = 2·1 / (2 + 2) = 0.5; mean IoU of matches 0.8.
        var f = boxes(BOXES, unit(1, "obj", "{}",
                "[" + box("car", 0, 0, 10, 10) + "," + box("person", 100, 100, 10, 10) + "]",
                "[" + box("car", 0, 0, 10, 8) + "," + box("person", 200, 200, 10, 10) + "]"));
        assertThat(f.measured()).isTrue();
        assertThat(f.items()).isEqualTo(1);
        assertThat(f.workers()).isEqualTo(2);
        assertThat(f.measures()).containsEntry("objectF1", 0.5).containsEntry("meanIou", 0.8);
        assertThat(f.perLabel()).extracting(Agreements.LabelAgreement::label).containsExactly("car", "person");
        assertThat(f.perLabel().get(0).measures()).containsEntry("objectF1", 1.0).containsEntry("meanIou", 0.8);
        // the zero-overlap person boxes: F1 0, and no mean IoU (no match to average)
        assertThat(f.perLabel().get(1).measures()).containsEntry("objectF1", 0.0).doesNotContainKey("meanIou");
        assertThat(f.perPair()).singleElement().satisfies(p -> {
            assertThat(p.a()).isEqualTo(1);
            assertThat(p.b()).isEqualTo(2);
            assertThat(p.items()).isEqualTo(1);
            assertThat(p.measures()).containsEntry("objectF1", 0.5);
        });
    }

    @Test
    void theIouThresholdIsTheFields() {
        var strict = schema("""
                {"name": "obj", "type": "boxes", "labels": ["car"], "iou": 0.9}""");
        var f = boxes(strict, unit(1, "obj", "{}", "[" + box("car", 0, 0, 10, 10) + "]", "[" + box("car", 0, 0, 10, 8) + "]"));
        assertThat(f.measures()).containsEntry("objectF1", 0.0).doesNotContainKey("meanIou");
    }

    @Test
    void boxesEdgeCases() {
        String car = "[" + box("car", 0, 0, 10, 10) + "]";
        // all agree (three workers, identical): F1 1, mean IoU 1, three pairs
        var agree = boxes(BOXES, unit(1, "obj", "{}", car, car, car));
        assertThat(agree.measures()).containsEntry("objectF1", 1.0).containsEntry("meanIou", 1.0);
        assertThat(agree.perPair()).hasSize(3);
        // all disagree: the same box with another label never matches
        var disagree = boxes(BOXES, unit(1, "obj", "{}", car, "[" + box("person", 0, 0, 10, 10) + "]"));
        assertThat(disagree.measures()).containsEntry("objectF1", 0.0).doesNotContainKey("meanIou");
        // one annotator: nothing to compare
        var alone = boxes(BOXES, unit(1, "obj", "{}", car), unit(2, "obj", "{}", null, car));
        assertThat(alone.items()).isZero();
        assertThat(alone.measures()).isEmpty();
        assertThat(alone.perPair()).isEmpty();
        assertThat(boxes(BOXES).measures()).isEmpty();
        // both left it empty: they agree fully (and there is no IoU); one empty: F1 0
        var empty = boxes(BOXES, unit(1, "obj", "{}", "[]", "[]"));
        assertThat(empty.items()).isEqualTo(1);
        assertThat(empty.measures()).containsEntry("objectF1", 1.0).doesNotContainKey("meanIou");
        assertThat(boxes(BOXES, unit(1, "obj", "{}", "[]", car)).measures()).containsEntry("objectF1", 0.0);
        // pooled over pairs: workers 1, 2 agree, worker 3 drew nothing: (2·1 + 0 + 0) / (2 + 1 + 1) = 0.5
        var pooled = boxes(BOXES, unit(1, "obj", "{}", car, car, "[]"));
        assertThat(pooled.measures()).containsEntry("objectF1", 0.5).containsEntry("meanIou", 1.0);
        // pooled over items: item 1 agrees (2 of 2), item 2 zero overlap (0 of 2) → 2 / 4
        var twoItems = boxes(BOXES, unit(1, "obj", "{}", car, car),
                unit(2, "obj", "{}", car, "[" + box("car", 50, 50, 10, 10) + "]"));
        assertThat(twoItems.items()).isEqualTo(2);
        assertThat(twoItems.measures()).containsEntry("objectF1", 0.5);
    }

    @Test
    void polygonsMatchByAreaIou() {
        // a 10×10 square (area 100) and the triangle that is half of it (area 50): IoU 50 / 100 = 0.5 — a match at 0.5
        var schema = schema("""
                {"name": "seg", "type": "polygons", "labels": ["road"]}""");
        var f = sut.agreement(schema, List.of(unit(1, "seg", "{}",
                "[{\"label\": \"road\", \"points\": [[0,0],[10,0],[10,10],[0,10]]}]",
                "[{\"label\": \"road\", \"points\": [[0,0],[10,0],[10,10]]}]"))).get(0);
        assertThat(f.measures()).containsEntry("objectF1", 1.0).containsEntry("meanIou", 0.5);
    }

    static final String IMAGE = "{\"image\": 7, \"width\": 300, \"height\": 400}";

    static String pt(String label, int x, int y) {
        return "{\"label\": \"" + label + "\", \"x\": " + x + ", \"y\": " + y + "}";
    }

    @Test
    void keypointsAgreeWithinAShareOfTheImageDiagonal() {
        // diagonal of 300×400 = 500 px; 0.05 of it = 25 px. nose 5 px apart agrees, eye 30 px apart does not.
        // pointF1 = 2·1 / (2 + 2) = 0.5; meanDistance = 5 / 500 = 0.01 of the diagonal.
        var schema = schema("""
                {"name": "pose", "type": "keypoints", "labels": ["nose", "eye"]}""");
        String a = "[" + pt("nose", 100, 100) + "," + pt("eye", 200, 200) + "]";
        String b = "[" + pt("nose", 103, 104) + "," + pt("eye", 200, 230) + "]";
        var f = sut.agreement(schema, List.of(unit(1, "pose", IMAGE, a, b))).get(0);
        assertThat(f.measures()).containsEntry("pointF1", 0.5).containsEntry("meanDistance", 0.01);
        assertThat(f.perLabel()).extracting(l -> l.measures().get("pointF1")).containsExactly(1.0, 0.0);
        // a looser agreementDistance (0.1 → 50 px): both agree; mean distance (5 + 30) / 2 / 500 = 0.035
        var loose = schema("""
                {"name": "pose", "type": "keypoints", "labels": ["nose", "eye"], "agreementDistance": 0.1}""");
        assertThat(sut.agreement(loose, List.of(unit(1, "pose", IMAGE, a, b))).get(0).measures())
                .containsEntry("pointF1", 1.0).containsEntry("meanDistance", 0.035);
        // no image size in the data: the field's tolerance (10 px) decides, and there is no normalised distance
        var noSize = sut.agreement(schema, List.of(unit(1, "pose", "{}", a, b))).get(0);
        assertThat(noSize.measures()).containsEntry("pointF1", 0.5).doesNotContainKey("meanDistance");
        // all agree, empty, one annotator
        assertThat(sut.agreement(schema, List.of(unit(1, "pose", IMAGE, a, a, a))).get(0).measures())
                .containsEntry("pointF1", 1.0).containsEntry("meanDistance", 0.0);
        assertThat(sut.agreement(schema, List.of(unit(1, "pose", IMAGE, "[]", "[]"))).get(0).measures())
                .containsEntry("pointF1", 1.0);
        assertThat(sut.agreement(schema, List.of(unit(1, "pose", IMAGE, a))).get(0).items()).isZero();
    }

    static String seg(String speaker, double start, double end, String transcript) {
        return "{\"label\": \"" + speaker + "\", \"start\": " + start + ", \"end\": " + end + ", \"transcript\": \"" + transcript + "\"}";
    }

    static final LabelSchema SPEECH = schema("""
            {"name": "talk", "type": "segments", "labels": ["A", "B"], "transcript": true}""");

    @Test
    void segmentsByTimeOverlapAndTranscriptsOfTheMatches() {
        // A: [0, 2] vs [0.5, 2] → IoU 1.5 / 2 = 0.75, a match; B: [3, 5] vs [4.5, 6] → 0.5 / 3, no match.
        // segmentF1 = 2·1 / 4 = 0.5. Transcripts of the match, normalised (spaces and punctuation dropped):
        // "오늘날씨좋네요" (7) vs "오늘날씨가좋네요" (8): 1 edit / 7.5 = 0.1333; words 1 of 3 differ: 1 / 3.
        var f = sut.agreement(SPEECH, List.of(unit(1, "talk", "{}",
                "[" + seg("A", 0, 2, "오늘 날씨 좋네요") + "," + seg("B", 3, 5, "네") + "]",
                "[" + seg("A", 0.5, 2, "오늘 날씨가 좋네요!") + "," + seg("B", 4.5, 6, "네") + "]"))).get(0);
        assertThat(f.measures()).containsEntry("segmentF1", 0.5).containsEntry("meanIou", 0.75);
        assertThat(f.measures().get("cer")).isCloseTo(1 / 7.5, within(1e-4));
        assertThat(f.measures().get("wer")).isCloseTo(1 / 3.0, within(1e-4));
        // without transcripts: no CER/WER
        var plain = schema("""
                {"name": "talk", "type": "segments", "labels": ["A", "B"]}""");
        assertThat(sut.agreement(plain, List.of(unit(1, "talk", "{}", "[" + seg("A", 0, 2, "") + "]",
                "[" + seg("A", 0, 2, "") + "]"))).get(0).measures()).containsOnlyKeys("segmentF1", "meanIou");
        // all disagree: speakers differ, so nothing matches and no transcript is compared
        var disagree = sut.agreement(SPEECH, List.of(unit(1, "talk", "{}", "[" + seg("A", 0, 2, "네") + "]",
                "[" + seg("B", 0, 2, "네") + "]"))).get(0);
        assertThat(disagree.measures()).containsEntry("segmentF1", 0.0).doesNotContainKeys("meanIou", "cer", "wer");
        // empty results agree; one annotator gives nothing
        assertThat(sut.agreement(SPEECH, List.of(unit(1, "talk", "{}", "[]", "[]"))).get(0).measures())
                .containsEntry("segmentF1", 1.0);
        assertThat(sut.agreement(SPEECH, List.of(unit(1, "talk", "{}", "[" + seg("A", 0, 2, "네") + "]"))).get(0)
                .measures()).isEmpty();
    }

    @Test
    void ksponTranscriptsAreComparedInTheScorersNormalForm() {
        // the spelling side of a dual transcription and no noise tags: both read "3시에 만나" → CER 0, WER 0
        var kspon = schema("""
                {"name": "talk", "type": "segments", "labels": ["A"], "transcript": true, "conventions": "kspon"}""");
        var f = sut.agreement(kspon, List.of(unit(1, "talk", "{}", "[" + seg("A", 0, 2, "b/ 3시에 만나") + "]",
                "[" + seg("A", 0, 2, "(3시)/(세 시)에 만나") + "]"))).get(0);
        assertThat(f.measures()).containsEntry("cer", 0.0).containsEntry("wer", 0.0);
        assertThat(Transcripts.normalWords("(3시)/(세 시)에, 만나!", true)).containsExactly("3시에", "만나");
    }
}
