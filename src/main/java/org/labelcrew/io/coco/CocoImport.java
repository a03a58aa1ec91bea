package org.labelcrew.io.coco;

import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.labelcrew.io.ImportFormat;
import org.labelcrew.io.media.MediaZipFormat;
import org.labelcrew.io.support.Texts;
import org.labelcrew.media.Media;
import org.labelcrew.media.MediaProperties;
import org.labelcrew.media.MediaStore;
import org.labelcrew.schema.Field;
import org.labelcrew.schema.LabelSchema;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code coco} import: a zip of images (read exactly as {@code images-zip}: checks, thumbnails, duplicates, manifest)
 * holding one COCO annotation file, a {@code .json} at the zip's root. Each image is one task; the COCO annotations of
 * an image become its {@code data.prediction} (a result keyed by our field names, as the Label Studio import does),
 * which the labeling screen starts from. The mapping is the export's ({@link Cocos}), read back:
 *
 * <ul>
 * <li>an annotation with {@code keypoints} goes to the keypoints field named as its category (else the project's only
 * keypoints field): each point with {@code v > 0} becomes {@code {x, y, label}}, the label being the category's
 * {@code keypoints} name at that position;</li>
 * <li>one with a polygon {@code segmentation} goes to the first polygons field that has its category as a label (one
 * polygon per outline); when none has, its {@code bbox} goes to a boxes field;</li>
 * <li>others (empty segmentation, or RLE) give their {@code bbox} to the first boxes field with that label.</li>
 * </ul>
 *
 * <p>Everything is checked before any image is stored: an image entry naming a file that is not in the zip, an
 * annotation of an unknown image or category, a category no field of the schema has, a shape outside its image
 * (the real image's size) — each error names the entry ({@code annotations[4] (id 17)}). An image of the zip that the
 * COCO file does not name is imported without a prediction.
 */
@Configuration
class CocoImport {

    /**
     * A bound on the COCO file's unpacked size. The file is streamed (its annotations go to a temporary file, one line
     * each, and are read back one at a time), so this bounds the disk it may take, not the heap.
     */
    static final long MAX_JSON = 4L << 30;

    @Bean
    ImportFormat coco(MediaStore media, MediaProperties limits, ObjectMapper mapper) {
        return new MediaZipFormat("coco", Media.Kind.IMAGE, media, limits, mapper,
                context -> new Annotations(mapper, LabelSchema.of(context.schema())));
    }

    /**
     * Reads the COCO file of one import and turns it into each image's prediction. The file is walked with Jackson's
     * streaming parser: {@code images} and {@code categories} (one small entry per image or class) are kept as trees,
     * while each element of {@code annotations} (the large part: 100 objects on each of 10,000 images are a million)
     * is written to a temporary file as one JSON line, because the zip may hold the images after the COCO file and
     * the annotations can only be checked against the real images once every image has been read. They are read
     * back one at a time in {@link #data}: the heap holds one annotation and the predictions being built, never the file.
     */
    static final class Annotations implements MediaZipFormat.Companion {
        private static final JsonNodeFactory F = JsonNodeFactory.instance;
        private final ObjectMapper mapper;
        private final LabelSchema schema;
        private String path;
        private boolean ok;
        private final List<JsonNode> imageList = new ArrayList<>();
        private final List<JsonNode> categoryList = new ArrayList<>();
        Path spool;
        private long annotationCount;

        Annotations(ObjectMapper mapper, LabelSchema schema) {
            this.mapper = mapper;
            this.schema = schema;
        }

        @Override
        public boolean takes(String entry) {
            return entry.indexOf('/') < 0 && entry.toLowerCase(java.util.Locale.ROOT).endsWith(".json");
        }

        @Override
        public void read(String entry, InputStream in, List<ImportFormat.LineError> errors) throws IOException {
            if (path != null) {
                errors.add(ImportFormat.LineError.coded(0, "import.coco.secondFile", entry + ": a second COCO file (" + path + " came first); the zip may hold one", "path", entry, "first", path));
                return;
            }
            path = entry;
            Bounded bounded = new Bounded(in, MAX_JSON);
            boolean images = false, annotations = false, categories = false;
            spool = Files.createTempFile("labelcrew-coco-", ".jsonl");
            // Elements are read out of the middle of the file: the tokens after each are not an error.
            ObjectReader reader = mapper.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
            try (OutputStream spooled = new BufferedOutputStream(Files.newOutputStream(spool), 1 << 16);
                    JsonParser p = reader.createParser(bounded)) {
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    errors.add(ImportFormat.LineError.coded(0, "import.coco.notCoco", entry + ": " + NOT_COCO, "path", entry));
                    return;
                }
                for (JsonToken t = p.nextToken(); t == JsonToken.PROPERTY_NAME; t = p.nextToken()) {
                    String key = p.currentName();
                    JsonToken value = p.nextToken();
                    boolean array = value == JsonToken.START_ARRAY;
                    switch (key) {
                        case "images" -> {
                            images = array;
                            if (array) while (p.nextToken() != JsonToken.END_ARRAY) imageList.add(Texts.clean(reader.readTree(p)));
                        }
                        case "categories" -> {
                            categories = array;
                            if (array) while (p.nextToken() != JsonToken.END_ARRAY) categoryList.add(Texts.clean(reader.readTree(p)));
                        }
                        case "annotations" -> {
                            annotations = array;
                            if (array) {
                                while (p.nextToken() != JsonToken.END_ARRAY) {
                                    spooled.write(mapper.writeValueAsBytes(Texts.clean(reader.readTree(p))));
                                    spooled.write('\n');
                                    annotationCount++;
                                }
                            }
                        }
                        default -> { }
                    }
                    if (!array || !List.of("images", "categories", "annotations").contains(key)) p.skipChildren();
                }
                if (p.nextToken() != null) throw new IllegalStateException("more JSON after the COCO object");
            } catch (RuntimeException bad) {
                errors.add(bounded.over
                        ? ImportFormat.LineError.coded(0, "import.coco.tooBig", entry + ": is larger than " + (MAX_JSON >> 20)
                                + " MB, the most a COCO file may have", "path", entry, "mb", MAX_JSON >> 20)
                        : ImportFormat.LineError.coded(0, "import.coco.notJson", entry + ": is not valid JSON: "
                                + firstLine(bad.getMessage()), "path", entry, "detail", firstLine(bad.getMessage())));
                return;
            }
            if (!images || !annotations || !categories) {
                errors.add(ImportFormat.LineError.coded(0, "import.coco.notCoco", entry + ": " + NOT_COCO, "path", entry));
                return;
            }
            ok = true;
        }

        private static final String NOT_COCO = "is not a COCO file (an object with \"images\", \"annotations\" and \"categories\" arrays)";

        @Override
        public void close() throws IOException {
            if (spool != null) Files.deleteIfExists(spool);
        }

        private record Category(String name, List<String> keypoints) {
        }

        private record Image(String file, MediaStore.Checked checked) {
        }

        @Override
        public Map<String, ObjectNode> data(Map<String, MediaStore.Checked> files, List<ImportFormat.LineError> errors) {
            Map<String, ObjectNode> out = new HashMap<>();
            if (path == null) {
                errors.add(ImportFormat.LineError.coded(0, "import.coco.noFile", "holds no COCO file: coco takes a zip of the images with one COCO .json at its root"));
                return out;
            }
            if (!ok) return out;
            Map<Long, Category> categories = new HashMap<>();
            for (int i = 0; i < categoryList.size(); i++) {
                JsonNode c = categoryList.get(i);
                String at = path + ": categories[" + i + "]";
                if (!c.path("id").isIntegralNumber() || !c.path("name").isString()) {
                    errors.add(ImportFormat.LineError.coded(0, "import.coco.badCategory", at + " needs a whole-number \"id\" and a string \"name\"", "path", at));
                    continue;
                }
                List<String> kp = null;
                if (c.path("keypoints").isArray()) {
                    kp = new ArrayList<>();
                    for (JsonNode k : c.get("keypoints")) kp.add(k.asString(""));
                }
                if (categories.put(c.get("id").asLong(), new Category(c.get("name").asString(), kp)) != null) {
                    errors.add(ImportFormat.LineError.coded(0, "import.coco.idTwice", at + ": id " + c.get("id").asLong() + " is used twice", "path", at, "id", c.get("id").asLong()));
                }
            }
            // The COCO file's strings are NFC (Texts.clean); zip names as the zip tool wrote them (NFD from macOS).
            Map<String, String> byNfc = new HashMap<>();
            for (String file : files.keySet()) byNfc.putIfAbsent(java.text.Normalizer.normalize(file, java.text.Normalizer.Form.NFC), file);
            Map<Long, Image> images = new HashMap<>();
            for (int i = 0; i < imageList.size(); i++) {
                JsonNode img = imageList.get(i);
                String at = path + ": images[" + i + "]";
                if (!img.path("id").isIntegralNumber() || !img.path("file_name").isString()) {
                    errors.add(ImportFormat.LineError.coded(0, "import.coco.badImage", at + " needs a whole-number \"id\" and a string \"file_name\"", "path", at));
                    continue;
                }
                String named = img.get("file_name").asString().replace('\\', '/');
                String file = byNfc.getOrDefault(named, named);
                MediaStore.Checked checked = files.get(file);
                if (checked == null) {
                    errors.add(ImportFormat.LineError.coded(0, "import.coco.imageMissing", at + " (id " + img.get("id").asLong() + "): \"" + file + "\" is not an image file in the zip", "path", at, "id", img.get("id").asLong(), "file", file));
                    continue;
                }
                if (images.put(img.get("id").asLong(), new Image(file, checked)) != null) {
                    errors.add(ImportFormat.LineError.coded(0, "import.coco.idTwice", at + ": id " + img.get("id").asLong() + " is used twice", "path", at, "id", img.get("id").asLong()));
                }
            }
            if (!errors.isEmpty()) return out;
            Map<String, ObjectNode> predictions = new LinkedHashMap<>();
            try (BufferedReader anns = Files.newBufferedReader(spool, StandardCharsets.UTF_8)) {
                String line;
                for (int i = 0; (line = anns.readLine()) != null && errors.size() < 100; i++) {
                    annotation(i, mapper.readTree(line), images, categories, predictions, errors);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (!errors.isEmpty()) return out;
            predictions.forEach((file, p) -> {
                if (!p.isEmpty()) out.put(file, F.objectNode().set("prediction", p));
            });
            return out;
        }

        private void annotation(int i, JsonNode a, Map<Long, Image> images, Map<Long, Category> categories,
                Map<String, ObjectNode> predictions, List<ImportFormat.LineError> errors) {
            String at = path + ": annotations[" + i + "]" + (a.path("id").isNumber() ? " (id " + a.get("id").asString() + ")" : "");
            if (!a.isObject()) {
                errors.add(ImportFormat.LineError.coded(0, "import.coco.annotationNotObject", at + " must be an object", "path", at));
                return;
            }
            Image image = images.get(a.path("image_id").asLong(Long.MIN_VALUE));
            if (image == null || !a.path("image_id").isIntegralNumber()) {
                errors.add(ImportFormat.LineError.coded(0, "import.coco.unknownImage", at + ": image_id " + a.path("image_id") + " is none of the file's images", "path", at, "id", a.path("image_id").toString()));
                return;
            }
            Category category = categories.get(a.path("category_id").asLong(Long.MIN_VALUE));
            if (category == null || !a.path("category_id").isIntegralNumber()) {
                errors.add(ImportFormat.LineError.coded(0, "import.coco.unknownCategory", at + ": category_id " + a.path("category_id") + " is none of the file's categories", "path", at, "id", a.path("category_id").toString()));
                return;
            }
            at += ", image \"" + image.file() + "\"";
            ObjectNode prediction = predictions.computeIfAbsent(image.file(), f -> F.objectNode());
            convert(a, category, image, at, prediction, errors);
        }

        private void convert(JsonNode a, Category category, Image image, String at, ObjectNode prediction, List<ImportFormat.LineError> errors) {
            double[] size = image.checked().width() == null ? null
                    : new double[] {image.checked().width(), image.checked().height()};
            JsonNode kp = a.get("keypoints");
            if (kp != null && kp.isArray() && !kp.isEmpty()) {
                Field.Keypoints field = (Field.Keypoints) schema.match(category.name(), Field.Keypoints.class).orElse(null);
                if (field == null) {
                    errors.add(ImportFormat.LineError.coded(0, "import.coco.noKeypointsField", at + ": has keypoints, and the project's schema has no keypoints field named \"" + category.name() + "\"", "path", at, "category", category.name()));
                    return;
                }
                List<String> names = category.keypoints() == null ? List.of() : category.keypoints();
                boolean numbers = true;
                for (JsonNode v : kp) numbers &= v.isNumber() && Double.isFinite(v.asDouble());
                if (!numbers || kp.size() % 3 != 0 || kp.size() / 3 != names.size()) {
                    errors.add(ImportFormat.LineError.coded(0, "import.coco.badKeypoints", at + ": keypoints must be [x, y, v] for each of the category's " + names.size() + " keypoints", "path", at, "n", names.size()));
                    return;
                }
                ArrayNode points = array(prediction, field.name());
                for (int k = 0; k < names.size(); k++) {
                    if (kp.get(3 * k + 2).asDouble() <= 0) continue;
                    String label = names.get(k);
                    if (!field.labels().contains(label)) {
                        errors.add(ImportFormat.LineError.coded(0, "import.coco.keypointNotLabel", at + ": keypoint \"" + label + "\" is not a label of the field \"" + field.name() + "\"", "path", at, "label", label, "field", field.name()));
                        continue;
                    }
                    double x = kp.get(3 * k).asDouble(), y = kp.get(3 * k + 1).asDouble();
                    if (!inside(x, y, size)) {
                        errors.add(ImportFormat.LineError.coded(0, "import.coco.keypointOutside", at + ": keypoint \"" + label + "\" (" + fmt(x) + ", " + fmt(y) + ") " + outside(size), "path", at, "label", label, "x", fmt(x), "y", fmt(y)));
                        continue;
                    }
                    points.addObject().set("x", Cocos.num(x)).set("y", Cocos.num(y)).put("label", label);
                }
                return;
            }
            JsonNode seg = a.get("segmentation");
            if (seg != null && seg.isArray() && !seg.isEmpty()) {
                Field.Polygons field = withLabel(Field.Polygons.class, category.name());
                if (field != null) {
                    ArrayNode polygons = array(prediction, field.name());
                    for (int s = 0; s < seg.size(); s++) {
                        JsonNode outline = seg.get(s);
                        boolean numbers = outline.isArray();
                        for (JsonNode v : outline) numbers &= v.isNumber() && Double.isFinite(v.asDouble());
                        if (!numbers || outline.size() < 6 || outline.size() % 2 != 0) {
                            errors.add(ImportFormat.LineError.coded(0, "import.coco.badSegmentation", at + ": segmentation[" + s + "] must be [x1, y1, x2, y2, …] with at least 3 points", "path", at, "n", s));
                            continue;
                        }
                        ObjectNode polygon = polygons.addObject();
                        ArrayNode pts = polygon.putArray("points");
                        for (int k = 0; k < outline.size(); k += 2) {
                            double x = outline.get(k).asDouble(), y = outline.get(k + 1).asDouble();
                            if (!inside(x, y, size)) {
                                errors.add(ImportFormat.LineError.coded(0, "import.coco.pointOutside", at + ": segmentation[" + s + "] point (" + fmt(x) + ", " + fmt(y) + ") " + outside(size), "path", at, "n", s, "x", fmt(x), "y", fmt(y)));
                            }
                            pts.addArray().add(Cocos.num(x)).add(Cocos.num(y));
                        }
                        polygon.put("label", category.name());
                        attributes(a, polygon);
                    }
                    return;
                }
            }
            Field.Boxes field = withLabel(Field.Boxes.class, category.name());
            if (field == null) {
                errors.add(ImportFormat.LineError.coded(0, "import.coco.categoryNotInSchema", at + ": category \"" + category.name() + "\" is a label of no "
                        + (seg != null && seg.isArray() && !seg.isEmpty() ? "polygons or boxes" : "boxes") + " field of the project's schema", "path", at, "category", category.name()));
                return;
            }
            JsonNode bbox = a.get("bbox");
            if (bbox == null || !bbox.isArray() || bbox.size() != 4 || !bbox.get(0).isNumber() || !bbox.get(1).isNumber()
                    || !bbox.get(2).isNumber() || !bbox.get(3).isNumber()) {
                errors.add(ImportFormat.LineError.coded(0, "import.coco.badBbox", at + ": bbox must be [x, y, width, height]", "path", at));
                return;
            }
            double x = bbox.get(0).asDouble(), y = bbox.get(1).asDouble(), w = bbox.get(2).asDouble(), h = bbox.get(3).asDouble();
            if (w <= 0 || h <= 0) {
                errors.add(ImportFormat.LineError.coded(0, "import.coco.bboxNoArea", at + ": bbox " + bbox + " has no area (width and height must be more than 0)", "path", at, "bbox", bbox.toString()));
                return;
            }
            if (!inside(x, y, size) || !inside(x + w, y + h, size)) {
                errors.add(ImportFormat.LineError.coded(0, "import.coco.bboxOutside", at + ": bbox " + bbox + " goes " + outside(size).substring(3), "path", at, "bbox", bbox.toString()));
                return;
            }
            ObjectNode box = array(prediction, field.name()).addObject();
            box.set("x", Cocos.num(x));
            box.set("y", Cocos.num(y));
            box.set("w", Cocos.num(w));
            box.set("h", Cocos.num(h));
            box.put("label", category.name());
            attributes(a, box);
        }

        private <T extends Field.OnImage> T withLabel(Class<T> type, String label) {
            return schema.fields(type).stream().filter(f -> f.labels().contains(label)).findFirst().orElse(null);
        }

        private static ArrayNode array(ObjectNode prediction, String field) {
            JsonNode existing = prediction.get(field);
            return existing instanceof ArrayNode arr ? arr : prediction.putArray(field);
        }

        private static void attributes(JsonNode a, ObjectNode object) {
            JsonNode attrs = a.get("attributes");
            if (attrs != null && attrs.isObject() && !attrs.isEmpty()) object.set("attributes", attrs);
        }

        private static boolean inside(double x, double y, double[] size) {
            return x >= 0 && y >= 0 && (size == null || (x <= size[0] && y <= size[1]));
        }

        private static String outside(double[] size) {
            return size == null ? "is outside the image (negative)"
                    : "is outside the image (" + fmt(size[0]) + " × " + fmt(size[1]) + " pixels)";
        }

        private static String fmt(double v) {
            return Cocos.num(v).toString();
        }

        /** Stops reading past {@code max} bytes (a zip bomb of JSON would otherwise fill the disk through the spool). */
        private static final class Bounded extends java.io.FilterInputStream {
            private long left;
            boolean over;

            Bounded(InputStream in, long max) {
                super(in);
                this.left = max;
            }

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (left <= 0) {
                    over = true;
                    throw new IllegalStateException("too large");
                }
                int n = super.read(b, off, (int) Math.min(len, left));
                if (n > 0) left -= n;
                return n;
            }

            @Override
            public void close() {
                // the zip's stream: the zip reader goes on to its next entry
            }
        }

        private static String firstLine(String message) {
            if (message == null) return "";
            int nl = message.indexOf('\n');
            return nl < 0 ? message : message.substring(0, nl);
        }
    }
}
