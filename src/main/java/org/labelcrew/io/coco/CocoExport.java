package org.labelcrew.io.coco;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.labelcrew.io.IoProblems;
import org.labelcrew.io.ExportFormat;
import org.labelcrew.schema.Field;
import org.labelcrew.schema.LabelSchema;
import org.labelcrew.shared.ApiException;
import org.springframework.stereotype.Component;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * COCO object detection / key point JSON ({@code {"info", "categories", "images", "annotations"}}), one image per
 * approved task, streamed with constant memory: images are written as the tasks come; their annotations, which COCO
 * keeps in a separate array, go to a temporary file that is appended when the last task is written. Only the
 * temporary file grows with the export, never the heap.
 *
 * <p>Categories come from the schema ({@link Cocos#categories}); boxes become {@code bbox} annotations, polygons add
 * their {@code segmentation}, key points are grouped into instances ({@link Cocos#instances}) with {@code keypoints
 * [x, y, v, …]}. With overlap, the first approved annotation is written (as every single-annotation format).
 */
@Component
class CocoExport implements ExportFormat {

    private final ObjectMapper mapper;

    CocoExport(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public String name() {
        return "coco";
    }

    @Override
    public String contentType() {
        return "application/json";
    }

    @Override
    public String extension() {
        return "json";
    }

    @Override
    public void check(Context context) {
        if (LabelSchema.of(context.schema()).fields(Field.OnImage.class).isEmpty()) {
            throw IoProblems.invalid(ApiException.FieldError.coded("format", "io.export.needsField",
                    "coco needs a boxes, polygons or keypoints field in the project's schema", "format", "coco",
                    "types", "boxes, polygons, keypoints"));
        }
    }

    @Override
    public Writer open(OutputStream out, Context context) throws IOException {
        LabelSchema schema = LabelSchema.of(context.schema());
        List<Field.OnImage> fields = schema.fields(Field.OnImage.class);
        Map<String, Cocos.Category> categories = Cocos.categories(fields);
        String imageKey = fields.isEmpty() ? "image" : fields.get(0).source();
        Path spill = Files.createTempFile("labelcrew-coco-", ".json");
        OutputStream spillOut = Files.newOutputStream(spill);
        JsonGenerator anns = mapper.writer().without(StreamWriteFeature.AUTO_CLOSE_TARGET).createGenerator(spillOut);
        JsonGenerator g = mapper.writer().without(StreamWriteFeature.AUTO_CLOSE_TARGET).createGenerator(out);
        g.writeStartObject();
        g.writeName("info");
        g.writeStartObject();
        g.writeStringProperty("description", "LabelCrew export");
        g.writeEndObject();
        g.writeName("categories");
        g.writeStartArray();
        for (Cocos.Category c : categories.values()) {
            g.writeRaw('\n');
            g.writeStartObject();
            g.writeNumberProperty("id", c.id());
            g.writeStringProperty("name", c.name());
            g.writeStringProperty("supercategory", c.supercategory());
            if (c.keypoints() != null) {
                g.writeName("keypoints");
                g.writeStartArray();
                for (String k : c.keypoints()) g.writeString(k);
                g.writeEndArray();
                g.writeName("skeleton");
                g.writeStartArray();
                for (int[] e : c.skeleton()) {
                    g.writeStartArray();
                    g.writeNumber(e[0]);
                    g.writeNumber(e[1]);
                    g.writeEndArray();
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        }
        g.writeRaw('\n');
        g.writeEndArray();
        g.writeName("images");
        g.writeStartArray();
        return new Writer() {
            long annotationId;
            boolean firstAnnotation = true;

            @Override
            public void write(Item item) {
                JsonNode data = item.data();
                g.writeRaw('\n');
                g.writeStartObject();
                g.writeNumberProperty("id", item.id());
                JsonNode file = data.get("file");
                g.writeStringProperty("file_name", file != null && file.isString() ? file.asString()
                        : data.path(imageKey).asString(String.valueOf(item.id())));
                if (data.path("width").isNumber()) g.writePOJOProperty("width", data.get("width"));
                if (data.path("height").isNumber()) g.writePOJOProperty("height", data.get("height"));
                if (item.split() != null) g.writeStringProperty("split", item.split());
                g.writeEndObject();
                JsonNode result = item.annotations().isEmpty() ? null : item.annotations().get(0).result();
                if (result == null) return;
                for (Field.OnImage field : fields) {
                    JsonNode value = field.value(result);
                    if (value == null || !value.isArray()) continue;
                    for (Cocos.Annotation a : Cocos.annotations(field, value, categories)) {
                        if (!firstAnnotation) anns.writeRaw(',');
                        firstAnnotation = false;
                        anns.writeRaw('\n');
                        anns.writeTree(a.json(++annotationId, item.id()));
                    }
                }
            }

            @Override
            public void close() throws IOException {
                try {
                    anns.close();
                    spillOut.close();
                    g.writeRaw('\n');
                    g.writeEndArray();
                    g.writeName("annotations");
                    g.writeStartArray();
                    g.flush();
                    // The annotations were written apart as complete JSON values separated by commas: copied as bytes.
                    try (InputStream in = Files.newInputStream(spill)) {
                        in.transferTo(out);
                    }
                    g.writeRaw('\n');
                    g.writeEndArray();
                    g.writeEndObject();
                    g.writeRaw('\n');
                    g.close();
                } catch (UncheckedIOException e) {
                    throw e.getCause();
                } finally {
                    Files.deleteIfExists(spill);
                }
            }
        };
    }
}
