package org.labelcrew.io.labelstudio;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.labelcrew.io.support.Utf8Lines;
import org.labelcrew.schema.Field;
import org.labelcrew.schema.LabelSchema;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Label Studio image and audio regions ⇄ our media fields. LS counts image regions in percent of the image (0–100)
 * and audio regions in seconds; we keep source pixels and seconds:
 *
 * <pre>
 * LS type           value                                              our field type
 * rectanglelabels   {x, y, width, height, rotation: 0, rectanglelabels}  boxes     {x, y, w, h, label}
 * polygonlabels     {points: [[x, y], …], polygonlabels}                 polygons  {points, label}
 * keypointlabels    {x, y, keypointlabels}                              keypoints {x, y, label}
 * labels (audio)    {start, end, labels}                                segments  {start, end, label}
 * textarea          {text: […]} with the id of a labels region           the segment's transcript
 * </pre>
 *
 * Percent becomes pixels by the real image's size (the one the import decoded), not the file's
 * {@code original_width}, which a resized copy would get wrong. A rotated box ({@code rotation} ≠ 0) is refused:
 * our boxes are axis-aligned, and its bounding box would be a different box. Results of other types (choices, a
 * textarea of the whole task) go through {@link LabelStudio}.
 */
final class LabelStudioMedia {

    private LabelStudioMedia() {
    }

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    /**
     * An LS result list of an image or audio task as our result; {@code width}/{@code height} the image's size in
     * pixels (null for audio). Throws {@link Utf8Lines.BadLine} naming the region for a region we cannot take.
     */
    static LabelStudio.Converted toOurs(JsonNode results, LabelSchema schema, JsonNode data, String at, Integer width, Integer height) {
        ObjectNode out = F.objectNode();
        if (results == null || !results.isArray()) return new LabelStudio.Converted(out, results == null || results.isNull());
        boolean complete = true;
        ArrayNode rest = F.arrayNode();
        Map<String, ObjectNode> segments = new HashMap<>();
        List<Integer> transcripts = new java.util.ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            JsonNode r = results.get(i);
            String where = at + ".result[" + i + "]";
            if (!r.isObject()) throw new Utf8Lines.BadLine("import.ls.resultNotObject", where + " is not an object", "path", where);
            String type = r.path("type").asString("");
            String from = r.path("from_name").asString("");
            JsonNode v = r.path("value");
            switch (type) {
                case "rectanglelabels", "polygonlabels", "keypointlabels" -> {
                    Class<? extends Field> kind = switch (type) {
                        case "rectanglelabels" -> Field.Boxes.class;
                        case "polygonlabels" -> Field.Polygons.class;
                        default -> Field.Keypoints.class;
                    };
                    Field field = schema.match(from, kind).orElse(null);
                    if (field == null) {
                        complete = false;
                        continue;
                    }
                    double w = size(width, r.path("original_width"), where, "width");
                    double h = size(height, r.path("original_height"), where, "height");
                    String label = label(v, type);
                    ObjectNode o = arrayOf(out, field.name()).addObject();
                    if (type.equals("polygonlabels")) {
                        JsonNode points = v.path("points");
                        if (!points.isArray() || points.size() < 3) {
                            throw new Utf8Lines.BadLine("import.ls.fewPoints", where + ": value.points must be at least 3 [x, y] points (percent of the image)", "path", where);
                        }
                        ArrayNode pts = o.putArray("points");
                        for (int k = 0; k < points.size(); k++) {
                            JsonNode p = points.get(k);
                            pts.addArray().add(px(p.path(0), w, where + ": value.points[" + k + "][0]"))
                                    .add(px(p.path(1), h, where + ": value.points[" + k + "][1]"));
                        }
                    } else {
                        o.set("x", px(v.path("x"), w, where + ": value.x"));
                        o.set("y", px(v.path("y"), h, where + ": value.y"));
                        if (type.equals("rectanglelabels")) {
                            double rotation = v.path("rotation").asDouble(0);
                            if (Math.abs(rotation) > 1e-6) {
                                throw new Utf8Lines.BadLine("import.ls.rotated", where + ": the box is rotated " + rotation + "°; LabelCrew boxes are"
                                        + " axis-aligned, so it is not taken (set rotation to 0 or draw it as a polygon)",
                                        "path", where, "rotation", rotation);
                            }
                            o.set("w", px(v.path("width"), w, where + ": value.width"));
                            o.set("h", px(v.path("height"), h, where + ": value.height"));
                        }
                    }
                    o.put("label", label);
                }
                case "labels" -> {
                    Field.Segments field = (Field.Segments) schema.match(from, Field.Segments.class).orElse(null);
                    if (field == null) {
                        rest.add(r);
                        continue;
                    }
                    JsonNode s = v.path("start"), e = v.path("end");
                    if (!s.isNumber() || !e.isNumber() || s.asDouble() < 0 || e.asDouble() <= s.asDouble()) {
                        throw new Utf8Lines.BadLine("import.ls.badSeconds", where + ": value.start and value.end must be seconds, start before end", "path", where);
                    }
                    ObjectNode seg = arrayOf(out, field.name()).addObject();
                    seg.set("start", num(s.asDouble()));
                    seg.set("end", num(e.asDouble()));
                    seg.put("label", label(v, "labels"));
                    String id = r.path("id").asString("");
                    if (!id.isEmpty()) segments.put(id, seg);
                }
                case "textarea" -> transcripts.add(i);
                default -> rest.add(r);
            }
        }
        // A per-region textarea carries the id of its region: the segment's transcript. Others are the task's own text.
        for (int i : transcripts) {
            JsonNode r = results.get(i);
            ObjectNode seg = segments.get(r.path("id").asString(""));
            if (seg == null) {
                rest.add(r);
                continue;
            }
            StringBuilder text = new StringBuilder();
            for (JsonNode line : r.path("value").path("text")) {
                if (!text.isEmpty()) text.append('\n');
                text.append(line.asString(""));
            }
            seg.put("transcript", text.toString());
        }
        if (!rest.isEmpty()) {
            LabelStudio.Converted others = LabelStudio.toOurs(rest, schema, data, at);
            others.result().properties().forEach(e -> out.set(e.getKey(), e.getValue()));
            complete &= others.complete();
        }
        return new LabelStudio.Converted(out, complete);
    }

    private static double size(Integer real, JsonNode original, String where, String what) {
        if (real != null && real > 0) return real;
        if (original.isNumber() && original.asDouble() > 0) return original.asDouble();
        throw new Utf8Lines.BadLine("width".equals(what) ? "import.ls.widthUnknown" : "import.ls.heightUnknown", where + ": the image's " + what + " is unknown (no original_" + what + ")", "path", where);
    }

    private static String label(JsonNode value, String type) {
        JsonNode labels = value.path(type);
        if (!labels.isArray() || labels.isEmpty()) labels = value.path("labels");
        return labels.path(0).asString("");
    }

    /** Percent of {@code size} as pixels, to 0.01 px. */
    private static JsonNode px(JsonNode percent, double size, String where) {
        if (!percent.isNumber()) throw new Utf8Lines.BadLine("import.ls.percentNotNumber", where + " must be a number (percent of the image, 0–100)", "path", where);
        double p = percent.asDouble();
        if (p < -1e-6 || p > 100 + 1e-6) throw new Utf8Lines.BadLine("import.ls.percentOutside", where + " (" + p + ") is outside 0–100 percent of the image", "path", where, "value", p);
        return num(Math.round(Math.max(0, Math.min(100, p)) / 100 * size * 100) / 100.0);
    }

    static JsonNode num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? F.numberNode((long) v) : F.numberNode(v);
    }

    private static ArrayNode arrayOf(ObjectNode out, String name) {
        return out.get(name) instanceof ArrayNode a ? a : out.putArray(name);
    }

    /**
     * Our media field's value as LS regions, appended to {@code out}: percent of the task's image
     * ({@code data.width}/{@code data.height}), seconds for segments (a transcript as a per-region textarea with the
     * segment's id). Region ids: the field name and the object's position.
     */
    static void toLabelStudio(Field field, JsonNode value, JsonNode data, ArrayNode out) {
        if (!value.isArray()) return;
        if (field instanceof Field.Segments seg) {
            for (int i = 0; i < value.size(); i++) {
                JsonNode s = value.get(i);
                String id = s.path("id").asString(field.name() + "-" + (i + 1));
                ObjectNode r = region(out, id, field.name(), seg.source(), "labels");
                if (data.path("duration").isNumber()) r.put("original_length", data.get("duration").asDouble());
                ObjectNode v = r.putObject("value");
                v.set("start", s.path("start"));
                v.set("end", s.path("end"));
                v.put("channel", 0);
                v.putArray("labels").add(s.path("label").asString(""));
                if (s.hasNonNull("transcript")) {
                    ObjectNode t = region(out, id, "transcription", seg.source(), "textarea").putObject("value");
                    t.set("start", s.path("start"));
                    t.set("end", s.path("end"));
                    t.putArray("text").add(s.path("transcript").asString(""));
                }
            }
            return;
        }
        Field.OnImage image = (Field.OnImage) field;
        double w = data.path("width").asDouble(0), h = data.path("height").asDouble(0);
        if (w <= 0 || h <= 0) return; // no size, no percent: the regions cannot be placed
        String type = field instanceof Field.Boxes ? "rectanglelabels" : field instanceof Field.Polygons ? "polygonlabels" : "keypointlabels";
        for (int i = 0; i < value.size(); i++) {
            JsonNode o = value.get(i);
            ObjectNode r = region(out, field.name() + "-" + (i + 1), field.name(), image.source(), type);
            r.put("original_width", (long) w);
            r.put("original_height", (long) h);
            r.put("image_rotation", 0);
            ObjectNode v = r.putObject("value");
            if (field instanceof Field.Polygons) {
                ArrayNode pts = v.putArray("points");
                for (JsonNode p : o.path("points")) pts.addArray().add(pct(p.path(0), w)).add(pct(p.path(1), h));
                v.put("closed", true);
            } else {
                v.put("x", pct(o.path("x"), w));
                v.put("y", pct(o.path("y"), h));
                if (field instanceof Field.Boxes) {
                    v.put("width", pct(o.path("w"), w));
                    v.put("height", pct(o.path("h"), h));
                    v.put("rotation", 0);
                }
            }
            v.putArray(type).add(o.path("label").asString(""));
        }
    }

    private static double pct(JsonNode px, double size) {
        return px.asDouble() / size * 100;
    }

    private static ObjectNode region(ArrayNode out, String id, String from, String to, String type) {
        ObjectNode r = out.addObject();
        r.put("id", id);
        r.put("from_name", from);
        r.put("to_name", to);
        r.put("type", type);
        return r;
    }
}
