package org.labelcrew.io.labelstudio;

import java.io.InputStream;
import org.labelcrew.io.ImportFormat;
import org.labelcrew.io.media.MediaZipFormat;
import org.labelcrew.media.Media;
import org.labelcrew.media.MediaProperties;
import org.labelcrew.media.MediaStore;
import org.labelcrew.io.support.JsonArrayReader;
import org.labelcrew.io.support.Texts;
import org.labelcrew.io.support.Utf8Lines;
import org.labelcrew.schema.LabelSchema;
import org.springframework.stereotype.Component;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Label Studio task JSON: an array of {@code {"id"?, "data": {…}, "annotations"?: [{"result": […]}], "predictions"?:
 * [{"result": […]}]}} (a single task object is accepted too; a task without {@code data} is its own data, as LS has
 * it). Streamed: one task in memory at a time. Each task becomes one of ours with its {@code data}, and:
 *
 * <ul>
 * <li>the first annotation that was not cancelled and has results, else the first prediction, is converted to our
 * result shape ({@link LabelStudio}) and stored as {@code data.prediction}: a result object keyed by our field
 * names, which the labeling screen can start from and the LS export writes back as the task's prediction. Span
 * offsets become code points into the NFC text (LS counts UTF-16 units of the text it had);</li>
 * <li>every key of the task besides {@code data} ({@code id}, {@code annotations} with {@code completed_by},
 * {@code lead_time}, {@code was_cancelled} and dates, cancelled ones included, {@code predictions} with
 * {@code model_version} and {@code score}, {@code meta}, and keys we do not know) is kept raw as
 * {@code data.meta.labelstudio}, and the LS export writes them back, so nothing of the file is lost;</li>
 * <li>span offsets: a region's {@code value.text} says whether the file counts UTF-16 units (Label Studio) or code
 * points (Python tools); a region whose text is at neither is refused naming it and its field.</li>
 * <li>a task with an annotation marked {@code "ground_truth": true} becomes a gold item (control task) with that
 * annotation as its reference; its annotations and predictions are then not kept in the data ({@link #goldItem}).</li>
 * </ul>
 * Errors name the task by its 1-based position in the array, as {@code line}: "task 17: …".
 */
@Component
class LabelStudioFormat implements ImportFormat {

    /** The key under {@code data.meta} that keeps the LS task's other keys, raw. */
    static final String ENVELOPE = "labelstudio";

    private final ObjectMapper mapper;
    private final MediaStore media;
    private final MediaProperties limits;

    LabelStudioFormat(ObjectMapper mapper, MediaStore media, MediaProperties limits) {
        this.mapper = mapper;
        this.media = media;
        this.limits = limits;
    }

    @Override
    public String name() {
        return "labelstudio";
    }

    @Override
    public boolean itemsFollowLines() {
        return false;
    }

    /** A zip of the task JSON and the images or audio files it names (or several files sent at once). */
    @Override
    public boolean takesSeveralFiles() {
        return true;
    }

    @Override
    public boolean binary(boolean zip) {
        return zip;
    }

    /**
     * A zip (it starts with {@code PK\3\4}) is an image or audio import: read as {@code images-zip} / {@code audio-zip}
     * (audio when the schema has a segments field), with the task JSON inside ({@link LabelStudioMediaTasks}). Anything
     * else is the task JSON of a text project.
     */
    @Override
    public Reader openFor(InputStream raw, Context context) {
        java.io.BufferedInputStream in = new java.io.BufferedInputStream(raw, 1 << 16);
        boolean zip;
        try {
            in.mark(4);
            byte[] head = in.readNBytes(4);
            in.reset();
            zip = head.length == 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        if (!zip) return open(in, context.schema(), context.options());
        LabelSchema schema = LabelSchema.of(context.schema());
        Media.Kind kind = schema.first(org.labelcrew.schema.Field.Segments.class).isPresent() ? Media.Kind.AUDIO : Media.Kind.IMAGE;
        return new MediaZipFormat(name(), kind, media, limits, mapper, c -> new LabelStudioMediaTasks(mapper, schema, kind))
                .openFor(in, context);
    }

    @Override
    public Reader open(InputStream in) {
        return open(in, null);
    }

    @Override
    public Reader open(InputStream in, JsonNode schemaJson) {
        LabelSchema schema = LabelSchema.of(schemaJson);
        return new JsonArrayReader(mapper, in) {
            @Override
            protected String noun() {
                return "task";
            }

            @Override
            protected Entry begin(JsonParser p) {
                JsonToken t = p.nextToken();
                if (t == null) return LineError.coded(1, "import.file.empty", "the file is empty");
                if (t == JsonToken.START_ARRAY) return null;
                if (t == JsonToken.START_OBJECT) {
                    JsonNode single = mapper.readTree(p);
                    if (p.nextToken() != null) return error(1, LineError.coded(0, "import.ls.afterTask", "has content after the task object"));
                    return element(1, single);
                }
                return LineError.coded(1, "import.ls.notArray", "the file must be a JSON array of tasks [{\"data\": {…}}, …]");
            }

            @Override
            protected Entry end(JsonParser p) {
                if (p.nextToken() != null) return LineError.coded(1, "import.ls.afterArray", "the file has content after the array of tasks");
                return null;
            }

            @Override
            protected Item item(long number, JsonNode element) {
                String sourceHash = hash(element); // first: the conversion cleans shared nodes in place
                Item gold = goldItem(number, element, schema, sourceHash);
                if (gold != null) return gold;
                return new Item(number, task(element, schema), 0, sourceHash);
            }
        };
    }

    /**
     * A task with an annotation marked {@code "ground_truth": true} (Label Studio's ground truth) becomes a gold item:
     * that annotation, converted to our result shape, is its reference. Its other annotations and predictions are
     * dropped, not kept in the data: the data is what labelers see, and it must not give the answer away.
     */
    static Item goldItem(long number, JsonNode task, LabelSchema schema, String sourceHash) {
        if (!task.isObject() || !(task.get("data") instanceof ObjectNode data)) return null;
        JsonNode annotations = task.get("annotations");
        if (annotations == null || !annotations.isArray()) return null;
        for (int i = 0; i < annotations.size(); i++) {
            JsonNode a = annotations.get(i);
            if (!a.path("ground_truth").asBoolean(false) || a.path("was_cancelled").asBoolean(false)) continue;
            String at = "annotations[" + i + "]";
            LabelStudio.Converted converted = LabelStudio.toOurs(a.get("result"), schema, data, at,
                    LabelStudio.taskConvention(resultLists(annotations, task.get("predictions")), schema, data));
            if (!converted.complete() || converted.result().isEmpty()) {
                throw new Utf8Lines.BadLine("import.ls.goldNotComplete", at + " is the ground truth, but not all of its results fit a field of the"
                        + " project's schema, so it cannot be a gold item's reference", "path", at);
            }
            return ImportFormat.Item.gold(number, (ObjectNode) Texts.clean(data), 0, sourceHash,
                    Texts.clean(converted.result()));
        }
        return null;
    }

    /** The result lists of a task's annotations then predictions, for the task's offset convention. */
    static java.util.List<JsonNode> resultLists(JsonNode annotations, JsonNode predictions) {
        java.util.List<JsonNode> lists = new java.util.ArrayList<>();
        for (JsonNode group : new JsonNode[] {annotations, predictions}) {
            if (group == null || !group.isArray()) continue;
            for (JsonNode a : group) lists.add(a.get("result"));
        }
        return lists;
    }

    static ObjectNode task(JsonNode task, LabelSchema schema) {
        if (!task.isObject()) throw new Utf8Lines.BadLine("import.ls.taskNotObject", "is " + JsonArrayReader.kind(task) + ", not a task object");
        JsonNode raw = task.has("data") ? task.get("data") : task;
        if (!(raw instanceof ObjectNode data)) throw new Utf8Lines.BadLine("import.ls.dataNotObject", "\"data\" must be an object");
        JsonNode annotations = task.get("annotations");
        JsonNode predictions = task.get("predictions");
        if (annotations != null && !annotations.isNull() && !annotations.isArray()) {
            throw new Utf8Lines.BadLine("import.ls.annotationsNotArray", "\"annotations\" must be an array");
        }
        if (predictions != null && !predictions.isNull() && !predictions.isArray()) {
            throw new Utf8Lines.BadLine("import.ls.predictionsNotArray", "\"predictions\" must be an array");
        }
        // Conversion reads the text as LS had it (its offsets count that text), before it is normalised below.
        JsonNode chosen = null;
        String at = null;
        int results = 0;
        if (annotations != null) {
            for (int i = 0; i < annotations.size(); i++) {
                JsonNode a = annotations.get(i);
                if (a.path("result").isArray() && !a.path("result").isEmpty()) results++;
                if (chosen == null && !a.path("was_cancelled").asBoolean(false) && a.path("result").isArray()
                        && !a.path("result").isEmpty()) {
                    chosen = a.get("result");
                    at = "annotations[" + i + "]";
                }
            }
        }
        if (predictions != null) {
            for (int i = 0; i < predictions.size(); i++) {
                JsonNode pr = predictions.get(i);
                if (pr.path("result").isArray() && !pr.path("result").isEmpty()) results++;
                if (chosen == null && pr.path("result").isArray() && !pr.path("result").isEmpty()) {
                    chosen = pr.get("result");
                    at = "predictions[" + i + "]";
                }
            }
        }
        ObjectNode out = data;
        if (chosen != null) {
            if (task == data) throw new Utf8Lines.BadLine("import.ls.noData", "has annotations but no \"data\" object");
            LabelStudio.Converted converted = LabelStudio.toOurs(chosen, schema, data, at,
                    LabelStudio.taskConvention(resultLists(annotations, predictions), schema, data));
            if (!converted.result().isEmpty()) out.set("prediction", converted.result());
        }
        if (task != data) {
            // Everything of the task besides its data (id, annotations with completed_by, lead_time, was_cancelled and
            // dates, predictions with model_version and score, meta, keys we do not know) is kept as it was, for the
            // LS export to write back: annotations stay annotations, predictions stay predictions.
            ObjectNode envelope = JsonNodeFactory.instance.objectNode();
            for (var e : task.properties()) if (!e.getKey().equals("data")) envelope.set(e.getKey(), e.getValue());
            if (!envelope.isEmpty()) {
                JsonNode meta = out.get("meta");
                if (meta == null || meta.isNull()) meta = out.putObject("meta");
                if (!(meta instanceof ObjectNode m)) {
                    throw new Utf8Lines.BadLine("import.ls.metaNotObject", "data.meta is not an object, so the task's annotations, predictions and"
                            + " other keys have nowhere to be kept");
                }
                m.set(ENVELOPE, envelope);
            }
        }
        return (ObjectNode) Texts.clean(out);
    }
}
