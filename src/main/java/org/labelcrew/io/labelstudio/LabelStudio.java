package org.labelcrew.io.labelstudio;

import java.text.Normalizer;
import java.util.Iterator;
import java.util.List;
import org.labelcrew.io.support.Utf8Lines;
import org.labelcrew.schema.Field;
import org.labelcrew.schema.LabelSchema;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Conversion between Label Studio result lists ({@code [{"id", "from_name", "to_name", "type", "value"}]}) and our
 * result objects ({@code {fieldName: value}}). The mapping, both ways:
 *
 * <pre>
 * LS type     value                                  our field type
 * labels      {start, end, text, labels: [label]}    spans        (UTF-16 offsets ⇄ code points into NFC text)
 * choices     {choices: [option, …]}                 choice       (a string, or an array when multiple)
 * relation    from_id, to_id, labels: [label]        relations    (span ids)
 * textarea    {text: ["…"]}                          abstractive, text (lines joined by \n)
 * extractive  {indices: [i, …]}                      extractive   (LabelCrew's own type: LS has no extractive tag)
 * </pre>
 *
 * A result goes to the field named by its {@code from_name} when that field has the matching type, else to the only
 * field of that type (LS's templates call the control "label" where the project says "entities"); results of other
 * types (image regions…) or without a matching field are not converted.
 */
final class LabelStudio {

    private LabelStudio() {
    }

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    /** What a result list converts to: our result, and whether anything was left out. */
    record Converted(ObjectNode result, boolean complete) {
    }

    /**
     * Converts an LS result list against the task's original (not yet normalised) data; throws
     * {@link Utf8Lines.BadLine} for a result that names the text wrongly (offsets outside it).
     */
    static Converted toOurs(JsonNode results, LabelSchema schema, JsonNode data, String at) {
        return toOurs(results, schema, data, at, null);
    }

    /**
     * As {@link #toOurs(JsonNode, LabelSchema, JsonNode, String)}, with the task's offset convention decided over all
     * of its result lists ({@link #convention}): true for code points, false for UTF-16, null to decide from this list.
     */
    static Converted toOurs(JsonNode results, LabelSchema schema, JsonNode data, String at, Boolean taskCodePoints) {
        ObjectNode out = F.objectNode();
        boolean complete = true;
        if (results == null || !results.isArray()) return new Converted(out, results == null || results.isNull());
        boolean codePointFile = taskCodePoints != null ? taskCodePoints : codePointConvention(results, schema, data);
        for (int i = 0; i < results.size(); i++) {
            JsonNode r = results.get(i);
            String where = at + ".result[" + i + "]";
            if (!r.isObject()) throw new Utf8Lines.BadLine("import.ls.resultNotObject", where + " is not an object", "path", where);
            String type = r.path("type").asString("");
            String from = r.path("from_name").asString("");
            JsonNode value = r.path("value");
            Field field;
            switch (type) {
                case "labels" -> {
                    field = schema.match(from, Field.Spans.class).orElse(null);
                    String text = field == null ? null : ((Field.Spans) field).text(data);
                    if (text == null) {
                        complete = false;
                        continue;
                    }
                    ArrayNode spans = arrayOf(out, field);
                    String id = r.path("id").asString("");
                    if (id.isEmpty()) id = "s" + i;
                    int[] span = codePoints(text, value, where, codePointFile, from);
                    JsonNode labels = value.path("labels");
                    for (int k = 0; k < Math.max(1, labels.size()); k++) {
                        ObjectNode s = spans.addObject();
                        s.put("id", k == 0 ? id : id + "-" + k);
                        s.put("start", span[0]).put("end", span[1]);
                        s.put("label", labels.path(k).asString(""));
                    }
                }
                case "choices" -> {
                    if (!(schema.match(from, Field.Choice.class).orElse(null) instanceof Field.Choice choice)) {
                        complete = false;
                        continue;
                    }
                    JsonNode choices = value.path("choices");
                    if (choice.multiple()) {
                        ArrayNode a = out.putArray(choice.name());
                        choices.forEach(c -> a.add(c.asString("")));
                    } else if (!choices.isEmpty()) {
                        out.put(choice.name(), choices.get(0).asString(""));
                    }
                }
                case "relation" -> {
                    field = schema.match(from, Field.Relations.class).orElse(null);
                    if (field == null) {
                        complete = false;
                        continue;
                    }
                    ObjectNode rel = arrayOf(out, field).addObject();
                    rel.put("from", r.path("from_id").asString(""));
                    rel.put("to", r.path("to_id").asString(""));
                    JsonNode labels = r.path("labels");
                    if (labels.isEmpty()) labels = value.path("labels");
                    String label = labels.path(0).asString(null);
                    if (label == null) label = firstLabel(field);
                    if (label != null) rel.put("label", label);
                }
                case "textarea" -> {
                    field = schema.match(from, Field.Abstractive.class, Field.Text.class).orElse(null);
                    if (field == null) {
                        complete = false;
                        continue;
                    }
                    StringBuilder sb = new StringBuilder();
                    for (JsonNode line : value.path("text")) {
                        if (!sb.isEmpty()) sb.append('\n');
                        sb.append(line.asString(""));
                    }
                    out.put(field.name(), sb.toString());
                }
                case "extractive" -> {
                    field = schema.match(from, Field.Extractive.class).orElse(null);
                    if (field == null) {
                        complete = false;
                        continue;
                    }
                    ArrayNode a = out.putArray(field.name());
                    value.path("indices").forEach(a::add);
                }
                default -> complete = false;
            }
        }
        return new Converted(out, complete);
    }

    private static ArrayNode arrayOf(ObjectNode out, Field field) {
        String name = field.name();
        return out.get(name) instanceof ArrayNode a ? a : out.putArray(name);
    }

    private static String firstLabel(Field field) {
        JsonNode l = field.definition().path("labels").path(0);
        if (l.isString()) return l.asString();
        return l.path("value").asString(null);
    }

    /**
     * An LS region's UTF-16 {@code start}/{@code end} (offsets into a JavaScript string, the text as LS had it) as
     * code-point offsets into the NFC text we store: the NFC form of the prefix, counted in code points.
     */
    static int[] codePoints(String original, JsonNode value, String where) {
        return codePoints(original, value, where, false, "");
    }

    /**
     * Which offsets a result list counts. Label Studio counts UTF-16 units; Python tools (spaCy converters…) write
     * code points, which differ after an emoji or any other supplementary character. A region that carries its
     * {@code value.text} says which: the first such region whose text is at its code-point offsets but not at its
     * UTF-16 offsets makes the whole list code points (regions without text then follow it).
     */
    static boolean codePointConvention(JsonNode results, LabelSchema schema, JsonNode data) {
        return Boolean.TRUE.equals(convention(results, schema, data));
    }

    /**
     * The offset convention a task's result lists (annotations and predictions, in order) show: the first region with
     * a {@code value.text} that decides it (true: code points; false: UTF-16), or null when none does. One task is
     * written by one tool, so a list whose regions carry no text follows what another list of the task showed.
     */
    static Boolean taskConvention(List<JsonNode> lists, LabelSchema schema, JsonNode data) {
        for (JsonNode results : lists) {
            if (results == null || !results.isArray()) continue;
            Boolean c = convention(results, schema, data);
            if (c != null) return c;
        }
        return null;
    }

    private static Boolean convention(JsonNode results, LabelSchema schema, JsonNode data) {
        for (JsonNode r : results) {
            if (!"labels".equals(r.path("type").asString("")) || !r.path("value").path("text").isString()) continue;
            Field field = schema.match(r.path("from_name").asString(""), Field.Spans.class).orElse(null);
            String text = field == null ? null : ((Field.Spans) field).text(data);
            if (text == null) continue;
            JsonNode v = r.path("value");
            int start = v.path("start").asInt(-1);
            int end = v.path("end").asInt(-1);
            String want = v.path("text").asString();
            if (atUtf16(text, start, end, want)) return false;
            if (atCodePoints(text, start, end, want)) return true;
        }
        return null;
    }

    private static boolean atUtf16(String text, int start, int end, String want) {
        return start >= 0 && start <= end && end <= text.length() && same(text.substring(start, end), want);
    }

    private static boolean atCodePoints(String text, int start, int end, String want) {
        int n = text.codePointCount(0, text.length());
        if (start < 0 || start > end || end > n) return false;
        int a = text.offsetByCodePoints(0, start);
        return same(text.substring(a, text.offsetByCodePoints(a, end - start)), want);
    }

    private static boolean same(String a, String b) {
        return a.equals(b) || Normalizer.normalize(a, Normalizer.Form.NFC).equals(Normalizer.normalize(b, Normalizer.Form.NFC));
    }

    /**
     * As {@link #codePoints(String, JsonNode, String)}, for a list whose offsets count code points when
     * {@code codePointFile}. A region whose {@code value.text} is at neither its UTF-16 nor its code-point offsets is
     * refused, naming it and its field, rather than stored as a shifted span.
     */
    static int[] codePoints(String original, JsonNode value, String where, boolean codePointFile, String field) {
        JsonNode s = value.get("start");
        JsonNode e = value.get("end");
        if (s == null || e == null || !s.canConvertToInt() || !e.canConvertToInt()) {
            throw new Utf8Lines.BadLine("import.ls.offsetsNotInt", where + ": value.start and value.end must be whole numbers (UTF-16 offsets)", "path", where);
        }
        int start = s.asInt();
        int end = e.asInt();
        JsonNode said = value.get("text");
        if (said != null && said.isString()) {
            if (atUtf16(original, start, end, said.asString())) {
                codePointFile = false;
            } else if (atCodePoints(original, start, end, said.asString())) {
                codePointFile = true;
            } else {
                throw new Utf8Lines.BadLine("import.ls.offsetMismatch", where + " (field \"" + field + "\"): value.text \"" + said.asString()
                        + "\" is at neither the UTF-16 nor the code-point offsets " + start + ".." + end
                        + " of the text; the region is not stored shifted, correct its offsets or its text",
                        "path", where, "field", field, "text", said.asString(), "start", start, "end", end);
            }
        }
        if (codePointFile) {
            int n = original.codePointCount(0, original.length());
            if (start < 0 || end > n || start >= end) {
                throw new Utf8Lines.BadLine("import.ls.rangeOutside", where + ": " + start + ".." + end + " is not a range of the text (" + n
                        + " code points)", "path", where, "start", start, "end", end, "length", n);
            }
            start = original.offsetByCodePoints(0, start);
            end = original.offsetByCodePoints(start, s.asInt() < 0 ? 0 : e.asInt() - s.asInt());
        }
        if (start < 0 || end > original.length() || start >= end) {
            throw new Utf8Lines.BadLine("import.ls.rangeOutsideUtf16", where + ": " + start + ".." + end + " is not a range of the text ("
                    + original.length() + " UTF-16 units)", "path", where, "start", start, "end", end, "length", original.length());
        }
        if (splitsPair(original, start) || splitsPair(original, end)) {
            throw new Utf8Lines.BadLine("import.ls.cutsCharacter", where + ": " + start + ".." + end + " cuts an emoji or other supplementary character in half",
                    "path", where, "start", start, "end", end);
        }
        boolean nfc = Normalizer.isNormalized(original, Normalizer.Form.NFC);
        return new int[] {codePointsBefore(original, start, nfc), codePointsBefore(original, end, nfc)};
    }

    private static boolean splitsPair(String s, int at) {
        return at > 0 && at < s.length() && Character.isHighSurrogate(s.charAt(at - 1)) && Character.isLowSurrogate(s.charAt(at));
    }

    private static int codePointsBefore(String original, int utf16, boolean nfc) {
        String prefix = original.substring(0, utf16);
        if (!nfc) prefix = Normalizer.normalize(prefix, Normalizer.Form.NFC);
        return prefix.codePointCount(0, prefix.length());
    }

    /**
     * Our result as an LS result list, field by field in schema order. {@code data} is the stored (NFC) task data the
     * span offsets point into. Region ids: a span's own id; for other fields, the field name.
     */
    static ArrayNode toLabelStudio(JsonNode result, LabelSchema schema, JsonNode data) {
        ArrayNode out = F.arrayNode();
        if (result == null || !result.isObject()) return out;
        String objectName = objectName(data);
        for (Field field : schema.fields()) {
            String name = field.name();
            JsonNode v = result.get(name);
            if (v == null || v.isNull()) continue;
            if (field instanceof Field.Spans spans) {
                String source = spans.source();
                String text = data.path(source).asString("");
                for (JsonNode span : v) {
                    ObjectNode r = region(out, span.path("id").asString(""), name, source, "labels");
                    int[] u = utf16(text, span.path("start").asInt(), span.path("end").asInt());
                    ObjectNode value = r.putObject("value");
                    value.put("start", u[0]).put("end", u[1]).put("text", text.substring(u[0], u[1]));
                    value.putArray("labels").add(span.path("label").asString(""));
                }
            } else if (field instanceof Field.Choice) {
                ArrayNode choices = region(out, name, name, objectName, "choices").putObject("value").putArray("choices");
                if (v.isArray()) v.forEach(c -> choices.add(c.asString("")));
                else choices.add(v.asString(""));
            } else if (field instanceof Field.Relations) {
                for (JsonNode rel : v) {
                    ObjectNode r = out.addObject();
                    r.put("from_id", rel.path("from").asString(""));
                    r.put("to_id", rel.path("to").asString(""));
                    r.put("type", "relation");
                    r.put("direction", "right");
                    r.putArray("labels").add(rel.path("label").asString(""));
                }
            } else if (field instanceof Field.Abstractive || field instanceof Field.Text) {
                region(out, name, name, objectName, "textarea").putObject("value").putArray("text").add(v.asString(""));
            } else if (field instanceof Field.Extractive) {
                ArrayNode indices = region(out, name, name, objectName, "extractive").putObject("value").putArray("indices");
                v.forEach(indices::add);
            }
            else if (field instanceof Field.OnImage || field instanceof Field.Segments) {
                // Percent of the image, seconds of the audio (LabelStudioMedia).
                LabelStudioMedia.toLabelStudio(field, v, data, out);
            }
        }
        return out;
    }

    private static ObjectNode region(ArrayNode out, String id, String from, String to, String type) {
        ObjectNode r = out.addObject();
        r.put("id", id);
        r.put("from_name", from);
        r.put("to_name", to);
        r.put("type", type);
        return r;
    }

    /** The LS object tag a non-span control points at: the data key holding the document. */
    private static String objectName(JsonNode data) {
        for (String k : List.of("text", "sentences", "paragraphs", "image", "audio")) {
            if (data.has(k)) return k;
        }
        Iterator<String> names = data.propertyNames().iterator();
        return names.hasNext() ? names.next() : "text";
    }

    /** Code-point offsets into {@code text} as UTF-16 offsets, clamped to the text. */
    static int[] utf16(String text, int start, int end) {
        int n = text.codePointCount(0, text.length());
        int s = Math.max(0, Math.min(start, n));
        int e = Math.max(s, Math.min(end, n));
        int a = text.offsetByCodePoints(0, s);
        return new int[] {a, text.offsetByCodePoints(a, e - s)};
    }
}
