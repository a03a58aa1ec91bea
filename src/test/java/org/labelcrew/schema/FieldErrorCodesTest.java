package org.labelcrew.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.labelcrew.schema.internal.AllFieldTypes;
import org.labelcrew.shared.ApiException.FieldError;

/**
 * Every problem the label schema finds carries a code and parameters, so the browser can say it in Korean or English
 * ({@code code.<code>} in web/src/app/messages.ts); the English message stays for scripts. The cases below feed bad
 * results for every field type, and bad definitions, and between them meet every code the schema rules can send.
 * {@value #CODES} lists every code a {@code FieldError} can carry; the web's test (serverText.test.ts) checks that each
 * has a message in both languages.
 */
class FieldErrorCodesTest {

    static final String CODES = "src/test/resources/field-error-codes.txt";
    private static final Pattern CODED = Pattern.compile("(?:FieldError\\.coded\\([^,;]*,|new Problem\\()\\s*\"([a-z]+(?:\\.[a-zA-Z]+)+)\"");

    private static final SchemaService SCHEMAS = new SchemaService(AllFieldTypes.all());

    record Case(String schema, String data, String result, List<String> expected) {
    }

    /** A schema with one field of each type. */
    static final String ALL = """
            {"fields": [
              {"name": "topic", "type": "choice", "options": ["a", "b"]},
              {"name": "tags", "type": "choice", "options": ["x", "y", "z"], "multiple": true, "min": 1, "max": 2},
              {"name": "note", "type": "text", "minChars": 2, "maxChars": 4, "required": false},
              {"name": "ents", "type": "spans", "labels": ["PER", "ORG"], "required": true},
              {"name": "links", "type": "relations", "labels": ["of"], "between": "ents", "required": false},
              {"name": "picked", "type": "extractive", "min": 1, "max": 2},
              {"name": "summary", "type": "abstractive", "minChars": 1, "maxChars": 3},
              {"name": "boxes", "type": "boxes", "labels": ["car"], "required": false,
               "attributes": [{"name": "occluded", "type": "boolean"}, {"name": "light", "type": "choice", "values": ["red"], "required": true}]},
              {"name": "polys", "type": "polygons", "labels": ["road"], "required": false},
              {"name": "pose", "type": "keypoints", "labels": ["nose"], "required": false},
              {"name": "speech", "type": "segments", "labels": ["A"], "transcript": true, "conventions": "kspon",
               "allowOverlap": false, "maxChars": 20, "required": false}
            ]}""";
    static final String DATA = """
            {"text": "홍길동은 서울에", "sentences": ["하나.", "둘."], "width": 640, "height": 480, "duration": 10}""";

    static final List<Case> RESULTS = List.of(
            new Case(ALL, DATA, "[1]", List.of("result result.notObject {}")),
            new Case(ALL, DATA, """
                    {"topic": "c", "tags": ["x", "x", "w"], "note": "a", "ents": [], "picked": [5, 0, 0, "1"], "summary": "너무 길다",
                     "extra": 1}""", List.of(
                    "result.topic value.notAllowed {value=c, allowed=[a, b]}",
                    "result.tags[1] choice.chosenTwice {value=x}",
                    "result.tags[2] value.notAllowed {value=w, allowed=[x, y, z]}",
                    "result.tags field.tooMany {max=2, actual=3}",
                    "result.note field.tooShort {min=2, actual=1}",
                    "result.ents field.required {}",
                    "result.picked[0] extractive.outOfRange {index=5, last=1}",
                    "result.picked[2] extractive.pickedTwice {index=0}",
                    "result.picked[3] extractive.notIndex {}",
                    "result.picked field.tooMany {max=2, actual=4}",
                    "result.summary field.tooLong {max=3, actual=5}",
                    "result.extra field.unknown {name=extra}")),
            new Case(ALL, DATA, """
                    {"topic": 1, "tags": "x", "note": 3, "ents": {}, "picked": 1, "summary": ["s"]}""", List.of(
                    "result.topic choice.notString {}",
                    "result.tags choice.notArray {}",
                    "result.note value.notString {}",
                    "result.ents field.required {}",
                    "result.picked extractive.notArray {}",
                    "result.summary value.notString {}")),
            new Case(ALL, "{}", """
                    {"topic": "a", "tags": [], "ents": [{"id": 1, "start": 0, "end": 1, "label": "PER"}], "picked": [0], "summary": "요"}""", List.of(
                    "result.tags field.required {}",
                    "result.ents spans.noText {source=text}",
                    "result.picked extractive.noSentences {}")),
            new Case(ALL, DATA, """
                    {"topic": "a", "tags": ["x", "y"], "picked": [0], "summary": "요",
                     "ents": [{"id": 1, "start": 0, "end": 3, "label": "PER"}, {"id": 1, "start": 2, "end": 4, "label": "ORG"},
                              {"id": "", "start": -1, "end": 99, "label": "LOC"}, {"id": 2, "start": 3, "end": 99, "label": "PER"},
                              {"id": 3, "start": 4, "end": 4, "label": "PER"}, {"id": 4, "start": 1, "end": 2, "label": "PER"}, 7],
                     "links": [{"from": 1, "to": 1, "label": "of"}, {"from": 4, "to": 9, "label": "is"}, {"from": [], "to": 4, "label": "of"},
                               {"from": 4, "to": 1, "label": "of"}, {"from": 4, "to": 1, "label": "of"}, "x"]}""", List.of(
                    "result.ents[1].id span.idUsedTwice {id=1}",
                    "result.ents[2].id span.badId {}",
                    "result.ents[2].start span.badOffset {}",
                    "result.ents[2].label value.notAllowed {value=LOC, allowed=[PER, ORG]}",
                    "result.ents[3].end span.outOfText {end=99, length=8}",
                    "result.ents[4].end span.endNotAfterStart {start=4}",
                    "result.ents[6] value.notObject {shape={\"id\", \"start\", \"end\", \"label\"}}",
                    "result.ents[5] span.overlap {other=ents[0], start=0, end=3}",
                    "result.links[0].to relation.toItself {}",
                    "result.links[1].to relation.noSpan {id=9, between=ents}",
                    "result.links[1].label value.notAllowed {value=is, allowed=[of]}",
                    "result.links[2].from relation.badEnd {between=ents}",
                    "result.links[4] relation.givenTwice {from=4, to=1, label=of}",
                    "result.links[5] value.notObject {shape={\"from\", \"to\", \"label\"}}")),
            new Case(ALL, DATA, """
                    {"topic": "a", "tags": ["x"], "picked": [0], "summary": "요", "ents": 5, "links": 5, "boxes": 5, "polys": 5,
                     "pose": 5, "speech": 5}""", List.of(
                    "result.ents value.notArray {shape={\"id\", \"start\", \"end\", \"label\"}}",
                    "result.links value.notArray {shape={\"from\", \"to\", \"label\"}}",
                    "result.boxes value.notArray {shape={\"x\", \"y\", \"w\", \"h\", \"label\", \"attributes\"}}",
                    "result.polys value.notArray {shape={\"points\": [[x, y], …], \"label\", \"attributes\"}}",
                    "result.pose value.notArray {shape={\"x\", \"y\", \"label\"}}",
                    "result.speech value.notArray {shape={\"start\", \"end\", \"label\", \"transcript\"}}")),
            new Case(ALL, DATA, """
                    {"topic": "a", "tags": ["x"], "picked": [0], "summary": "요", "ents": [{"id": 1, "start": 0, "end": 1, "label": "PER"}],
                     "boxes": [{"x": 600, "y": 400, "w": 50, "h": 10, "label": "car", "attributes": {"light": "red"}},
                               {"x": -1, "y": 0, "w": 0, "h": -1, "label": "bus", "attributes": {"light": "blue", "occluded": 1, "size": 1}},
                               {"x": "1", "y": 0, "w": 1, "h": 1, "label": "car", "attributes": 3},
                               {"x": 1, "y": 1, "w": 1, "h": 1, "label": "car"}, 1]}""", List.of(
                    "result.boxes[0] shape.outsideImage {x=650.0, y=410.0, width=640.0, height=480.0}",
                    "result.boxes[1].w box.noWidth {}",
                    "result.boxes[1].h box.noHeight {}",
                    "result.boxes[1] shape.outsideImage {x=-1.0, y=0.0, width=640.0, height=480.0}",
                    "result.boxes[1].label value.notAllowed {value=bus, allowed=[car]}",
                    "result.boxes[1].attributes.light value.notAllowed {value=blue, allowed=[red]}",
                    "result.boxes[1].attributes.occluded value.notBoolean {}",
                    "result.boxes[1].attributes.size attribute.unknown {name=size, allowed=[occluded, light]}",
                    "result.boxes[2].x value.notNumber {}",
                    "result.boxes[2].attributes value.notObject {shape={name: value}}",
                    "result.boxes[3].attributes.light field.required {}",
                    "result.boxes[4] value.notObject {shape={\"x\", \"y\", \"w\", \"h\", \"label\"}}")),
            new Case(ALL, "{\"sentences\": [\"a\"], \"text\": \"abc\"}", """
                    {"topic": "a", "tags": ["x"], "picked": [0], "summary": "요", "ents": [{"id": 1, "start": 0, "end": 1, "label": "PER"}],
                     "boxes": [{"x": -2, "y": 3, "w": 1, "h": 1, "label": "car", "attributes": {"light": "red"}}]}""", List.of(
                    "result.boxes[0] shape.negative {x=-2.0, y=3.0}")),
            new Case(ALL, DATA, """
                    {"topic": "a", "tags": ["x"], "picked": [0], "summary": "요", "ents": [{"id": 1, "start": 0, "end": 1, "label": "PER"}],
                     "polys": [{"points": [[0, 0], [1, 1]], "label": "road"}, {"points": [[0, 0], [1, 1], [2, 2]], "label": "road"},
                               {"points": [[0, 0], [700, 1], "x"], "label": "sky"}, 3],
                     "pose": [{"x": 1, "y": 900, "label": "nose"}, {"x": 1, "label": "ear"}, 2]}""", List.of(
                    "result.polys[0].points polygon.fewPoints {min=3}",
                    "result.polys[1].points shape.degenerate {}",
                    "result.polys[2].points[1] shape.outsideImage {x=700.0, y=1.0, width=640.0, height=480.0}",
                    "result.polys[2].points[2] point.invalid {}",
                    "result.polys[2].label value.notAllowed {value=sky, allowed=[road]}",
                    "result.polys[3] value.notObject {shape={\"points\": [[x, y], …], \"label\"}}",
                    "result.pose[0] shape.outsideImage {x=1.0, y=900.0, width=640.0, height=480.0}",
                    "result.pose[1].y value.notNumber {}",
                    "result.pose[1].label value.notAllowed {value=ear, allowed=[nose]}",
                    "result.pose[2] value.notObject {shape={\"x\", \"y\", \"label\"}}")),
            new Case(ALL, DATA, """
                    {"topic": "a", "tags": ["x"], "picked": [0], "summary": "요", "ents": [{"id": 1, "start": 0, "end": 1, "label": "PER"}],
                     "speech": [{"start": 0, "end": 2, "label": "A", "transcript": "네"}, {"start": 1, "end": 3, "label": "A", "transcript": "3 abc"},
                                {"start": -1, "end": 1, "label": "A", "transcript": 1}, {"start": 5, "end": 4, "label": "B", "transcript": "(x"},
                                {"start": 5, "end": 11, "label": "A", "transcript": "아) (3)/(3) 이것은 아주 아주 긴 전사입니다 정말"}, 0]}""", List.of(
                    "result.speech[1].transcript kspon.digits {at=1}",
                    "result.speech[1].transcript kspon.latin {at=3}",
                    "result.speech[2].start segment.negativeStart {}",
                    "result.speech[2].transcript value.notString {}",
                    "result.speech[3].end segment.endNotAfterStart {start=5.0}",
                    "result.speech[3].label value.notAllowed {value=B, allowed=[A]}",
                    "result.speech[3].transcript kspon.unclosedDual {at=1}",
                    "result.speech[3].transcript kspon.latin {at=2}",
                    "result.speech[4].end segment.outsideAudio {end=11.0, duration=10.0}",
                    "result.speech[4].transcript field.tooLong {max=20, actual=31}",
                    "result.speech[4].transcript kspon.strayClose {at=2}",
                    "result.speech[4].transcript kspon.pronunciationNotHangul {at=9}",
                    "result.speech[5] value.notObject {shape={\"start\", \"end\", \"label\", \"transcript\"}}",
                    "result.speech[1] segment.overlap {other=speech[0], start=0.0, end=2.0}")),
            new Case("""
                    {"fields": [{"name": "s", "type": "segments", "labels": ["A"], "min": 2}]}""", DATA, """
                    {"s": [{"start": 0, "end": 1, "label": "A", "transcript": "네"}]}""", List.of(
                    "result.s[0].transcript segment.noTranscripts {}",
                    "result.s field.tooFew {min=2, actual=1}")));

    static final List<String> BAD_SCHEMAS = List.of(
            "[]",
            "{\"fields\": []}",
            "{\"fields\": [" + "{\"name\": \"f\", \"type\": \"text\"},".repeat(51) + "1]}",
            """
            {"fields": [{"name": "1a", "type": "choice", "options": [], "required": "yes"},
              {"name": "c", "type": "choice", "options": [{"value": "a", "hotkey": "ab"}, {"value": "b", "hotkey": "x"},
                {"value": "c", "hotkey": "X"}, " ", "b", "b", 3], "multiple": "no", "min": 1},
              {"name": "m", "type": "choice", "options": ["a"], "multiple": true, "min": 2, "max": 1.5},
              {"name": "c", "type": "nope"},
              {"name": "t", "type": "text", "minChars": -1, "maxChars": 0},
              {"name": "t2", "type": "abstractive", "minChars": 5, "maxChars": 4},
              {"name": "e", "type": "extractive", "min": -1, "max": 0},
              {"name": "e2", "type": "extractive", "min": 3, "max": 2},
              {"name": "s", "type": "spans", "labels": [{"value": "A", "color": "red"}, {"value": "B", "hotkey": "q"}, {"value": "C", "hotkey": "q"}],
               "allowOverlap": 1, "source": "a b"},
              {"name": "s2", "type": "spans", "labels": []},
              {"name": "r", "type": "relations", "labels": ["x"]},
              {"name": "r2", "type": "relations", "labels": ["x"], "between": "nothing"},
              {"name": "r3", "type": "relations", "labels": ["x"], "between": "t"},
              {"name": "b", "type": "boxes", "labels": ["a"], "iou": 2, "source": "1",
               "attributes": [1, {"name": "x y", "type": "boolean", "values": ["a"]}, {"name": "k", "type": "choice"},
                 {"name": "k", "type": "choice", "values": [" ", "a", "a"]}, {"name": "z", "type": "int"}]},
              {"name": "b2", "type": "polygons", "labels": ["a"], "attributes": {}},
              {"name": "k", "type": "keypoints", "labels": ["a", "b"], "tolerance": 0, "agreementDistance": 2, "skeleton": 1},
              {"name": "k2", "type": "keypoints", "labels": ["a", "b"], "skeleton": [["a"], ["a", "a"], ["a", "c"]]},
              {"name": "g", "type": "segments", "labels": ["a"], "conventions": "other", "iou": 0},
              {"name": "g2", "type": "segments", "labels": ["a"], "conventions": "kspon"},
              {"name": "l", "type": "spans", "labels": [%s]},
              {"name": "l2", "type": "boxes", "labels": ["a"], "attributes": [%s]},
              {"name": "l3", "type": "boxes", "labels": ["a"], "attributes": [{"name": "v", "type": "choice", "values": [%s]}]},
              {"name": "l4", "type": "choice", "options": [%s]},
              {"name": "l5", "type": "polygons", "labels": ["a"], "min": 20000}]}""".formatted(
                    numbered("\"l%d\"", 201), numbered("{\"name\": \"a%d\", \"type\": \"boolean\"}", 51),
                    numbered("\"v%d\"", 201), numbered("\"o%d\"", 501)));

    static String numbered(String format, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(format.formatted(i));
        return String.join(", ", out);
    }

    static String line(FieldError e) {
        return e.field() + " " + e.code() + " " + e.params();
    }

    @Test
    void eachBrokenResultNamesItsFieldWithACodeAndParameters() {
        SoftAssertions soft = new SoftAssertions();
        for (Case c : RESULTS) {
            List<FieldError> errors = SCHEMAS.resultProblems(Schemas.json(c.schema()), Schemas.json(c.data()), Schemas.json(c.result()));
            soft.assertThat(errors).as(c.result()).allSatisfy(e -> assertThat(e.code()).as(e.field() + ": " + e.message()).isNotNull());
            soft.assertThat(errors.stream().map(FieldErrorCodesTest::line)).as(c.result()).containsExactlyInAnyOrderElementsOf(c.expected());
        }
        soft.assertAll();
    }

    @Test
    void eachBrokenDefinitionHasACode() {
        assertThat(SCHEMAS.problems(Schemas.json(ALL), "schema")).isEmpty();
        for (String schema : BAD_SCHEMAS) {
            List<FieldError> errors = SCHEMAS.problems(Schemas.json(schema), "schema");
            assertThat(errors).as(schema).isNotEmpty()
                    .allSatisfy(e -> assertThat(e.code()).as(e.field() + ": " + e.message()).isNotNull());
        }
    }

    /** The cases above are not a sample: between them they meet every code the schema rules can send. */
    @Test
    void theCasesMeetEveryCodeOfTheSchemaRules() throws IOException {
        Set<String> seen = new TreeSet<>();
        for (Case c : RESULTS) {
            SCHEMAS.resultProblems(Schemas.json(c.schema()), Schemas.json(c.data()), Schemas.json(c.result()))
                    .forEach(e -> seen.add(e.code()));
        }
        for (String schema : BAD_SCHEMAS) SCHEMAS.problems(Schemas.json(schema), "schema").forEach(e -> seen.add(e.code()));
        assertThat(seen).containsExactlyInAnyOrderElementsOf(codesIn(Path.of("src/main/java/org/labelcrew/schema")));
    }

    /** The list the web's test reads is the list of codes in the server's sources. */
    @Test
    void theListOfCodesIsTheCodesInTheSources() throws IOException {
        Set<String> listed = new TreeSet<>(Files.readAllLines(Path.of(CODES)).stream().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList());
        assertThat(listed).as("the codes in " + CODES + " (one a line, sorted)")
                .containsExactlyElementsOf(codesIn(Path.of("src/main/java")));
    }

    @Test
    void theReadingOfTheSourcesSeesEachCode() {
        assertThat(codes("""
                errors.add(FieldError.coded(path + ".min", "number.range", "must be 0.." + hardMax, "min", 0));
                errors.add(FieldError.coded(
                        at, "value.notObject", "x"));
                problems.add(new Problem("kspon.latin", i + 1, "at character"));
                errors.add(FieldError.coded("review.mode", "value.oneOf", "must be", "allowed", List.of("A")));
                errors.add(FieldError.field(path, "is required"));""")).containsExactly("kspon.latin", "number.range", "value.notObject", "value.oneOf");
    }

    static Set<String> codesIn(Path root) throws IOException {
        Set<String> out = new TreeSet<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) out.addAll(codes(Files.readString(f)));
        }
        return out;
    }

    static Set<String> codes(String source) {
        Set<String> out = new TreeSet<>();
        Matcher m = CODED.matcher(source);
        while (m.find()) out.add(m.group(1));
        return out;
    }
}
