package org.labelcrew.io.yolo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.labelcrew.io.ImportFormat;
import org.labelcrew.io.media.MediaZipFormat;
import org.labelcrew.media.Media;
import org.labelcrew.media.MediaProperties;
import org.labelcrew.media.MediaStore;
import org.labelcrew.schema.Field;
import org.labelcrew.schema.LabelSchema;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code yolo} import: a zip of images (read exactly as {@code images-zip}) with Ultralytics/Darknet YOLO label files,
 * the reverse of {@link YoloExport}. A label file {@code labels/[split/]name.txt} belongs to the image
 * {@code images/[split/]name.*}; a label file beside its image ({@code name.jpg} + {@code name.txt}, Darknet's layout
 * and what a multi-file upload gives) is found too. Class names come from {@code data.yaml} ({@code names} as a list or
 * an index map) or from {@code classes.txt} / {@code obj.names} (one name a line).
 *
 * <p>A line of five numbers {@code class cx cy w h} is a box; {@code class x1 y1 x2 y2 …} (at least three points) a
 * polygon; all coordinates normalised to 0–1 by the image's size, turned back into source pixels (to 0.01 px). Each
 * object goes to the first boxes (polygons) field of the schema that has its class as a label, and an image's objects
 * become its {@code data.prediction}, as the COCO import does. Every line is checked before anything is stored; an
 * error names the label file and line.
 */
@Configuration
class YoloImport {

    /** A label file larger than this is refused (a YOLO label file is a few lines per object). */
    static final int MAX_LABEL_FILE = 8 << 20;

    @Bean
    ImportFormat yolo(MediaStore media, MediaProperties limits, ObjectMapper mapper) {
        return new MediaZipFormat("yolo", Media.Kind.IMAGE, media, limits, mapper,
                context -> new Labels(LabelSchema.of(context.schema())));
    }

    static boolean namesFile(String last) {
        return last.equals("classes.txt") || last.endsWith(".names");
    }

    /** Reads the label and class-name files of one import and turns them into each image's prediction. */
    static final class Labels implements MediaZipFormat.Companion {
        private static final JsonNodeFactory F = JsonNodeFactory.instance;
        private final LabelSchema schema;
        private final Map<String, String> labelFiles = new LinkedHashMap<>();
        private List<String> names;
        private String namesFrom;

        Labels(LabelSchema schema) {
            this.schema = schema;
        }

        @Override
        public boolean takes(String path) {
            String lower = path.toLowerCase(Locale.ROOT);
            return lower.endsWith(".txt") || lower.endsWith(".yaml") || lower.endsWith(".yml") || lower.endsWith(".names")
                    || lower.endsWith(".data");
        }

        @Override
        public void read(String path, InputStream in, List<ImportFormat.LineError> errors) throws IOException {
            byte[] bytes = in.readNBytes(MAX_LABEL_FILE + 1);
            if (bytes.length > MAX_LABEL_FILE) {
                errors.add(ImportFormat.LineError.coded(0, "import.yolo.labelFileTooBig", path + ": is larger than " + (MAX_LABEL_FILE >> 20) + " MB, the most a YOLO label file may have", "path", path, "mb", MAX_LABEL_FILE >> 20));
                return;
            }
            String text = new String(bytes, StandardCharsets.UTF_8);
            if (!text.isEmpty() && text.charAt(0) == '\uFEFF') text = text.substring(1);
            String last = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
            if (last.endsWith(".data")) return; // Darknet's obj.data: paths on the trainer's disk, nothing for us
            if (last.endsWith(".yaml") || last.endsWith(".yml")) {
                List<String> fromYaml;
                try {
                    fromYaml = yamlNames(text);
                } catch (org.labelcrew.io.support.Utf8Lines.BadLine bad) {
                    errors.add(bad.at(0).at(0, path + ": ", "path", path));
                    return;
                }
                if (fromYaml == null) return; // a yaml without names (hyperparameters): not ours to judge
                takeNames(path, fromYaml, errors);
            } else if (namesFile(last)) {
                List<String> fromLines = new ArrayList<>();
                for (String line : text.split("\r?\n")) {
                    if (!line.strip().isEmpty()) fromLines.add(Normalizer.normalize(line.strip(), Normalizer.Form.NFC));
                }
                takeNames(path, fromLines, errors);
            } else {
                labelFiles.put(path, text);
            }
        }

        private void takeNames(String path, List<String> found, List<ImportFormat.LineError> errors) {
            // data.yaml wins over classes.txt (it is what Ultralytics reads); two of a kind are ambiguous.
            boolean yaml = !namesFile(path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT));
            boolean haveYaml = namesFrom != null && !namesFile(namesFrom.substring(namesFrom.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT));
            if (namesFrom != null && yaml == haveYaml) {
                errors.add(ImportFormat.LineError.coded(0, "import.yolo.secondNames", path + ": a second class-name file (" + namesFrom + " came first); the zip may hold one", "path", path, "first", namesFrom));
                return;
            }
            if (namesFrom != null && haveYaml) return;
            if (found.isEmpty()) {
                errors.add(ImportFormat.LineError.coded(0, "import.yolo.noClasses", path + ": names no classes", "path", path));
                return;
            }
            names = found;
            namesFrom = path;
        }

        @Override
        public Map<String, ObjectNode> data(Map<String, MediaStore.Checked> files, List<ImportFormat.LineError> errors) {
            Map<String, ObjectNode> out = new HashMap<>();
            if (labelFiles.isEmpty()) return out; // images only: tasks without predictions
            if (names == null) {
                errors.add(ImportFormat.LineError.coded(0, "import.yolo.noNames", "holds label files but no class names: add data.yaml (names), classes.txt or obj.names"));
                return out;
            }
            // Images by their path without extension, NFC (macOS zips names in NFD; our own paths are NFC).
            Map<String, String> byStem = new HashMap<>();
            for (String file : files.keySet()) byStem.putIfAbsent(nfc(stem(file)), file);
            for (Map.Entry<String, String> e : labelFiles.entrySet()) {
                String path = e.getKey();
                String image = imageOf(path, byStem);
                if (image == null) {
                    errors.add(ImportFormat.LineError.coded(0, "import.yolo.noImage", path + ": no image in the zip for this label file (looked for " + String.join(" or ", candidates(path))
                            + " with an image extension)", "path", path));
                    continue;
                }
                MediaStore.Checked checked = files.get(image);
                ObjectNode prediction = F.objectNode();
                String[] lines = e.getValue().split("\r?\n", -1);
                for (int i = 0; i < lines.length && errors.size() < 100; i++) {
                    String line = lines[i].strip();
                    if (line.isEmpty() || line.startsWith("#")) continue;
                    convert(path + " line " + (i + 1), line, checked, prediction, errors);
                }
                if (!prediction.isEmpty()) out.put(image, F.objectNode().set("prediction", prediction));
            }
            if (!errors.isEmpty()) out.clear();
            return out;
        }

        private void convert(String at, String line, MediaStore.Checked image, ObjectNode prediction, List<ImportFormat.LineError> errors) {
            String[] tokens = line.split("\\s+");
            if (tokens.length != 5 && (tokens.length < 7 || tokens.length % 2 == 0)) {
                errors.add(ImportFormat.LineError.coded(0, "import.yolo.badLine", at + ": must be \"class cx cy w h\" (a box) or \"class x1 y1 x2 y2 x3 y3 …\" (a polygon), not "
                        + tokens.length + " values", "path", at, "n", tokens.length));
                return;
            }
            int cls;
            try {
                cls = Integer.parseInt(tokens[0]);
            } catch (NumberFormatException notInt) {
                errors.add(ImportFormat.LineError.coded(0, "import.yolo.classNotInt", at + ": class \"" + tokens[0] + "\" is not a whole number", "path", at, "class", tokens[0]));
                return;
            }
            if (cls < 0 || cls >= names.size()) {
                errors.add(ImportFormat.LineError.coded(0, "import.yolo.classUnknown", at + ": class " + cls + " is out of range (" + namesFrom + " names " + names.size() + " classes, 0–"
                        + (names.size() - 1) + ")", "path", at, "index", cls, "classes", names.size(), "from", namesFrom));
                return;
            }
            double[] v = new double[tokens.length - 1];
            for (int k = 1; k < tokens.length; k++) {
                double d;
                try {
                    d = Double.parseDouble(tokens[k]);
                } catch (NumberFormatException notNumber) {
                    errors.add(ImportFormat.LineError.coded(0, "import.yolo.notNumber", at + ": value " + (k + 1) + " \"" + tokens[k] + "\" is not a number", "path", at, "n", k + 1, "value", tokens[k]));
                    return;
                }
                if (!(d >= 0 && d <= 1)) {
                    errors.add(ImportFormat.LineError.coded(0, "import.yolo.outside", at + ": value " + (k + 1) + " (" + tokens[k] + ") is outside 0..1 (YOLO coordinates are normalised)", "path", at, "n", k + 1, "value", tokens[k]));
                    return;
                }
                v[k - 1] = d;
            }
            String label = names.get(cls);
            double width = image.width() == null ? 0 : image.width(), height = image.height() == null ? 0 : image.height();
            if (tokens.length == 5) {
                Field.Boxes field = withLabel(Field.Boxes.class, label);
                if (field == null) {
                    errors.add(ImportFormat.LineError.coded(0, "import.yolo.noBoxesField", at + ": class " + cls + " \"" + label + "\" is a label of no boxes field of the project's schema", "path", at, "index", cls, "label", label));
                    return;
                }
                if (v[2] <= 0 || v[3] <= 0) {
                    errors.add(ImportFormat.LineError.coded(0, "import.yolo.noArea", at + ": the box has no area (w and h must be more than 0)", "path", at));
                    return;
                }
                double x0 = px(v[0] - v[2] / 2, width), y0 = px(v[1] - v[3] / 2, height);
                double x1 = px(v[0] + v[2] / 2, width), y1 = px(v[1] + v[3] / 2, height);
                if (v[0] - v[2] / 2 < -1e-6 || v[1] - v[3] / 2 < -1e-6 || v[0] + v[2] / 2 > 1 + 1e-6 || v[1] + v[3] / 2 > 1 + 1e-6) {
                    errors.add(ImportFormat.LineError.coded(0, "import.yolo.boxOutside", at + ": the box reaches outside the image (centre ± half its size must stay in 0..1)", "path", at));
                    return;
                }
                ObjectNode box = array(prediction, field.name()).addObject();
                box.set("x", round(x0));
                box.set("y", round(y0));
                box.set("w", round(x1 - x0));
                box.set("h", round(y1 - y0));
                box.put("label", label);
            } else {
                Field.Polygons field = withLabel(Field.Polygons.class, label);
                if (field == null) {
                    errors.add(ImportFormat.LineError.coded(0, "import.yolo.noPolygonsField", at + ": class " + cls + " \"" + label + "\" is a label of no polygons field of the project's schema", "path", at, "index", cls, "label", label));
                    return;
                }
                ObjectNode polygon = array(prediction, field.name()).addObject();
                ArrayNode points = polygon.putArray("points");
                for (int k = 0; k < v.length; k += 2) points.addArray().add(round(px(v[k], width))).add(round(px(v[k + 1], height)));
                polygon.put("label", label);
            }
        }

        private <T extends Field.OnImage> T withLabel(Class<T> type, String label) {
            return schema.fields(type).stream().filter(f -> f.labels().contains(label)).findFirst().orElse(null);
        }

        private static ArrayNode array(ObjectNode prediction, String field) {
            return prediction.get(field) instanceof ArrayNode arr ? arr : prediction.putArray(field);
        }

        /** Normalised to pixels, kept inside the image (a 6-decimal export may land a hair outside). */
        private static double px(double normalised, double size) {
            return Math.min(size, Math.max(0, normalised * size));
        }

        /** To 0.01 px (YOLO's six decimals do not carry more); whole pixels written as whole numbers. */
        private static tools.jackson.databind.JsonNode round(double v) {
            double r = Math.round(v * 100) / 100.0;
            return r == Math.rint(r) ? F.numberNode((long) r) : F.numberNode(r);
        }

        /** The image a label file belongs to: beside it, or under {@code images/} where the label file is under {@code labels/}. */
        private static String imageOf(String labelPath, Map<String, String> byStem) {
            for (String c : candidates(labelPath)) {
                String image = byStem.get(nfc(c));
                if (image != null) return image;
            }
            return null;
        }

        static List<String> candidates(String labelPath) {
            String stem = stem(labelPath);
            List<String> out = new ArrayList<>();
            String withSlash = "/" + stem;
            int at = withSlash.lastIndexOf("/labels/");
            if (at >= 0) {
                out.add((withSlash.substring(0, at) + "/images/" + withSlash.substring(at + "/labels/".length())).substring(1));
                out.add((withSlash.substring(0, at) + "/" + withSlash.substring(at + "/labels/".length())).substring(1));
            }
            out.add(stem);
            return out;
        }

        private static String stem(String path) {
            int slash = path.lastIndexOf('/'), dot = path.lastIndexOf('.');
            return dot > slash + 1 ? path.substring(0, dot) : path;
        }

        private static String nfc(String s) {
            return Normalizer.normalize(s, Normalizer.Form.NFC);
        }
    }

    /**
     * The {@code names} of a YOLO {@code data.yaml}: a flow list ({@code names: [a, b]}), a block list
     * ({@code - a}), or an index map ({@code 0: a}, block or flow). Only this key is read, so a small reader suffices
     * (no YAML library for one key). Null when the file has no {@code names}.
     */
    static List<String> yamlNames(String yaml) {
        String[] lines = yaml.split("\r?\n");
        for (int i = 0; i < lines.length; i++) {
            String line = stripComment(lines[i]);
            if (!line.startsWith("names:")) continue;
            String rest = line.substring("names:".length()).strip();
            if (rest.startsWith("[")) return flowList(collect(lines, i, rest, ']'));
            if (rest.startsWith("{")) return indexMap(flowMap(collect(lines, i, rest, '}')));
            if (!rest.isEmpty()) throw new org.labelcrew.io.support.Utf8Lines.BadLine("import.yolo.names.notListOrMap", "names must be a list or a map of class names");
            List<String> list = new ArrayList<>();
            Map<Integer, String> map = new HashMap<>();
            for (int j = i + 1; j < lines.length; j++) {
                String raw = lines[j];
                String item = stripComment(raw).strip();
                if (item.isEmpty()) continue;
                if (!Character.isWhitespace(raw.charAt(0)) && !item.startsWith("-")) break; // the next top-level key
                if (item.startsWith("-")) {
                    list.add(scalar(item.substring(1)));
                } else {
                    int colon = item.indexOf(':');
                    if (colon < 0) throw new org.labelcrew.io.support.Utf8Lines.BadLine("import.yolo.names.badEntry", "line " + (j + 1) + ": names entry \"" + item + "\" is not \"index: name\"", "entry", item);
                    try {
                        map.put(Integer.parseInt(item.substring(0, colon).strip()), scalar(item.substring(colon + 1)));
                    } catch (NumberFormatException notIndex) {
                        throw new org.labelcrew.io.support.Utf8Lines.BadLine("import.yolo.names.badKey", "line " + (j + 1)
                                + ": names key \"" + item.substring(0, colon).strip() + "\" is not a class index",
                                "key", item.substring(0, colon).strip());
                    }
                }
            }
            if (!list.isEmpty() && !map.isEmpty()) throw new org.labelcrew.io.support.Utf8Lines.BadLine("import.yolo.names.mixed", "names mixes a list and a map");
            return list.isEmpty() ? indexMap(map) : list;
        }
        return null;
    }

    private static String collect(String[] lines, int from, String first, char close) {
        StringBuilder s = new StringBuilder(first);
        for (int j = from + 1; s.indexOf(String.valueOf(close)) < 0 && j < lines.length; j++) s.append(' ').append(stripComment(lines[j]));
        return s.toString();
    }

    private static List<String> flowList(String text) {
        int end = text.lastIndexOf(']');
        if (end < 0) throw new org.labelcrew.io.support.Utf8Lines.BadLine("import.yolo.names.listNotClosed", "names: the list [ … ] is not closed");
        List<String> out = new ArrayList<>();
        for (String part : splitFlow(text.substring(1, end))) {
            if (!part.isBlank()) out.add(scalar(part));
        }
        return out;
    }

    private static Map<Integer, String> flowMap(String text) {
        int end = text.lastIndexOf('}');
        if (end < 0) throw new org.labelcrew.io.support.Utf8Lines.BadLine("import.yolo.names.mapNotClosed", "names: the map { … } is not closed");
        Map<Integer, String> out = new HashMap<>();
        for (String part : splitFlow(text.substring(1, end))) {
            if (part.isBlank()) continue;
            int colon = part.indexOf(':');
            try {
                out.put(Integer.parseInt(part.substring(0, Math.max(0, colon)).strip()), scalar(part.substring(colon + 1)));
            } catch (NumberFormatException | StringIndexOutOfBoundsException bad) {
                throw new org.labelcrew.io.support.Utf8Lines.BadLine("import.yolo.names.badEntry", "names entry \"" + part.strip() + "\" is not \"index: name\"", "entry", part.strip());
            }
        }
        return out;
    }

    private static List<String> indexMap(Map<Integer, String> map) {
        List<String> out = new ArrayList<>();
        for (int k = 0; k < map.size(); k++) {
            if (!map.containsKey(k)) throw new org.labelcrew.io.support.Utf8Lines.BadLine("import.yolo.names.gap", "names has no class " + k + " (indexes must run 0…" + (map.size() - 1) + ")",
                    "index", k, "last", map.size() - 1);
            out.add(map.get(k));
        }
        return out;
    }

    /** Splits a flow sequence at commas outside quotes. */
    private static List<String> splitFlow(String s) {
        List<String> parts = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (c == quote) quote = 0;
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == ',') {
                parts.add(cur.toString());
                cur.setLength(0);
                continue;
            }
            cur.append(c);
        }
        parts.add(cur.toString());
        return parts;
    }

    private static String scalar(String raw) {
        String s = raw.strip();
        if (s.length() >= 2 && s.startsWith("'") && s.endsWith("'")) s = s.substring(1, s.length() - 1).replace("''", "'");
        else if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) s = s.substring(1, s.length() - 1).replace("\\\"", "\"");
        return Normalizer.normalize(s, Normalizer.Form.NFC);
    }

    /** A line without its {@code # comment} (a {@code #} inside quotes stays), right-stripped. */
    private static String stripComment(String line) {
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) quote = 0;
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
                return line.substring(0, i).stripTrailing();
            }
        }
        return line.stripTrailing();
    }
}
