package org.labelcrew.io.labelstudio;

import java.util.function.Function;
import org.labelcrew.io.support.JsonArrayExport;
import org.labelcrew.schema.LabelSchema;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
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

    /**
     * One task: our data, and the LS task it came from restored (its id, meta, unknown keys, annotations and
     * predictions, kept raw by the import in {@code data.meta.labelstudio}); our approved annotations follow the
     * imported ones. A task that did not come from LS gets our id and its {@code data.prediction}, if any, as its
     * prediction.
     */
    static ObjectNode task(Item item, LabelSchema schema) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode task = f.objectNode();
        task.put("id", item.id());
        ObjectNode data = item.data() instanceof ObjectNode o ? o.deepCopy() : f.objectNode();
        JsonNode prediction = data.remove("prediction");
        ObjectNode envelope = null;
        if (data.get("meta") instanceof ObjectNode meta && meta.get(LabelStudioFormat.ENVELOPE) instanceof ObjectNode e) {
            envelope = e;
            meta.remove(LabelStudioFormat.ENVELOPE);
            if (meta.isEmpty()) data.remove("meta");
        }
        if (envelope != null) {
            for (var e : envelope.properties()) {
                if (!e.getKey().equals("annotations") && !e.getKey().equals("predictions") && !e.getKey().equals("data")) {
                    task.set(e.getKey(), e.getValue());
                }
            }
            // An image or audio task: the URL LS knew its file by goes back where our media id is.
            if (envelope.get("data") instanceof ObjectNode original) original.properties().forEach(e -> data.set(e.getKey(), e.getValue()));
            // The LS id goes back as the id; ours beside it, so the task can be found here.
            if (envelope.has("id")) task.put("labelcrew_id", item.id());
        }
        task.set("data", data);
        var annotations = task.putArray("annotations");
        if (envelope != null && envelope.get("annotations") instanceof ArrayNode imported) annotations.addAll(imported);
        for (Annotation a : item.annotations()) {
            ObjectNode out = annotations.addObject();
            out.put("id", a.id());
            out.put("completed_by", a.labeler());
            out.put("was_cancelled", false);
            out.put("ground_truth", false);
            out.put("created_at", a.createdAt().toString());
            out.put("updated_at", a.createdAt().toString());
            if (a.reviewer() != null) out.put("reviewed_by", a.reviewer());
            out.set("result", LabelStudio.toLabelStudio(a.result(), schema, data));
        }
        if (envelope != null) {
            if (envelope.has("predictions")) task.set("predictions", envelope.get("predictions"));
        } else if (prediction != null && prediction.isObject()) {
            ObjectNode p = task.putArray("predictions").addObject();
            p.put("model_version", "import");
            p.set("result", LabelStudio.toLabelStudio(prediction, schema, data));
        }
        if (item.split() != null) task.put("split", item.split());
        return task;
    }
}
