package org.labelcrew.io.labelstudio;

import org.labelcrew.io.ImportFormat;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.labelcrew.io.media.MediaZipFormat;
import org.labelcrew.io.support.Texts;
import org.labelcrew.io.support.Utf8Lines;
import org.labelcrew.media.Media;
import org.labelcrew.media.MediaStore;
import org.labelcrew.schema.LabelSchema;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Label Studio task JSON inside a zip of the images or audio files it names (an LS export with its media, or a
 * multi-file upload of the JSON and the files). Each task's {@code data.image} / {@code data.audio} is a URL as LS
 * wrote it ({@code /data/upload/3/8f2c1a9e-street.jpg}, {@code /data/local-files/?d=photos/street.jpg},
 * {@code https://…/street.jpg}); it names the zip's file with the same path, else the same file name, else the same
 * name without the 8-hex-digit prefix LS puts before uploaded files. The task's annotations and predictions are taken
 * as the text import takes them ({@link LabelStudioFormat#task}): the first annotation with results (else prediction)
 * becomes {@code data.prediction}, converted by {@link LabelStudioMedia}; everything else of the task is kept in
 * {@code data.meta.labelstudio}, with the original URL under {@code data}, for the LS export to write back.
 *
 * <p>Tasks are read with the streaming parser and spooled to a temporary file, one line each, because the zip may hold
 * the media after the JSON; they are matched and converted once every file has been checked.
 */
final class LabelStudioMediaTasks implements MediaZipFormat.Companion {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private final ObjectMapper mapper;
    private final LabelSchema schema;
    private final Media.Kind kind;
    private String path;
    private Path spool;

    LabelStudioMediaTasks(ObjectMapper mapper, LabelSchema schema, Media.Kind kind) {
        this.mapper = mapper;
        this.schema = schema;
        this.kind = kind;
    }

    @Override
    public boolean takes(String entry) {
        return entry.toLowerCase(Locale.ROOT).endsWith(".json");
    }

    @Override
    public void read(String entry, InputStream in, List<ImportFormat.LineError> errors) throws IOException {
        if (path != null) {
            errors.add(ImportFormat.LineError.coded(0, "import.ls.secondTaskFile", entry + ": a second task file (" + path + " came first); the zip may hold one Label Studio JSON", "path", entry, "first", path));
            return;
        }
        path = entry;
        spool = Files.createTempFile("labelcrew-ls-", ".jsonl");
        InputStream kept = new java.io.FilterInputStream(in) {
            @Override
            public void close() {
                // the zip's stream: the zip reader goes on to its next entry
            }
        };
        long n = 0;
        // Tasks are read out of the middle of the array: the tokens after each are not an error.
        ObjectReader reader = mapper.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(spool), 1 << 16); JsonParser p = reader.createParser(kept)) {
            JsonToken t = p.nextToken();
            if (t == JsonToken.START_OBJECT) {
                n++;
                out.write(mapper.writeValueAsBytes(reader.readTree(p)));
                out.write('\n');
            } else if (t == JsonToken.START_ARRAY) {
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    n++;
                    out.write(mapper.writeValueAsBytes(reader.readTree(p)));
                    out.write('\n');
                }
            } else {
                errors.add(ImportFormat.LineError.coded(0, "import.ls.zipNotArray", entry + ": must be a JSON array of Label Studio tasks [{\"data\": {…}}, …]", "path", entry));
                return;
            }
            if (p.nextToken() != null) errors.add(ImportFormat.LineError.coded(0, "import.ls.zipAfterArray", entry + ": has content after the array of tasks", "path", entry));
        } catch (RuntimeException bad) {
            String m = bad.getMessage() == null ? "" : bad.getMessage();
            errors.add(ImportFormat.LineError.coded(0, "import.ls.taskNotJson", entry + ": task " + (n + 1) + ": is not valid JSON: " + (m.indexOf('\n') < 0 ? m : m.substring(0, m.indexOf('\n'))), "path", entry, "task", n + 1));
        }
    }

    @Override
    public Map<String, ObjectNode> data(Map<String, MediaStore.Checked> files, List<ImportFormat.LineError> errors) {
        Map<String, ObjectNode> out = new HashMap<>();
        if (path == null) {
            errors.add(ImportFormat.LineError.coded(0, "import.ls.noTaskFile", "holds no Label Studio JSON: a zip for labelstudio holds the task JSON and the files it names"));
            return out;
        }
        Map<String, String> byPath = new HashMap<>();
        Map<String, List<String>> byName = new HashMap<>();
        for (String file : files.keySet()) {
            String nfc = nfc(file);
            byPath.putIfAbsent(nfc, file);
            byName.computeIfAbsent(nfc.substring(nfc.lastIndexOf('/') + 1), k -> new ArrayList<>()).add(file);
        }
        Map<String, Long> claimed = new HashMap<>();
        String key = kind.key();
        try (BufferedReader tasks = Files.newBufferedReader(spool, StandardCharsets.UTF_8)) {
            String line;
            for (long number = 1; (line = tasks.readLine()) != null && errors.size() < 100; number++) {
                String at = path + ": task " + number;
                JsonNode task = mapper.readTree(line);
                JsonNode data = task.isObject() && task.has("data") ? task.get("data") : task;
                JsonNode ref = data.path(key);
                if (!ref.isString()) {
                    errors.add(ImportFormat.LineError.coded(0, "import.ls.mediaNotFile", at + ": data." + key + " must be the URL or name of a file in the zip", "path", at, "key", key));
                    continue;
                }
                String file;
                try {
                    file = match(ref.asString(), byPath, byName);
                } catch (IllegalArgumentException ambiguous) {
                    errors.add(ImportFormat.LineError.coded(0, "import.ls.mediaAmbiguous", at + ": data." + key + " \"" + ref.asString() + "\" " + ambiguous.getMessage(), "path", at, "key", key, "file", ref.asString()));
                    continue;
                }
                if (file == null) {
                    errors.add(ImportFormat.LineError.coded(0, "import.ls.mediaNotInZip", at + ": data." + key + " \"" + ref.asString() + "\" names no file of the zip (looked for "
                            + String.join(" or ", names(ref.asString())) + ")", "path", at, "key", key, "file", ref.asString()));
                    continue;
                }
                Long earlier = claimed.put(file, number);
                if (earlier != null) {
                    errors.add(ImportFormat.LineError.coded(0, "import.ls.fileTwice", at + ": names \"" + file + "\" as task " + earlier + " did; one task per file", "path", at, "file", file, "task", earlier));
                    continue;
                }
                MediaStore.Checked checked = files.get(file);
                try {
                    out.put(file, convert(task, (ObjectNode) data, key, checked));
                } catch (Utf8Lines.BadLine bad) {
                    errors.add(bad.at(0).at(0, at + ": ", "task", at));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!errors.isEmpty()) out.clear();
        return out;
    }

    /** LS's JSON-MIN export: one flat object per task, the annotation's regions under their control names. */
    static boolean isMin(JsonNode task) {
        return task.isObject() && !task.has("data") && !task.has("annotations") && !task.has("predictions");
    }

    /** Keys JSON-MIN writes about the annotation rather than the task's data. */
    private static final java.util.Set<String> MIN_META = java.util.Set.of("id", "annotator", "annotation_id", "created_at",
            "updated_at", "lead_time");

    private static final List<String> REGION_TYPES = List.of("rectanglelabels", "polygonlabels", "keypointlabels", "labels");

    /**
     * A JSON-MIN task as a full LS task: each key whose value is a list of regions ({@code "label": [{"x", "y", "width",
     * "height", "rectanglelabels": […]}]}, audio {@code [{"start", "end", "labels"}]}, a per-region transcript list
     * {@code [{"start", "end", "text"}]}) becomes that control's results in one annotation; the annotation's own keys
     * ({@code annotator}, {@code lead_time}…) go with it; the rest is the task's data. A transcript joins the segment
     * with the same start and end (JSON-MIN drops region ids).
     */
    static ObjectNode fromMin(ObjectNode min) {
        ObjectNode data = F.objectNode();
        ObjectNode annotation = F.objectNode();
        tools.jackson.databind.node.ArrayNode result = F.arrayNode();
        List<ObjectNode> texts = new ArrayList<>();
        for (var e : min.properties()) {
            String k = e.getKey();
            JsonNode v = e.getValue();
            if (MIN_META.contains(k)) {
                annotation.set(k.equals("annotator") ? "completed_by" : k, v);
                continue;
            }
            String type = v.isArray() && !v.isEmpty() && v.get(0).isObject() ? regionType(v.get(0)) : null;
            if (type == null) {
                data.set(k, v);
                continue;
            }
            for (int i = 0; i < v.size(); i++) {
                JsonNode value = v.get(i);
                if (!value.isObject()) continue;
                ObjectNode r = F.objectNode();
                r.put("id", k + "-" + (i + 1));
                r.put("from_name", k);
                r.put("type", type);
                ObjectNode val = ((ObjectNode) value).deepCopy();
                for (String size : List.of("original_width", "original_height")) {
                    JsonNode n = val.remove(size);
                    if (n != null) r.set(size, n);
                }
                r.set("value", val);
                if (type.equals("textarea")) texts.add(r);
                else result.add(r);
            }
        }
        for (ObjectNode t : texts) {
            JsonNode tv = t.get("value");
            for (JsonNode r : result) {
                JsonNode rv = r.get("value");
                if ("labels".equals(r.path("type").asString("")) && rv.path("start").asDouble(-1) == tv.path("start").asDouble(-2)
                        && rv.path("end").asDouble(-1) == tv.path("end").asDouble(-2)) {
                    t.put("id", r.path("id").asString());
                    break;
                }
            }
            result.add(t);
        }
        ObjectNode task = F.objectNode();
        if (min.has("id")) task.set("id", min.get("id"));
        task.set("data", data);
        annotation.remove("id");
        if (min.has("annotation_id")) annotation.set("id", annotation.remove("annotation_id"));
        annotation.set("result", result);
        task.putArray("annotations").add(annotation);
        return task;
    }

    private static String regionType(JsonNode value) {
        for (String t : REGION_TYPES) if (value.path(t).isArray()) return t;
        if (value.path("text").isArray() && value.has("start")) return "textarea";
        return null;
    }

    /** The task's data for its file: LS data without the keys the media import writes, the prediction, the envelope. */
    private ObjectNode convert(JsonNode task, ObjectNode lsData, String key, MediaStore.Checked checked) {
        if (isMin(task)) {
            task = fromMin((ObjectNode) task);
            lsData = (ObjectNode) task.get("data");
        }
        JsonNode original = lsData.get(key);
        JsonNode annotations = task.get("annotations");
        JsonNode predictions = task.get("predictions");
        if (annotations != null && !annotations.isNull() && !annotations.isArray()) throw new Utf8Lines.BadLine("import.ls.annotationsNotArray", "\"annotations\" must be an array");
        if (predictions != null && !predictions.isNull() && !predictions.isArray()) throw new Utf8Lines.BadLine("import.ls.predictionsNotArray", "\"predictions\" must be an array");
        JsonNode chosen = null;
        String at = null;
        for (String group : new String[] {"annotations", "predictions"}) {
            JsonNode list = task.get(group);
            if (chosen != null || list == null || !list.isArray()) continue;
            for (int i = 0; i < list.size() && chosen == null; i++) {
                JsonNode a = list.get(i);
                if (!a.path("was_cancelled").asBoolean(false) && a.path("result").isArray() && !a.path("result").isEmpty()) {
                    chosen = a.get("result");
                    at = group + "[" + i + "]";
                }
            }
        }
        ObjectNode data = F.objectNode();
        for (var e : lsData.properties()) {
            if (!e.getKey().equals(key) && !MEDIA_KEYS.contains(e.getKey())) data.set(e.getKey(), e.getValue());
        }
        if (chosen != null) {
            LabelStudio.Converted c = LabelStudioMedia.toOurs(chosen, schema, lsData, at, checked.width(), checked.height());
            if (!c.result().isEmpty()) data.set("prediction", c.result());
        }
        if (task != lsData) {
            ObjectNode envelope = F.objectNode();
            for (var e : task.properties()) if (!e.getKey().equals("data")) envelope.set(e.getKey(), e.getValue());
            // The URL LS knew the file by, for the LS export to write back in data.image / data.audio.
            envelope.putObject("data").set(key, original);
            JsonNode meta = data.get("meta");
            if (meta == null || meta.isNull()) meta = data.putObject("meta");
            if (!(meta instanceof ObjectNode m)) {
                throw new Utf8Lines.BadLine("import.ls.metaNotObject", "data.meta is not an object, so the task's annotations, predictions and other keys have nowhere to be kept");
            }
            m.set(LabelStudioFormat.ENVELOPE, envelope);
        }
        return (ObjectNode) Texts.clean(data);
    }

    /** Keys of the task data that the media import writes itself (media id, size, path in the zip). */
    private static final java.util.Set<String> MEDIA_KEYS = java.util.Set.of("image", "audio", "width", "height", "duration", "file");

    /** The zip file a task's URL names, or null; throws when a bare name matches several files. */
    static String match(String url, Map<String, String> byPath, Map<String, List<String>> byName) {
        List<String> names = names(url);
        String full = names.get(0);
        if (full.contains("/") && byPath.containsKey(full)) return byPath.get(full);
        for (String name : names) {
            String base = name.substring(name.lastIndexOf('/') + 1);
            List<String> hits = byName.get(base);
            if (hits == null) continue;
            if (hits.size() > 1) throw new IllegalArgumentException("matches several files of the zip (" + String.join(", ", hits) + "); give its path");
            return hits.get(0);
        }
        return null;
    }

    /** What a URL may be called in the zip: its path (decoded, NFC), its file name, and that name without LS's upload prefix. */
    static List<String> names(String url) {
        String s = url.strip();
        int q = s.indexOf('?');
        if (q >= 0) {
            String query = s.substring(q + 1);
            s = s.substring(0, q);
            for (String part : query.split("&")) {
                if (part.startsWith("d=")) s = part.substring(2); // LS local storage: /data/local-files/?d=folder/name.jpg
            }
        }
        int scheme = s.indexOf("://");
        if (scheme > 0) {
            int slash = s.indexOf('/', scheme + 3);
            s = slash < 0 ? "" : s.substring(slash);
        }
        try {
            s = URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notEncoded) {
            // a name with a bare %: taken as it is
        }
        s = nfc(s.replace('\\', '/'));
        while (s.startsWith("/")) s = s.substring(1);
        List<String> names = new ArrayList<>();
        names.add(s);
        String base = s.substring(s.lastIndexOf('/') + 1);
        if (!base.equals(s)) names.add(base);
        if (base.matches("^[0-9a-f]{8}-.+")) names.add(base.substring(9));
        return names;
    }

    private static String nfc(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFC);
    }

    @Override
    public void close() throws IOException {
        if (spool != null) Files.deleteIfExists(spool);
    }
}
