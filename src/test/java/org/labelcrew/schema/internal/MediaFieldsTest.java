package org.labelcrew.schema.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.labelcrew.schema.Schemas.resultProblems;
import static org.labelcrew.schema.Schemas.schemaProblems;

import org.junit.jupiter.api.Test;

/** boxes, polygons, keypoints and segments: the shapes of DESIGN.md, checked against the image size or audio length. */
class MediaFieldsTest {

    static final String BOXES = """
            {"fields": [{"name": "objects", "type": "boxes", "labels": ["car", "person"],
              "attributes": [{"name": "occluded", "type": "boolean"},
                             {"name": "light", "type": "choice", "values": ["red", "green"], "required": true}]}]}""";
    static final String IMAGE = """
            {"image": 12, "width": 640, "height": 480}""";

    @Test
    void acceptsBoxesInsideTheImageEdgesIncluded() {
        assertThat(resultProblems(BOXES, IMAGE, """
                {"objects": [{"x": 0, "y": 0, "w": 640, "h": 480, "label": "car", "attributes": {"light": "red"}},
                             {"x": 10.5, "y": 20, "w": 5, "h": 5, "label": "person", "attributes": {"occluded": true, "light": "green"}}]}"""))
                .isEmpty();
    }

    @Test
    void namesEachBrokenBoxByItsPath() {
        assertThat(resultProblems(BOXES, IMAGE, """
                {"objects": [{"x": 600, "y": 400, "w": 50, "h": 10, "label": "car", "attributes": {"light": "red"}},
                             {"x": 1, "y": 1, "w": 0, "h": -2, "label": "bus", "attributes": {"light": "blue", "occluded": "yes", "size": 1}},
                             {"x": -1, "y": 0, "w": "3", "h": 3, "label": "car"},
                             [1, 2, 3, 4]]}""")).containsExactly(
                "result.objects[0]: bottom-right corner (650, 410) is outside the image (640 × 480 pixels)",
                "result.objects[1].w: must be more than 0 (a box without width)",
                "result.objects[1].h: must be more than 0 (a box without height)",
                "result.objects[1].label: 'bus' is not one of [car, person]",
                "result.objects[1].attributes.light: 'blue' is not one of [red, green]",
                "result.objects[1].attributes.occluded: must be true or false",
                "result.objects[1].attributes.size: is not an attribute of this field ([occluded, light])",
                "result.objects[2].w: must be a number",
                "result.objects[2]: top-left corner (-1, 0) is outside the image (640 × 480 pixels)",
                "result.objects[2].attributes.light: is required",
                "result.objects[3]: must be an object {\"x\", \"y\", \"w\", \"h\", \"label\"}");
    }

    @Test
    void withoutTheImageSizeOnlyNegativeCoordinatesAreOutside() {
        assertThat(resultProblems(BOXES, "{\"image\": 3}", """
                {"objects": [{"x": 5000, "y": 5000, "w": 10, "h": 10, "label": "car", "attributes": {"light": "red"}}]}""")).isEmpty();
    }

    @Test
    void checksTheDefinitionOfAttributes() {
        assertThat(schemaProblems("""
                {"fields": [{"name": "o", "type": "boxes", "labels": ["a"], "iou": 1.5,
                  "attributes": [{"name": "x", "type": "choice"}, {"name": "x", "type": "number"}, {"name": "b", "type": "boolean", "values": ["y"]}]}]}"""))
                .containsExactly(
                        "schema.fields[0].attributes[0].values: must be a non-empty array of strings",
                        "schema.fields[0].attributes[1].name: 'x' is used twice",
                        "schema.fields[0].attributes[1].type: must be \"boolean\" or \"choice\"",
                        "schema.fields[0].attributes[2].values: a boolean attribute has no values",
                        "schema.fields[0].iou: must be a number in (0, 1], the overlap from which a shape matches when scored");
    }

    static final String POLYGONS = """
            {"fields": [{"name": "regions", "type": "polygons", "labels": ["road"]}]}""";

    @Test
    void polygonsNeedThreeVerticesInsideAndAnArea() {
        assertThat(resultProblems(POLYGONS, IMAGE, """
                {"regions": [{"points": [[0, 0], [640, 0], [640, 480]], "label": "road"}]}""")).isEmpty();
        assertThat(resultProblems(POLYGONS, IMAGE, """
                {"regions": [{"points": [[0, 0], [10, 10], [20, 20]], "label": "road"},
                             {"points": [[0, 0], [10, 0]], "label": "road"},
                             {"points": [[0, 0], [10, 0], [700, 5], [3, "4"]], "label": "road"}]}""")).containsExactly(
                "result.regions[0].points: enclose no area (the vertices lie on one line)",
                "result.regions[1].points: must be an array of at least 3 points [x, y]",
                "result.regions[2].points[2]: (700, 5) is outside the image (640 × 480 pixels)",
                "result.regions[2].points[3]: must be [x, y], two numbers");
    }

    static final String KEYPOINTS = """
            {"fields": [{"name": "pose", "type": "keypoints", "labels": ["nose", "left_eye", "right_eye"],
              "skeleton": [["nose", "left_eye"], ["nose", "right_eye"]]}]}""";

    @Test
    void keypointsAreNamedPointsInsideTheImage() {
        assertThat(resultProblems(KEYPOINTS, IMAGE, """
                {"pose": [{"x": 100, "y": 100, "label": "nose"}, {"x": 90, "y": 90, "label": "left_eye"}]}""")).isEmpty();
        assertThat(resultProblems(KEYPOINTS, IMAGE, """
                {"pose": [{"x": 641, "y": 100, "label": "nose"}, {"x": 90, "label": "ear"}]}""")).containsExactly(
                "result.pose[0]: (641, 100) is outside the image (640 × 480 pixels)",
                "result.pose[1].y: must be a number",
                "result.pose[1].label: 'ear' is not one of [nose, left_eye, right_eye]");
        assertThat(schemaProblems("""
                {"fields": [{"name": "pose", "type": "keypoints", "labels": ["nose", "eye"], "skeleton": [["nose", "ear"], ["eye", "eye"], "nose"]}]}"""))
                .containsExactly(
                        "schema.fields[0].skeleton[0][1]: 'ear' is not one of [nose, eye]",
                        "schema.fields[0].skeleton[1]: joins 'eye' to itself",
                        "schema.fields[0].skeleton[2]: must be a pair of labels [\"a\", \"b\"]");
        assertThat(schemaProblems("""
                {"fields": [{"name": "pose", "type": "keypoints", "labels": ["nose"], "agreementDistance": 1.5}]}"""))
                .containsExactly("schema.fields[0].agreementDistance: must be a share of the image diagonal, more than 0 and at most 1");
        assertThat(schemaProblems("""
                {"fields": [{"name": "pose", "type": "keypoints", "labels": ["nose"], "agreementDistance": 0.02}]}""")).isEmpty();
    }

    static final String SEGMENTS = """
            {"fields": [{"name": "speech", "type": "segments", "labels": ["A", "B"], "transcript": true, "conventions": "kspon"}]}""";
    static final String AUDIO = """
            {"audio": 7, "duration": 12.5}""";

    @Test
    void segmentsLieWithinTheAudioAndCarryTranscripts() {
        assertThat(resultProblems(SEGMENTS, AUDIO, """
                {"speech": [{"start": 0, "end": 3.2, "label": "A", "transcript": "b/ 아/ 그게 (3)/(세) 시에 *  만나요"},
                            {"start": 2.5, "end": 12.5, "label": "B", "transcript": "(SNS)/(에스엔에스) 봤어? l/"}]}""")).isEmpty();
        assertThat(resultProblems(SEGMENTS, AUDIO, """
                {"speech": [{"start": 3, "end": 3, "label": "A", "transcript": ""},
                            {"start": -1, "end": 2, "label": "C"},
                            {"start": 10, "end": 13, "label": "B", "transcript": "3시에 OK"}]}""")).containsExactly(
                "result.speech[0].end: must be more than start (3 s)",
                "result.speech[1].start: must be 0 or more (seconds)",
                "result.speech[1].label: 'C' is not one of [A, B]",
                "result.speech[1].transcript: must be a string (the words said)",
                "result.speech[2].end: 13 s is past the end of the audio (12.5 s)",
                "result.speech[2].transcript: at character 1: numbers are written as a dual transcription, e.g. (3)/(세)",
                "result.speech[2].transcript: at character 5: Latin letters go in a dual transcription (spelling)/(pronunciation); noise tags are b/ n/ l/ o/ u/");
    }

    @Test
    void ksponDualTranscriptionsMustBeWhole() {
        assertThat(resultProblems(SEGMENTS, AUDIO, """
                {"speech": [{"start": 0, "end": 1, "label": "A", "transcript": "(3)/세 그리고 (3)/(3) 끝)"}]}""")).containsExactly(
                "result.speech[0].transcript: at character 1: '(' must open a dual transcription (spelling)/(pronunciation), e.g. (3)/(세)",
                "result.speech[0].transcript: at character 16: the pronunciation in (spelling)/(pronunciation) is written in Hangul",
                "result.speech[0].transcript: at character 20: ')' closes nothing");
    }

    @Test
    void overlapIsRefusedOnlyWhenTheFieldSaysSo() {
        String noOverlap = """
                {"fields": [{"name": "speech", "type": "segments", "labels": ["A"], "allowOverlap": false}]}""";
        assertThat(resultProblems(noOverlap, AUDIO, """
                {"speech": [{"start": 0, "end": 2, "label": "A"}, {"start": 1.5, "end": 3, "label": "A"}, {"start": 3, "end": 4, "label": "A"}]}"""))
                .containsExactly("result.speech[1]: overlaps speech[0] (0–2 s); this field does not allow overlap");
        assertThat(resultProblems(noOverlap, AUDIO, """
                {"speech": [{"start": 0, "end": 1, "label": "A", "transcript": "안녕"}]}"""))
                .containsExactly("result.speech[0].transcript: this field has no transcripts");
        assertThat(schemaProblems("""
                {"fields": [{"name": "s", "type": "segments", "labels": ["A"], "conventions": "kspon"}]}"""))
                .containsExactly("schema.fields[0].conventions: needs \"transcript\": true");
    }
}
