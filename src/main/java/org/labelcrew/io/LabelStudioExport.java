package org.labelcrew.io;

import java.io.IOException;
import java.io.OutputStream;
import org.springframework.stereotype.Component;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Label Studio task JSON: one array, a task per approved task (streamed, one per line of the file):
 * {@code {"id", "data", "annotations": [{"id", "created_at", "result": […]}], "predictions"?: [{"model_version",
 * "result"}], "split"?}}. Results are converted by {@link LabelStudio} (spans get UTF-16 {@code start}/{@code end} and
 * their {@code text}). A {@code data.prediction} that the LS import made becomes the task's prediction again and
 * leaves {@code data}, so an LS file goes through LabelCrew and comes back in its own shape.
 */
@Component
class LabelStudioExport implements ExportFormat {

    private final ObjectMapper mapper;

    LabelStudioExport(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public String name() {
        return "labelstudio";
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
    public Writer open(OutputStream out) throws IOException {
        return open(out, new Context(null, null));
    }

    @Override
    public Writer open(OutputStream out, Context context) {
        JsonNode schema = context.schema();
        JsonGenerator g = mapper.writer().without(StreamWriteFeature.AUTO_CLOSE_TARGET).createGenerator(out);
        g.writeStartArray();
        return new Writer() {
            @Override
            public void write(Item item) {
                g.writeRaw('\n');
                g.writeTree(task(item, schema));
            }

            @Override
            public void close() {
                g.writeRaw('\n');
                g.writeEndArray();
                g.writeRaw('\n');
                g.close();
            }
        };
    }

    static ObjectNode task(Item item, JsonNode schema) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode task = f.objectNode();
        task.put("id", item.id());
        ObjectNode data = item.data() instanceof ObjectNode o ? o.deepCopy() : f.objectNode();
        JsonNode prediction = data.remove("prediction");
        task.set("data", data);
        var annotations = task.putArray("annotations");
        for (Annotation a : item.annotations()) {
            ObjectNode out = annotations.addObject();
            out.put("id", a.id());
            out.put("created_at", a.createdAt().toString());
            out.set("result", LabelStudio.toLabelStudio(a.result(), schema, data));
        }
        if (prediction != null && prediction.isObject()) {
            ObjectNode p = task.putArray("predictions").addObject();
            p.put("model_version", "import");
            p.set("result", LabelStudio.toLabelStudio(prediction, schema, data));
        }
        if (item.split() != null) task.put("split", item.split());
        return task;
    }
}
