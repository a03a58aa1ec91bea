package org.labelcrew.io.aihub;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * AI-Hub summarization JSON, the shape {@link AihubSummaryFormat} reads: {@code {"documents": [{"id", "title", "text":
 * [[{"index", "sentence"}, …]], "extractive": [index, …], "abstractive": ["summary"], …meta, "split"?}]}}, one document
 * per approved task, streamed (one document in memory at a time, one per line of the file).
 *
 * <p>{@code text} comes from {@code data.paragraphs} (or {@code data.sentences} as one paragraph), numbered 0, 1, 2…
 * over the whole document, which are also the indices of {@code extractive}. {@code extractive} is the value of the
 * schema's first extractive field, {@code abstractive} that of its first abstractive field as a one-element array
 * ({@code []} when the project has no such field). With overlap, the first approved annotation is written. {@code id}
 * is the document's own id when it was imported with one, else the task id; the keys kept in {@code data.meta} come
 * back beside them.
 */
@Component
class AihubSummaryExport extends JsonArrayExport {

    private static final Set<String> OWN = Set.of("id", "title", "text", "extractive", "abstractive", "split");

    AihubSummaryExport(ObjectMapper mapper) {
        super(mapper, "documents");
    }

    @Override
    public String name() {
        return "aihub-summary";
    }

    @Override
    public void check(Context context) {
        LabelSchema schema = LabelSchema.of(context.schema());
        if (schema.fields(Field.Extractive.class).isEmpty() && schema.fields(Field.Abstractive.class).isEmpty()) {
            throw IoProblems.invalid(ApiException.FieldError.coded("format", "io.export.needsField",
                    "aihub-summary needs an extractive or abstractive field in the project's schema", "format", "aihub-summary",
                    "types", "extractive, abstractive"));
        }
    }

    @Override
    protected Function<Item, JsonNode> items(Context context) {
        LabelSchema schema = LabelSchema.of(context.schema());
        Field extractiveField = schema.first(Field.Extractive.class).orElse(null);
        Field abstractiveField = schema.first(Field.Abstractive.class).orElse(null);
        // The file-level keys (name, delivery_date) of the first document that has them go back beside "documents".
        final class Documents implements Function<Item, JsonNode>, Trailer {
            ObjectNode file;

            @Override
            public JsonNode apply(Item item) {
                if (file == null && item.data().path("meta").path("aihub").get("file") instanceof ObjectNode o) file = o;
                return document(item, extractiveField, abstractiveField);
            }

            @Override
            public ObjectNode trailer() {
                return file;
            }
        }
        return new Documents();
    }

    static ObjectNode document(Item item, Field extractiveField, Field abstractiveField) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        JsonNode data = item.data();
        ObjectNode doc = f.objectNode();
        JsonNode id = data.get("id");
        if (id != null && (id.isString() || id.isNumber())) doc.set("id", id);
        else doc.put("id", item.id());
        if (data.get("title") != null && data.get("title").isString()) doc.set("title", data.get("title"));
        ArrayNode text = doc.putArray("text");
        int index = 0;
        JsonNode paragraphs = data.get("paragraphs");
        JsonNode sentences = data.get("sentences");
        JsonNode kept = data.path("meta").path("aihub").path("sentences");
        List<JsonNode> originalIndex = new ArrayList<>(); // by position: the sentence's own index, when kept
        if (paragraphs != null && paragraphs.isArray()) {
            for (int pi = 0; pi < paragraphs.size(); pi++) {
                JsonNode p = paragraphs.get(pi);
                ArrayNode out = text.addArray();
                for (int si = 0; si < p.size(); si++) {
                    ObjectNode sentence = out.addObject();
                    JsonNode extra = kept.path(pi).path(si);
                    JsonNode own = extra.get("index");
                    sentence.set("index", own != null ? own : sentence.numberNode(index));
                    originalIndex.add(own != null ? own : sentence.numberNode(index));
                    index++;
                    sentence.put("sentence", p.get(si).asString(""));
                    for (Map.Entry<String, JsonNode> e : extra.properties()) {
                        if (!e.getKey().equals("index")) sentence.set(e.getKey(), e.getValue());
                    }
                }
            }
        } else if (sentences != null && sentences.isArray()) {
            ArrayNode out = text.addArray();
            for (JsonNode s : sentences) out.addObject().put("index", index++).put("sentence", s.asString(""));
        }
        JsonNode result = item.annotations().isEmpty() ? null : item.annotations().get(0).result();
        ArrayNode extractive = doc.putArray("extractive");
        JsonNode picked = value(result, extractiveField);
        // Positions back to the sentences' own indices, in the answer's order (a ranking, not a sorted set).
        if (picked != null && picked.isArray()) {
            for (JsonNode at : picked) {
                int i = at.asInt(-1);
                extractive.add(i >= 0 && i < originalIndex.size() ? originalIndex.get(i) : at);
            }
        }
        ArrayNode abstractive = doc.putArray("abstractive");
        JsonNode summary = value(result, abstractiveField);
        if (summary != null && summary.isString()) abstractive.add(summary.asString());
        JsonNode meta = data.get("meta");
        if (meta instanceof ObjectNode m) {
            for (Map.Entry<String, JsonNode> e : m.properties()) {
                if (!OWN.contains(e.getKey()) && !e.getKey().equals("aihub")) doc.set(e.getKey(), e.getValue());
            }
        }
        if (item.split() != null) doc.put("split", item.split());
        return doc;
    }

    private static JsonNode value(JsonNode result, Field field) {
        return field == null ? null : field.value(result);
    }
}
