package org.labelcrew.io.jsonl;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.labelcrew.io.ImportFormat;
import org.labelcrew.io.support.LineFormatReader;
import org.labelcrew.io.support.Texts;
import org.labelcrew.io.support.Utf8Lines;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON Lines: each non-blank line is one JSON object and becomes the task's data. A line of the form
 * {@code {"data": {…}, "priority": 5}} (the shape our own export and other tools write) gives its {@code data} object
 * as the data and may carry the queue priority, and a {@code "gold": {…result…}} key makes the item a gold item
 * (control task) with that reference result, checked against the project's schema like any annotation.
 */
@Component
class JsonlFormat implements ImportFormat {

    private final ObjectReader reader;

    JsonlFormat(ObjectMapper mapper) {
        // Decimals as BigDecimal so numbers survive exactly (a double would turn 1e400 into Infinity, which is not
        // JSON); trailing tokens refused so that two objects on one line are an error rather than half an item.
        this.reader = mapper.reader()
                .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    @Override
    public String name() {
        return "jsonl";
    }

    @Override
    public Reader open(InputStream in) {
        return new LineFormatReader(in) {
            @Override
            protected Item parse(long line, String text) {
                if (plainObjectLine(text)) return Item.verbatim(line, text.getBytes(StandardCharsets.UTF_8), hashOfLine());
                JsonNode node;
                try {
                    node = reader.readTree(text);
                } catch (JacksonException e) {
                    TokenStreamLocation at = e.getLocation();
                    String where = at == null || at.getColumnNr() < 1 ? "" : " (column " + at.getColumnNr() + ")";
                    throw org.labelcrew.io.support.JsonSyntax.badLine(e, where, "line", line,
                            "column", at == null || at.getColumnNr() < 1 ? null : at.getColumnNr());
                }
                if (node == null || !node.isObject()) {
                    throw new Utf8Lines.BadLine("import.line.notObject", "is " + kind(node) + ", not a JSON object", "kind", kindCode(node));
                }
                int priority = 0;
                JsonNode data = node;
                JsonNode gold = null;
                if (node.get("data") instanceof ObjectNode inner) {
                    data = inner;
                    gold = node.get("gold");
                    if (gold != null && !gold.isNull() && !gold.isObject()) {
                        throw new Utf8Lines.BadLine("import.jsonl.goldNotObject", "has a \"gold\" that is not a result object keyed by field name");
                    }
                    if (gold != null && gold.isNull()) gold = null;
                    JsonNode p = node.get("priority");
                    if (p != null && !p.isNull()) {
                        if (!p.isIntegralNumber() || !p.canConvertToInt()) {
                            throw new Utf8Lines.BadLine("import.jsonl.priorityNotInt", "has a priority that is not a whole number: " + p, "value", p.toString());
                        }
                        priority = p.intValue();
                    }
                }
                if (gold != null) return Item.gold(line, (ObjectNode) Texts.clean(data), priority, hashOfLine(), Texts.clean(gold));
                return new Item(line, (ObjectNode) Texts.clean(data), priority, hashOfLine());
            }
        };
    }

    /**
     * The common case, taken without building a tree: one JSON object with no {@code data} key, no escapes (so what is
     * read is what is stored: no hidden NUL, surrogate or decomposed text), no control characters (which the COPY
     * text format would read as separators) and already NFC. Anything else — including every malformed line, whose
     * error message the general path writes — goes the general way.
     */
    private boolean plainObjectLine(String text) {
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == '\\') return false;
        }
        try {
            if (Texts.clean(text) != text) return false;
        } catch (Utf8Lines.BadLine e) {
            return false;
        }
        try (JsonParser p = reader.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) return false;
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.PROPERTY_NAME) {
                if ("data".equals(p.currentName())) return false;
                p.nextToken();
                p.skipChildren();
            }
            return t == JsonToken.END_OBJECT && p.nextToken() == null;
        } catch (JacksonException e) {
            return false;
        }
    }

    /** The kind of a JSON value as a word the browser translates (message code.import.kind.*). */
    private static String kindCode(JsonNode node) {
        if (node == null || node.isMissingNode()) return "empty";
        if (node.isArray()) return "array";
        if (node.isString()) return "string";
        if (node.isNumber()) return "number";
        if (node.isBoolean()) return "boolean";
        return "null";
    }

    private static String kind(JsonNode node) {
        if (node == null || node.isMissingNode()) return "empty";
        if (node.isArray()) return "a JSON array";
        if (node.isString()) return "a JSON string";
        if (node.isNumber()) return "a JSON number";
        if (node.isBoolean()) return "a JSON boolean";
        return "JSON null";
    }
}
