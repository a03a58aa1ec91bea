package org.labelcrew.io.coco;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.labelcrew.schema.Field;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * How LabelCrew's image fields map to COCO, both ways (the export writes it, the import reads it back).
 *
 * <ul>
 * <li>Categories: every label of the boxes and polygons fields, in schema order, ids 1, 2, 3…; the same label in two
 * fields is one category ({@code supercategory} = the first field's name). A keypoints field is one category named
 * after the field, whose {@code keypoints} are the field's labels and {@code skeleton} its label pairs as 1-based
 * indices into them (COCO's convention); when a box or polygon label has the field's name, that category carries
 * them.</li>
 * <li>A box: {@code bbox [x, y, w, h]}, {@code area = w·h}, {@code segmentation []}. A polygon: {@code segmentation
 * [[x1, y1, x2, y2, …]]}, {@code bbox} its bounds, {@code area} its (shoelace) area. Key points: see
 * {@link #instances}. Every annotation has {@code iscrowd 0}, and {@code attributes} when the object has some (CVAT's
 * convention).</li>
 * </ul>
 */
final class Cocos {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private Cocos() {
    }

    /** A COCO category; {@code keypoints}/{@code skeleton} only for a keypoints field's category. */
    record Category(int id, String name, String supercategory, List<String> keypoints, List<int[]> skeleton) {
    }

    /** The categories of the schema's image fields, by name, in id order. */
    static Map<String, Category> categories(List<Field.OnImage> fields) {
        Map<String, Category> out = new LinkedHashMap<>();
        for (Field.OnImage f : fields) {
            if (f instanceof Field.Keypoints) continue;
            for (String label : f.labels()) {
                out.putIfAbsent(label, new Category(out.size() + 1, label, f.name(), null, null));
            }
        }
        for (Field.OnImage f : fields) {
            if (!(f instanceof Field.Keypoints k)) continue;
            List<String> names = new ArrayList<>(k.labels());
            List<int[]> skeleton = new ArrayList<>();
            for (List<String> e : k.skeleton()) {
                int a = names.indexOf(e.get(0));
                int b = names.indexOf(e.get(1));
                if (a >= 0 && b >= 0) skeleton.add(new int[] {a + 1, b + 1});
            }
            Category before = out.get(k.name());
            int id = before == null ? out.size() + 1 : before.id();
            String sup = before == null ? k.name() : before.supercategory();
            out.put(k.name(), new Category(id, k.name(), sup, names, skeleton));
        }
        return out;
    }

    /** One annotation of an image, before it gets its id. */
    record Annotation(int categoryId, double[] bbox, double area, ArrayNode segmentation, ArrayNode keypoints,
            int numKeypoints, JsonNode attributes) {

        ObjectNode json(long id, long imageId) {
            ObjectNode a = F.objectNode();
            a.put("id", id);
            a.put("image_id", imageId);
            a.put("category_id", categoryId);
            ArrayNode b = a.putArray("bbox");
            for (double v : bbox) b.add(num(v));
            a.set("area", num(area));
            a.set("segmentation", segmentation == null ? F.arrayNode() : segmentation);
            if (keypoints != null) {
                a.set("keypoints", keypoints);
                a.put("num_keypoints", numKeypoints);
            }
            a.put("iscrowd", 0);
            if (attributes != null && attributes.isObject() && !attributes.isEmpty()) a.set("attributes", attributes);
            return a;
        }
    }

    /** The COCO annotations of one field's value (an array of objects, valid for the field). */
    static List<Annotation> annotations(Field.OnImage field, JsonNode value, Map<String, Category> categories) {
        List<Annotation> out = new ArrayList<>();
        if (field instanceof Field.Boxes) {
            for (JsonNode o : value) {
                Category c = categories.get(o.path("label").asString(""));
                if (c == null) continue;
                double x = o.path("x").asDouble(), y = o.path("y").asDouble();
                double w = o.path("w").asDouble(), h = o.path("h").asDouble();
                out.add(new Annotation(c.id(), new double[] {x, y, w, h}, w * h, null, null, 0, o.get("attributes")));
            }
        } else if (field instanceof Field.Polygons) {
            for (JsonNode o : value) {
                Category c = categories.get(o.path("label").asString(""));
                JsonNode points = o.path("points");
                if (c == null || !points.isArray() || points.isEmpty()) continue;
                ArrayNode flat = F.arrayNode();
                double minX = Double.MAX_VALUE, minY = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
                double twice = 0;
                for (int i = 0; i < points.size(); i++) {
                    double px = points.get(i).path(0).asDouble(), py = points.get(i).path(1).asDouble();
                    JsonNode next = points.get((i + 1) % points.size());
                    twice += px * next.path(1).asDouble() - next.path(0).asDouble() * py;
                    flat.add(num(px)).add(num(py));
                    minX = Math.min(minX, px);
                    minY = Math.min(minY, py);
                    maxX = Math.max(maxX, px);
                    maxY = Math.max(maxY, py);
                }
                ArrayNode seg = F.arrayNode();
                seg.add(flat);
                out.add(new Annotation(c.id(), new double[] {minX, minY, maxX - minX, maxY - minY}, Math.abs(twice) / 2,
                        seg, null, 0, o.get("attributes")));
            }
        } else if (field instanceof Field.Keypoints k && categories.get(k.name()) != null) {
            Category c = categories.get(k.name());
            for (List<JsonNode> instance : instances(c.keypoints(), value)) {
                ArrayNode kp = F.arrayNode();
                int n = 0;
                double minX = Double.MAX_VALUE, minY = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
                for (JsonNode p : instance) {
                    if (p == null) {
                        kp.add(0).add(0).add(0);
                        continue;
                    }
                    double px = p.path("x").asDouble(), py = p.path("y").asDouble();
                    kp.add(num(px)).add(num(py)).add(2);
                    n++;
                    minX = Math.min(minX, px);
                    minY = Math.min(minY, py);
                    maxX = Math.max(maxX, px);
                    maxY = Math.max(maxY, py);
                }
                double[] bbox = {minX, minY, maxX - minX, maxY - minY};
                out.add(new Annotation(c.id(), bbox, bbox[2] * bbox[3], null, kp, n, null));
            }
        }
        return out;
    }

    /**
     * Our key points are a flat list of named points; COCO groups them into instances (one person: one vector of every
     * named point). The k-th point of each name belongs to instance k, so an image of one skeleton is one annotation,
     * and two skeletons drawn point by point in the same order are two. A name missing from an instance is
     * {@code 0, 0, 0} (not labelled).
     */
    static List<List<JsonNode>> instances(List<String> names, JsonNode value) {
        Map<String, Integer> seen = new HashMap<>();
        List<List<JsonNode>> out = new ArrayList<>();
        for (JsonNode p : value) {
            int slot = names.indexOf(p.path("label").asString(""));
            if (slot < 0) continue;
            int k = seen.merge(names.get(slot), 1, Integer::sum) - 1;
            while (out.size() <= k) {
                List<JsonNode> empty = new ArrayList<>();
                for (int i = 0; i < names.size(); i++) empty.add(null);
                out.add(empty);
            }
            out.get(k).set(slot, p);
        }
        return out;
    }

    /** A whole number as an integer (so 10 stays {@code 10}, not {@code 10.0}), else the double. */
    static JsonNode num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? F.numberNode((long) v) : F.numberNode(v);
    }
}
