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

    /** What is wrong with a JSON text that cannot be read; callers name it with their codes ({@code json.<kind>}). */
    public enum SyntaxKind { DUPLICATE_KEY, INCOMPLETE, OUT_OF_RANGE, UNEXPECTED, INVALID }

    /** A JSON syntax error: its kind, the reason in our words (no position), and the key given twice (or null). */
    public record Syntax(SyntaxKind kind, String reason, @org.jspecify.annotations.Nullable String key) {
    }

    /**
     * Why a JSON text cannot be read, in our words and without its position (callers add line and column): a key given
     * twice, a text cut off, a number out of range, or plain bad syntax. Jackson's own message names its parser state
     * and source settings, which mean nothing to the person who wrote the file.
     */
    public static Syntax syntax(JacksonException e) {
        String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        Matcher dup = DUPLICATE.matcher(original);
        if (dup.find()) {
            return new Syntax(SyntaxKind.DUPLICATE_KEY,
                    "is not valid JSON: the key \"" + dup.group(1) + "\" appears twice in one object", dup.group(1));
        }
        if (original.startsWith("Unexpected end-of-input")) {
            return new Syntax(SyntaxKind.INCOMPLETE, "is not valid JSON: it ends before the document is complete", null);
        }
        if (original.contains("out of range")) {
            return new Syntax(SyntaxKind.OUT_OF_RANGE, "is not valid JSON: a number is out of range", null);
        }
        if (original.contains("Unrecognized token") || original.contains("Unexpected character")) {
            return new Syntax(SyntaxKind.UNEXPECTED, "is not valid JSON: an unexpected character or word", null);
        }
        return new Syntax(SyntaxKind.INVALID, "is not valid JSON", null);
    }

    /** {@link #syntax}'s reason alone. */
    public static String syntaxReason(JacksonException e) {
        return syntax(e).reason();
    }

    /** The field path and the message for one unreadable body. */
    static ApiException.FieldError describe(JacksonException e) {
        String path = path(e);
        Matcher dup = e.getOriginalMessage() == null ? null : DUPLICATE.matcher(e.getOriginalMessage());
        if (dup != null && dup.find()) {
            String key = dup.group(1);
            String parent = parentPath(e);
            String field = parent.isEmpty() ? key : parent + "." + key;
            return ApiException.FieldError.coded(field, "json.keyTwice", "appears more than once in the same object; give each key once",
                    "key", key);
        }
        if (e instanceof MismatchedInputException m) {
            String expected = expected(m.getTargetType());
            if (path.isEmpty() || path.startsWith("[")) {
                return ApiException.FieldError.coded("body", "json.notObject", "must be a JSON object");
            }
            return wrongType(path, m.getTargetType(), expected == null ? "has the wrong type" : "must be " + expected);
        }
        if (e instanceof StreamReadException) {
            if (e.getOriginalMessage() != null && e.getOriginalMessage().contains("out of range") && !path.isEmpty()) {
                return ApiException.FieldError.coded(path, "value.outOfRange", "is a number out of range");
            }
            // Bad syntax is the document's fault, wherever the parser stood: name the body and the position.
            Syntax syntax = syntax(e);
            TokenStreamLocation at = e.getLocation();
            // The browser's sentence names the position; "?" where the parser kept none (the English then leaves it out).
            Object line = at == null || at.getLineNr() < 1 ? "?" : at.getLineNr();
            Object column = at == null || at.getLineNr() < 1 ? "?" : at.getColumnNr();
            String message = syntax.reason() + where(at);
            return switch (syntax.kind()) {
                case DUPLICATE_KEY -> ApiException.FieldError.coded("body", "json.duplicateKey", message, "key", syntax.key(), "line", line, "column", column);
                case INCOMPLETE -> ApiException.FieldError.coded("body", "json.incomplete", message, "line", line, "column", column);
                case OUT_OF_RANGE -> ApiException.FieldError.coded("body", "json.outOfRange", message, "line", line, "column", column);
                case UNEXPECTED -> ApiException.FieldError.coded("body", "json.unexpected", message, "line", line, "column", column);
                case INVALID -> ApiException.FieldError.coded("body", "json.invalid", message, "line", line, "column", column);
            };
        }
        return ApiException.FieldError.coded(path.isEmpty() ? "body" : path, "json.unreadable", "cannot be read");
    }

    /**
     * A value of the wrong type at {@code field}, coded by the type it should have had ({@code value.notInteger},
     * {@code value.oneOf} with {@code allowed}, …); {@code extra} adds parameters (the value sent, for a query parameter).
     */
    static ApiException.FieldError wrongType(String field, Class<?> type, String message, Object... extra) {
        String code = "value.wrongType";
        Object allowed = null;
        if (type != null) {
            String expected = expected(type);
            if ("a whole number".equals(expected)) code = "value.notInteger";
            else if ("a number".equals(expected)) code = "value.notNumber";
            else if ("true or false".equals(expected)) code = "value.notBoolean";
            else if ("a string".equals(expected)) code = "value.notString";
            else if ("a list".equals(expected)) code = "value.notList";
            else if ("an object".equals(expected)) code = "value.mustBeObject";
            else if ("a JSON value".equals(expected)) code = "value.notJson";
            else if (java.time.temporal.Temporal.class.isAssignableFrom(type)) code = "value.notInstant";
            else if (type.isEnum()) {
                code = "value.oneOf";
                allowed = Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name()).toList();
            }
        }
        Object[] params = new Object[extra.length + 2];
        params[0] = "allowed";
        params[1] = allowed;
        System.arraycopy(extra, 0, params, 2, extra.length);
        // Each code spelled out in a call, so that FieldErrorCodesTest's reading of the sources sees it.
        return switch (code) {
            case "value.notInteger" -> ApiException.FieldError.coded(field, "value.notInteger", message, params);
            case "value.notNumber" -> ApiException.FieldError.coded(field, "value.notNumber", message, params);
            case "value.notBoolean" -> ApiException.FieldError.coded(field, "value.notBoolean", message, params);
            case "value.notString" -> ApiException.FieldError.coded(field, "value.notString", message, params);
            case "value.notList" -> ApiException.FieldError.coded(field, "value.notList", message, params);
            case "value.mustBeObject" -> ApiException.FieldError.coded(field, "value.mustBeObject", message, params);
            case "value.notJson" -> ApiException.FieldError.coded(field, "value.notJson", message, params);
            case "value.notInstant" -> ApiException.FieldError.coded(field, "value.notInstant", message, params);
            case "value.oneOf" -> ApiException.FieldError.coded(field, "value.oneOf", message, params);
            default -> ApiException.FieldError.coded(field, "value.wrongType", message, params);
        };
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
