package org.labelcrew.io.support;

import java.io.OutputStream;
import org.labelcrew.io.ExportFormat;
import java.util.function.Function;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The shape of the JSON exports that hold one array of items: streamed, one item in memory at a time, each item on a
 * line of its own. With a {@code wrapper} name the array is that key of a top-level object ({@code {"documents": […]}}),
 * without one the file is the array.
 */
public abstract class JsonArrayExport implements ExportFormat {

    private final ObjectMapper mapper;
    private final String wrapper;

    protected JsonArrayExport(ObjectMapper mapper, String wrapper) {
        this.mapper = mapper;
        this.wrapper = wrapper;
    }

    /**
     * An item function that also has keys to write beside the wrapped array when the file ends (AI-Hub's file-level
     * {@code name}, {@code delivery_date}, learnt from the items it saw); JSON keys have no order, so after is fine.
     */
    public interface Trailer {
        tools.jackson.databind.node.ObjectNode trailer();
    }

    /** How one item becomes its JSON in this export of {@code context} (the schema, the options). */
    protected abstract Function<Item, JsonNode> items(Context context);

    @Override
    public String contentType() {
        return "application/json";
    }

    @Override
    public String extension() {
        return "json";
    }

    @Override
    public Writer open(OutputStream out, Context context) {
        Function<Item, JsonNode> tree = items(context);
        JsonGenerator g = mapper.writer().without(StreamWriteFeature.AUTO_CLOSE_TARGET).createGenerator(out);
        if (wrapper != null) {
            g.writeStartObject();
            g.writeName(wrapper);
        }
        g.writeStartArray();
        return new Writer() {
            @Override
            public void write(Item item) {
                g.writeRaw('\n');
                g.writeTree(tree.apply(item));
            }

            @Override
            public void close() {
                g.writeRaw('\n');
                g.writeEndArray();
                if (wrapper != null && tree instanceof Trailer t && t.trailer() != null) {
                    for (var e : t.trailer().properties()) {
                        if (e.getKey().equals(wrapper)) continue;
                        g.writeName(e.getKey());
                        g.writeTree(e.getValue());
                    }
                }
                if (wrapper != null) g.writeEndObject();
                g.writeRaw('\n');
                g.close();
            }
        };
    }
}
