package org.labelcrew.io.aihub;

import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.labelcrew.io.IoProblems;
import org.labelcrew.io.support.JsonArrayExport;
import org.labelcrew.schema.Field;
import org.labelcrew.schema.LabelSchema;
import org.labelcrew.shared.ApiException;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * AI-Hub-style image JSON: {@code {"documents": [{"id", "image": {"id", "file_name", "path", "width", "height",
 * "meta"?}, "annotations": [{"id", "field", "class", "shape_type", "points", "attributes"}], "split"?}]}}, one document
 * per approved image task, streamed (one per line). Every boxes ({@code bbox}: top-left and bottom-right corners),
 * polygons ({@code polygon}) and keypoints ({@code point}) field of the schema, in schema order, from the first
 * accepted annotation. The shapes are documented in docs/io.md.
 */
@Component
class AihubImageExport extends JsonArrayExport {

    /** Task data keys the image block names itself; the others (manifest metadata) go to {@code meta}. */
    private static final Set<String> OWN = Set.of("width", "height", "file");

    AihubImageExport(ObjectMapper mapper) {
        super(mapper, "documents");
    }

    @Override
    public String name() {
        return "aihub-image";
    }

    @Override
    public void check(Context context) {
        if (LabelSchema.of(context.schema()).fields(Field.OnImage.class).isEmpty()) {
            throw IoProblems.invalid(ApiException.FieldError.coded("format", "io.export.needsField",
                    "aihub-image needs a boxes, polygons or keypoints field in the project's schema", "format", "aihub-image",
                    "types", "boxes, polygons, keypoints"));
        }
    }

    @Override
    protected Function<Item, JsonNode> items(Context context) {
        List<Field.OnImage> fields = LabelSchema.of(context.schema()).fields(Field.OnImage.class);
        return item -> document(item, fields);
    }

    static ObjectNode document(Item item, List<Field.OnImage> fields) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        JsonNode data = item.data();
        String source = fields.get(0).source();
        ObjectNode doc = f.objectNode();
        doc.put("id", item.id());
        ObjectNode image = doc.putObject("image");
        image.set("id", data.get(source));
        String path = data.path("file").asString("");
        image.put("file_name", path.contains("/") ? path.substring(path.lastIndexOf('/') + 1) : path);
        image.put("path", path);
        image.set("width", data.get("width"));
        image.set("height", data.get("height"));
        ObjectNode meta = f.objectNode();
        for (var e : data.properties()) {
            if (!OWN.contains(e.getKey()) && !e.getKey().equals(source)) meta.set(e.getKey(), e.getValue());
        }
        if (!meta.isEmpty()) image.set("meta", meta);
        ArrayNode annotations = doc.putArray("annotations");
        JsonNode result = item.annotations().isEmpty() ? null : item.annotations().get(0).result();
        int id = 0;
        for (Field.OnImage field : fields) {
            JsonNode objects = result == null ? null : result.get(field.name());
            if (objects == null) continue;
            for (JsonNode o : objects) {
                ObjectNode a = annotations.addObject();
                a.put("id", ++id);
                a.put("field", field.name());
                a.put("class", o.path("label").asString(""));
                ArrayNode points = f.arrayNode();
                if (field instanceof Field.Boxes) {
                    a.put("shape_type", "bbox");
                    double x = o.path("x").asDouble(), y = o.path("y").asDouble();
                    points.addArray().add(o.get("x")).add(o.get("y"));
                    points.addArray().add(number(x + o.path("w").asDouble())).add(number(y + o.path("h").asDouble()));
                } else if (field instanceof Field.Polygons) {
                    a.put("shape_type", "polygon");
                    for (JsonNode pt : o.path("points")) points.addArray().add(pt.get(0)).add(pt.get(1));
                } else {
                    a.put("shape_type", "point");
                    points.addArray().add(o.get("x")).add(o.get("y"));
                }
                a.set("points", points);
                a.set("attributes", o.path("attributes").isObject() ? o.get("attributes") : f.objectNode());
            }
        }
        if (item.split() != null) doc.put("split", item.split());
        return doc;
    }

    /** Whole numbers as integers, as the labeler's own coordinates usually are. */
    private static JsonNode number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? JsonNodeFactory.instance.numberNode((long) v)
                : JsonNodeFactory.instance.numberNode(v);
    }
}
