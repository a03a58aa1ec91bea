package org.labelcrew.quality;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.labelcrew.schema.Field;
import org.labelcrew.schema.LabelSchema;
import org.labelcrew.schema.SchemaService;
import org.labelcrew.schema.scoring.AgreementMeasure;
import org.labelcrew.shared.ApiException;
import org.labelcrew.task.TaskStore;
import tools.jackson.databind.JsonNode;

/**
 * One pass over a project's stored results (newest version of each labeler's submitted work, task by task): each is
 * re-validated against the schema as it is now (syntactic accuracy), grouped by task into agreement units, and counted
 * into the distributions of the report (labels per field, lengths of free text, and per modality: image sizes, objects
 * per image, audio durations, segments per audio, transcript lengths).
 */
final class ResultScan {

    /** At most this many invalid results are named in the figures (the count is always complete). */
    static final int EXAMPLES = 20;

    record Invalid(long taskId, long assignmentId, String field, String message) {
    }

    final List<AgreementMeasure.Unit> units = new ArrayList<>();
    final List<Invalid> examples = new ArrayList<>();
    /** field → label → how many times chosen/drawn. */
    final Map<String, Map<String, Long>> labels = new LinkedHashMap<>();
    /** field → character lengths of every non-empty text value. */
    final Map<String, List<Integer>> lengths = new LinkedHashMap<>();
    /** character lengths of the items' {@code text} (the text modality's source), one per item. */
    final List<Integer> itemLengths = new ArrayList<>();
    /** "width×height" → images of that size, one per item whose data carries a size. */
    final Map<String, Long> imageSizes = new LinkedHashMap<>();
    /** whole seconds (rounded) of each item's audio, one per item whose data carries a duration. */
    final List<Integer> audioSeconds = new ArrayList<>();
    /** per stored result: boxes + polygons drawn (when the schema has such fields). */
    final List<Integer> objectsPerImage = new ArrayList<>();
    /** per stored result: key points placed (when the schema has a keypoints field). */
    final List<Integer> pointsPerImage = new ArrayList<>();
    /** per stored result: segments marked (when the schema has a segments field). */
    final List<Integer> segmentsPerAudio = new ArrayList<>();
    /** characters of every non-blank transcript of a segment. */
    final List<Integer> transcriptLengths = new ArrayList<>();
    long checked;
    long valid;

    private final LabelSchema schema;
    private final JsonNode schemaJson;
    private final SchemaService schemas;
    private long taskId = -1;
    private JsonNode data;
    private Map<Long, JsonNode> results = new LinkedHashMap<>();

    ResultScan(JsonNode schemaJson, SchemaService schemas) {
        this.schemaJson = schemaJson;
        this.schema = LabelSchema.of(schemaJson);
        this.schemas = schemas;
        for (Field f : schema.fields()) {
            switch (f.type()) {
                case "choice", "spans", "relations", "boxes", "polygons", "keypoints", "segments" -> labels.put(f.name(), new TreeMap<>());
                case "text", "abstractive" -> lengths.put(f.name(), new ArrayList<>());
                default -> { }
            }
        }
    }

    static ResultScan of(long projectId, JsonNode schema, SchemaService schemas, TaskStore tasks) {
        ResultScan scan = new ResultScan(schema, schemas);
        tasks.storedResults(projectId, scan::accept);
        scan.flush();
        return scan;
    }

    void accept(TaskStore.StoredResult r) {
        if (r.taskId() != taskId) {
            flush();
            taskId = r.taskId();
            data = r.data();
            JsonNode text = data.get("text");
            if (text != null && text.isString()) itemLengths.add(text.asString().codePointCount(0, text.asString().length()));
            long width = data.path("width").asLong(0);
            long height = data.path("height").asLong(0);
            if (data.path("width").isNumber() && data.path("height").isNumber() && width > 0 && height > 0) {
                imageSizes.merge(width + "×" + height, 1L, Long::sum);
            }
            if (data.path("duration").isNumber()) audioSeconds.add((int) Math.round(data.path("duration").asDouble()));
        }
        results.put(r.labelerId(), r.result());
        checked++;
        List<ApiException.FieldError> problems = schemas.resultProblems(schemaJson, r.data(), r.result());
        if (problems.isEmpty()) valid++;
        else if (examples.size() < EXAMPLES) {
            examples.add(new Invalid(r.taskId(), r.assignmentId(), problems.get(0).field(), problems.get(0).message()));
        }
        count(r.result());
    }

    private void count(JsonNode result) {
        int objects = -1;
        int points = -1;
        int segments = -1;
        for (Field f : schema.fields()) {
            JsonNode v = f.value(result);
            int size = v != null && v.isArray() ? v.size() : 0;
            switch (f.type()) {
                case "boxes", "polygons" -> objects = Math.max(objects, 0) + size;
                case "keypoints" -> points = Math.max(points, 0) + size;
                case "segments" -> {
                    segments = Math.max(segments, 0) + size;
                    if (f instanceof Field.Segments sg && sg.transcript() && size > 0) {
                        for (JsonNode seg : v) {
                            String t = seg.path("transcript").asString("").strip();
                            if (!t.isEmpty()) transcriptLengths.add(t.codePointCount(0, t.length()));
                        }
                    }
                }
                default -> { }
            }
            if (v == null || v.isNull()) continue;
            Map<String, Long> perLabel = labels.get(f.name());
            if (perLabel != null) {
                if (v.isArray()) {
                    for (JsonNode x : v) {
                        String l = x.isObject() ? x.path("label").asString("") : x.asString("");
                        if (!l.isEmpty()) perLabel.merge(l, 1L, Long::sum);
                    }
                } else if (v.isString() && !v.asString().isEmpty()) {
                    perLabel.merge(v.asString(), 1L, Long::sum);
                }
            }
            List<Integer> len = lengths.get(f.name());
            if (len != null && v.isString() && !v.asString().isBlank()) {
                String s = v.asString().strip();
                len.add(s.codePointCount(0, s.length()));
            }
        }
        if (objects >= 0) objectsPerImage.add(objects);
        if (points >= 0) pointsPerImage.add(points);
        if (segments >= 0) segmentsPerAudio.add(segments);
    }

    private void flush() {
        if (taskId >= 0 && !results.isEmpty()) units.add(new AgreementMeasure.Unit(taskId, data, results));
        results = new LinkedHashMap<>();
    }
}
