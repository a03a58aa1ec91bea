package org.labelcrew.io.labelstudio;

import java.util.function.Function;
import org.labelcrew.io.support.JsonArrayExport;
import org.labelcrew.schema.LabelSchema;
import org.springframework.stereotype.Component;
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
class LabelStudioExport extends JsonArrayExport {

    LabelStudioExport(ObjectMapper mapper) {
        super(mapper, null);
    }

    @Override
    public String name() {
        return "labelstudio";
    }

    @Override
    protected Function<Item, JsonNode> items(Context context) {
        LabelSchema schema = LabelSchema.of(context.schema());
        return item -> task(item, schema);
    }

    static ObjectNode task(Item item, LabelSchema schema) {
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
