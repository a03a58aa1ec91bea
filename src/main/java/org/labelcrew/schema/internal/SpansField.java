package org.labelcrew.schema.internal;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.labelcrew.schema.Field;
import org.labelcrew.schema.FieldType;
import org.labelcrew.shared.ApiException.FieldError;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Entity spans (NER) over the task's text: {@code [{"id", "start", "end", "label"}]}. Offsets are Unicode code points
 * into the NFC form of {@code data.text} (or of the data key named by {@code source}), end exclusive, so that the
 * browser (UTF-16) and every export agree whatever emoji or decomposed Hangul the text holds.
 */
@Component
class SpansField implements FieldType {

    static final int MAX_SPANS = 10_000;
    private static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");

    @Override
    public String type() {
        return "spans";
    }

    @Override
    public void checkDefinition(JsonNode field, String path, List<FieldError> errors) {
        Labels.check(field, path, errors);
        Limits.checkBoolean(field, "allowOverlap", path, errors);
        Limits.checkCount(field, path, errors, MAX_SPANS);
        JsonNode source = field.get("source");
        if (source != null && !source.isNull() && !(source.isString() && KEY.matcher(source.asString()).matches())) {
            errors.add(FieldError.coded(path + ".source", "source.invalid", "must name a key of the task data, like \"text\"", "example", "text"));
        }
    }

    @Override
    public void checkValue(JsonNode field, JsonNode value, JsonNode data, JsonNode result, String path,
            List<FieldError> errors) {
        if (!value.isArray()) {
            errors.add(FieldError.coded(path, "value.notArray", "must be an array of {\"id\", \"start\", \"end\", \"label\"}",
                    "shape", "{\"id\", \"start\", \"end\", \"label\"}"));
            return;
        }
        Field.Spans spans = new Field.Spans(field.path("name").asString(""), field);
        String text = spans.text(data);
        if (text == null) {
            errors.add(FieldError.coded(path, "spans.noText", "the task has no text in data." + spans.source() + " to mark spans in",
                    "source", spans.source()));
            return;
        }
        String nfc = Normalizer.normalize(text, Normalizer.Form.NFC);
        int length = nfc.codePointCount(0, nfc.length());
        Set<String> labels = Labels.values(field);
        Set<String> ids = new HashSet<>();
        List<Span> good = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode s = value.get(i);
            String at = path + "[" + i + "]";
            if (!s.isObject()) {
                errors.add(FieldError.coded(at, "value.notObject", "must be an object {\"id\", \"start\", \"end\", \"label\"}",
                        "shape", "{\"id\", \"start\", \"end\", \"label\"}"));
                continue;
            }
            boolean ok = true;
            JsonNode id = s.get("id");
            if (!isId(id)) {
                errors.add(FieldError.coded(at + ".id", "span.badId", "must be a non-empty string or a whole number"));
                ok = false;
            } else if (!ids.add(idKey(id))) {
                errors.add(FieldError.coded(at + ".id", "span.idUsedTwice", id + " is used by another span", "id", id.toString()));
                ok = false;
            }
            Integer start = offset(s, "start", at, errors);
            Integer end = offset(s, "end", at, errors);
            if (start == null || end == null) {
                ok = false;
            } else if (end > length) {
                errors.add(FieldError.coded(at + ".end", "span.outOfText", end + " is past the end of the text (" + length + " characters)",
                        "end", end, "length", length));
                ok = false;
            } else if (start >= end) {
                errors.add(FieldError.coded(at + ".end", "span.endNotAfterStart", "must be more than start (" + start + "); end is exclusive",
                        "start", start));
                ok = false;
            }
            JsonNode label = s.get("label");
            if (label == null || !label.isString() || !labels.contains(label.asString())) {
                String given = label == null ? "" : label.asString("");
                errors.add(FieldError.coded(at + ".label", "value.notAllowed", "'" + given + "' is not one of " + labels,
                        "value", given, "allowed", List.copyOf(labels)));
                ok = false;
            }
            if (ok) good.add(new Span(i, start, end));
        }
        if (!field.path("allowOverlap").asBoolean(false)) {
            good.sort(Comparator.comparingInt(Span::start).thenComparingInt(Span::end));
            Span reach = null;
            for (Span s : good) {
                if (reach != null && s.start() < reach.end()) {
                    String other = path.substring(path.lastIndexOf('.') + 1) + "[" + reach.index() + "]";
                    errors.add(FieldError.coded(path + "[" + s.index() + "]", "span.overlap", "overlaps " + other
                            + " (" + reach.start() + ".." + reach.end() + "); this field does not allow overlap",
                            "other", other, "start", reach.start(), "end", reach.end()));
                }
                if (reach == null || s.end() > reach.end()) reach = s;
            }
        }
        Limits.checkCountValue(field, value.size(), "spans", path, errors);
    }

    private record Span(int index, int start, int end) {
    }

    private static Integer offset(JsonNode span, String key, String at, List<FieldError> errors) {
        JsonNode v = span.get(key);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < 0) {
            errors.add(FieldError.coded(at + "." + key, "span.badOffset", "must be a whole number, 0 or more (a code point offset)"));
            return null;
        }
        return v.asInt();
    }

    static boolean isId(JsonNode id) {
        return id != null && ((id.isString() && !id.asString().isBlank() && id.asString().length() <= 64)
                || (id.isIntegralNumber() && id.canConvertToLong()));
    }

    /** The id as its JSON text, so "3" and 3 are different ids, as they are different JSON. */
    static String idKey(JsonNode id) {
        return id.toString();
    }

    /** The ids of the well-formed spans in a value (for relations that point at them). */
    static Set<String> ids(JsonNode value) {
        Set<String> ids = new HashSet<>();
        if (value != null && value.isArray()) {
            for (JsonNode s : value) {
                if (s.isObject() && isId(s.get("id"))) ids.add(idKey(s.get("id")));
            }
        }
        return ids;
    }
}
