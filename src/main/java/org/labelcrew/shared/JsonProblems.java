package org.labelcrew.shared;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Turns what Jackson says about a request body into the API's words: the field at fault as a path
 * ({@code review.sampleRate}, {@code items[2].data}) and what was expected, with no parser text or Java type names.
 */
public final class JsonProblems {

    private static final Pattern DUPLICATE = Pattern.compile("Duplicate Object property \"(.*)\"", Pattern.DOTALL);

    private JsonProblems() {
    }

    /**
     * Why a JSON text cannot be read, in our words and without its position (callers add line and column): a key given
     * twice, a text cut off, a number out of range, or plain bad syntax. Jackson's own message names its parser state
     * and source settings, which mean nothing to the person who wrote the file.
     */
    public static String syntaxReason(JacksonException e) {
        String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        Matcher dup = DUPLICATE.matcher(original);
        if (dup.find()) return "is not valid JSON: the key \"" + dup.group(1) + "\" appears twice in one object";
        if (original.startsWith("Unexpected end-of-input")) return "is not valid JSON: it ends before the document is complete";
        if (original.contains("out of range")) return "is not valid JSON: a number is out of range";
        if (original.contains("Unrecognized token") || original.contains("Unexpected character")) {
            return "is not valid JSON: an unexpected character or word";
        }
        return "is not valid JSON";
    }

    /** The field path and the message for one unreadable body. */
    static ApiException.FieldError describe(JacksonException e) {
        String path = path(e);
        Matcher dup = e.getOriginalMessage() == null ? null : DUPLICATE.matcher(e.getOriginalMessage());
        if (dup != null && dup.find()) {
            String key = dup.group(1);
            String parent = parentPath(e);
            String field = parent.isEmpty() ? key : parent + "." + key;
            return ApiException.FieldError.field(field, "appears more than once in the same object; give each key once");
        }
        if (e instanceof MismatchedInputException m) {
            String expected = expected(m.getTargetType());
            if (path.isEmpty() || path.startsWith("[")) {
                return ApiException.FieldError.field("body", "must be a JSON object");
            }
            return ApiException.FieldError.field(path,
                    expected == null ? "has the wrong type" : "must be " + expected);
        }
        if (e instanceof StreamReadException) {
            if (e.getOriginalMessage() != null && e.getOriginalMessage().contains("out of range") && !path.isEmpty()) {
                return ApiException.FieldError.field(path, "is a number out of range");
            }
            // Bad syntax is the document's fault, wherever the parser stood: name the body and the position.
            return ApiException.FieldError.field("body", syntaxReason(e) + where(e.getLocation()));
        }
        return ApiException.FieldError.field(path.isEmpty() ? "body" : path, "cannot be read");
    }

    private static String where(TokenStreamLocation at) {
        if (at == null || at.getLineNr() < 1) return "";
        return " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    }

    /** The path Jackson recorded while binding, or else the parser's position in the document. */
    static String path(JacksonException e) {
        if (!e.getPath().isEmpty()) {
            StringBuilder b = new StringBuilder();
            for (JacksonException.Reference r : e.getPath()) {
                if (r.getPropertyName() != null) {
                    if (!b.isEmpty()) b.append('.');
                    b.append(r.getPropertyName());
                } else if (r.getIndex() >= 0) {
                    b.append('[').append(r.getIndex()).append(']');
                }
            }
            return b.toString();
        }
        if (e.processor() instanceof JsonParser p) return path(p.streamReadContext(), true);
        return "";
    }

    /** The path of the object that holds the duplicate key (the parser's current name is the duplicate itself). */
    private static String parentPath(JacksonException e) {
        if (e.processor() instanceof JsonParser p && p.streamReadContext() != null) return path(p.streamReadContext().getParent(), true);
        return "";
    }

    private static String path(TokenStreamContext ctx, boolean includeName) {
        if (ctx == null || ctx.inRoot()) return "";
        String parent = path(ctx.getParent(), true);
        if (ctx.inArray()) return parent + "[" + Math.max(0, ctx.getCurrentIndex()) + "]";
        String name = includeName ? ctx.currentName() : null;
        if (name == null) return parent;
        return parent.isEmpty() ? name : parent + "." + name;
    }

    /** What a Java type means in JSON, for people. */
    static String expected(Class<?> type) {
        if (type == null) return null;
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class
                || type == short.class || type == Short.class || type == BigInteger.class) {
            return "a whole number";
        }
        if (type == double.class || type == Double.class || type == float.class || type == Float.class
                || type == BigDecimal.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) return "true or false";
        if (type == String.class || type == CharSequence.class) return "a string";
        if (type.isEnum()) {
            return "one of " + String.join(", ", Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name()).toList());
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) return "a list";
        if (java.time.temporal.Temporal.class.isAssignableFrom(type)) return "a date and time such as 2026-03-01T09:00:00Z";
        if (tools.jackson.databind.node.ObjectNode.class.isAssignableFrom(type)) return "an object";
        if (tools.jackson.databind.node.ArrayNode.class.isAssignableFrom(type)) return "a list";
        if (JsonNode.class.isAssignableFrom(type)) return "a JSON value";
        if (Map.class.isAssignableFrom(type) || type.isRecord() || !type.getName().startsWith("java.")) return "an object";
        return "a " + type.getSimpleName().toLowerCase(Locale.ROOT);
    }
}
