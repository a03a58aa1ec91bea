package org.labelcrew.io.aihub;

import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.labelcrew.io.ImportFormat;
import org.labelcrew.io.support.JsonArrayReader;
import org.labelcrew.io.support.Texts;
import org.labelcrew.io.support.Utf8Lines;
import org.springframework.stereotype.Component;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * AI-Hub summarization JSON ("문서요약 텍스트"): {@code {"documents": [{"id", "title"?, "text": [[{"index",
 * "sentence"}, …] per paragraph], "extractive": [index, …], "abstractive": ["summary"], …}]}}. One task per document:
 *
 * <pre>{"id", "title", "paragraphs": [["sentence", …], …],
 *  "reference": {"extractive": [position, …], "abstractive": ["summary", …]}, "meta": {other document keys}}</pre>
 *
 * The reference summaries are kept, not turned into annotations: they are what the crowd's work is checked against.
 * {@code reference.extractive} is converted from AI-Hub's sentence {@code index} values to 0-based positions over
 * the flattened paragraphs, the indices our extractive fields use (the same numbers when the file numbers its
 * sentences 0, 1, 2… in order, as AI-Hub's do). {@code null} entries, which AI-Hub files sometimes hold, are dropped.
 * Other keys of a document (category, media_name, publish_date…) go to {@code meta} and come back on export; keys
 * of the file besides {@code documents} (name, delivery_date) are skipped.
 */
@Component
class AihubSummaryFormat implements ImportFormat {

    private static final Set<String> KNOWN = Set.of("id", "title", "text", "extractive", "abstractive");

    private final ObjectMapper mapper;

    AihubSummaryFormat(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public String name() {
        return "aihub-summary";
    }

    @Override
    public boolean itemsFollowLines() {
        return false;
    }

    @Override
    public Reader open(InputStream in) {
        return new JsonArrayReader(mapper, in) {
            /** The file's keys beside "documents" that come before it (name, delivery_date), kept with each document. */
            private final ObjectNode fileKeys = JsonNodeFactory.instance.objectNode();

            @Override
            protected String noun() {
                return "document";
            }

            @Override
            protected Entry begin(JsonParser p) {
                JsonToken t = p.nextToken();
                if (t == null) return LineError.coded(1, "import.file.empty", "the file is empty");
                if (t != JsonToken.START_OBJECT) {
                    return LineError.coded(1, "import.aihub.notObject", "the file must be a JSON object {\"documents\": […]}");
                }
                while ((t = p.nextToken()) == JsonToken.PROPERTY_NAME) {
                    String name = p.currentName();
                    JsonToken value = p.nextToken();
                    if (name.equals("documents")) {
                        if (value == JsonToken.START_ARRAY) return null;
                        return LineError.coded(1, "import.aihub.documentsNotArray", "\"documents\" must be an array of documents");
                    }
                    // File-level scalars (name, delivery_date) are kept; structures here are not AI-Hub's.
                    switch (value) {
                        case VALUE_STRING -> fileKeys.put(name, Texts.clean(p.getString()));
                        case VALUE_NUMBER_INT -> fileKeys.put(name, p.getLongValue());
                        case VALUE_NUMBER_FLOAT -> fileKeys.put(name, p.getDecimalValue());
                        case VALUE_TRUE, VALUE_FALSE -> fileKeys.put(name, value == JsonToken.VALUE_TRUE);
                        default -> p.skipChildren();
                    }
                }
                return LineError.coded(1, "import.aihub.noDocuments", "the file has no \"documents\" array");
            }

            @Override
            protected Entry end(JsonParser p) {
                // The rest of the root object (keys after "documents") is not ours to read, but must be well-formed.
                JsonToken t;
                while ((t = p.nextToken()) == JsonToken.PROPERTY_NAME) {
                    p.nextToken();
                    p.skipChildren();
                }
                if (t != JsonToken.END_OBJECT) return LineError.coded(1, "import.json.afterRoot", "the file does not end after the root object");
                return null;
            }

            @Override
            protected Item item(long number, JsonNode element) {
                String sourceHash = hash(element); // first: the conversion cleans shared nodes in place
                ObjectNode data = document(element);
                if (!fileKeys.isEmpty()) {
                    ObjectNode meta = data.get("meta") instanceof ObjectNode m ? m : data.putObject("meta");
                    aihub(meta).set("file", fileKeys.deepCopy());
                }
                return new Item(number, data, 0, sourceHash);
            }
        };
    }

    /** One AI-Hub document as task data; throws {@link Utf8Lines.BadLine} naming what is wrong. */
    static ObjectNode document(JsonNode doc) {
        if (!doc.isObject()) throw new Utf8Lines.BadLine("import.aihub.docNotObject", "is " + JsonArrayReader.kind(doc) + ", not a document object");
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode data = f.objectNode();
        JsonNode id = doc.get("id");
        if (id != null && !id.isNull()) {
            if (!id.isString() && !id.isIntegralNumber()) throw new Utf8Lines.BadLine("import.aihub.badId", "\"id\" must be a string or a number");
            data.set("id", id);
        }
        JsonNode title = doc.get("title");
        if (title != null && !title.isNull()) {
            if (!title.isString()) throw new Utf8Lines.BadLine("import.aihub.badTitle", "\"title\" must be a string");
            data.put("title", title.asString());
        }
        JsonNode text = doc.get("text");
        if (text == null || text.isNull()) {
            throw new Utf8Lines.BadLine("import.aihub.noText", "has no \"text\" (paragraphs of [{\"index\", \"sentence\"}, …])");
        }
        if (!text.isArray()) throw new Utf8Lines.BadLine("import.aihub.textNotArray", "\"text\" must be an array of paragraphs");
        ArrayNode paragraphs = data.putArray("paragraphs");
        // Each sentence's own keys besides its text (its original index, highlight_indices…), paragraph by paragraph.
        ArrayNode sentenceKeys = f.arrayNode();
        boolean anyKeys = false;
        Map<Long, Integer> positionOfIndex = new HashMap<>();
        int position = 0;
        for (int p = 0; p < text.size(); p++) {
            JsonNode paragraph = text.get(p);
            if (!paragraph.isArray()) {
                throw new Utf8Lines.BadLine("import.aihub.paragraphNotArray", "text[" + p + "] must be an array of {\"index\", \"sentence\"}", "path", "text[" + p + "]");
            }
            if (paragraph.isEmpty()) continue;
            ArrayNode sentences = paragraphs.addArray();
            ArrayNode keys = sentenceKeys.addArray();
            for (int s = 0; s < paragraph.size(); s++) {
                JsonNode sentence = paragraph.get(s);
                String at = "text[" + p + "][" + s + "]";
                JsonNode body = sentence.get("sentence");
                if (!sentence.isObject() || body == null || !body.isString()) {
                    throw new Utf8Lines.BadLine("import.aihub.badSentence", at + " must be an object with a string \"sentence\"", "path", at);
                }
                JsonNode index = sentence.get("index");
                if (index != null && !index.isNull()) {
                    if (!index.isIntegralNumber() || !index.canConvertToLong()) {
                        throw new Utf8Lines.BadLine("import.aihub.badIndex", at + ".index must be a whole number", "path", at + ".index");
                    }
                    if (positionOfIndex.putIfAbsent(index.asLong(), position) != null) {
                        throw new Utf8Lines.BadLine("import.aihub.indexTwice", at + ".index " + index.asLong() + " is used by another sentence", "path", at + ".index", "index", index.asLong());
                    }
                } else {
                    positionOfIndex.putIfAbsent((long) position, position);
                }
                sentences.add(body.asString());
                ObjectNode extra = keys.addObject();
                for (Map.Entry<String, JsonNode> e : sentence.properties()) {
                    if (!e.getKey().equals("sentence")) extra.set(e.getKey(), e.getValue());
                }
                anyKeys |= !extra.isEmpty();
                position++;
            }
        }
        if (position == 0) throw new Utf8Lines.BadLine("import.aihub.noSentences", "\"text\" has no sentences");

        ObjectNode reference = f.objectNode();
        JsonNode extractive = doc.get("extractive");
        if (extractive != null && !extractive.isNull()) {
            if (!extractive.isArray()) throw new Utf8Lines.BadLine("import.aihub.extractiveNotArray", "\"extractive\" must be an array of sentence indices");
            ArrayNode picked = reference.putArray("extractive");
            for (int i = 0; i < extractive.size(); i++) {
                JsonNode v = extractive.get(i);
                if (v.isNull()) continue;
                if (!v.isIntegralNumber() || !v.canConvertToLong()) {
                    throw new Utf8Lines.BadLine("import.aihub.extractiveNotIndex", "extractive[" + i + "] must be a sentence index", "path", "extractive[" + i + "]");
                }
                Integer at = positionOfIndex.get(v.asLong());
                if (at == null) throw new Utf8Lines.BadLine("import.aihub.extractiveUnknown", "extractive[" + i + "] = " + v.asLong() + " is not the index of a sentence in \"text\"", "path", "extractive[" + i + "]", "index", v.asLong());
                picked.add(at);
            }
        }
        JsonNode abstractive = doc.get("abstractive");
        if (abstractive != null && !abstractive.isNull()) {
            ArrayNode summaries = reference.putArray("abstractive");
            if (abstractive.isString()) {
                summaries.add(abstractive.asString());
            } else if (abstractive.isArray()) {
                for (int i = 0; i < abstractive.size(); i++) {
                    JsonNode v = abstractive.get(i);
                    if (v.isNull()) continue;
                    if (!v.isString()) throw new Utf8Lines.BadLine("import.aihub.abstractiveNotString", "abstractive[" + i + "] must be a string", "path", "abstractive[" + i + "]");
                    summaries.add(v.asString());
                }
            } else {
                throw new Utf8Lines.BadLine("import.aihub.abstractiveNotArray", "\"abstractive\" must be an array of strings");
            }
        }
        if (!reference.isEmpty()) data.set("reference", reference);
        ObjectNode meta = f.objectNode();
        for (Map.Entry<String, JsonNode> e : doc.properties()) {
            if (!KNOWN.contains(e.getKey())) meta.set(e.getKey(), e.getValue());
        }
        if (anyKeys) aihub(meta).set("sentences", sentenceKeys);
        if (!meta.isEmpty()) data.set("meta", meta);
        return (ObjectNode) Texts.clean(data);
    }

    /** {@code meta.aihub}: what of the AI-Hub file is not task data but comes back on export. */
    static ObjectNode aihub(ObjectNode meta) {
        return meta.get("aihub") instanceof ObjectNode a ? a : meta.putObject("aihub");
    }
}
