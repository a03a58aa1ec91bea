package org.labelcrew.schema.internal;

import java.util.List;
import java.util.regex.Pattern;
import org.labelcrew.shared.ApiException.FieldError;
import tools.jackson.databind.JsonNode;

/**
 * What a shape is checked against: the image's size or the audio's duration, which the media import writes beside the
 * media id in the task's data ({@code {"image": 12, "width": 1920, "height": 1080}}, {@code {"audio": 7,
 * "duration": 3.52}}). A task made without them (by a JSONL import naming its own media) is checked for everything
 * but the bounds.
 */
final class MediaBounds {

    private static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");

    private MediaBounds() {
    }

    /** An optional {@code source} key naming the data key of the media id. */
    static void checkSource(JsonNode field, String path, List<FieldError> errors) {
        JsonNode source = field.get("source");
        if (source != null && !source.isNull() && !(source.isString() && KEY.matcher(source.asString()).matches())) {
            errors.add(FieldError.coded(path + ".source", "source.invalid", "must name a key of the task data, like \"image\"", "example", "image"));
        }
    }

    /** The image's width and height in pixels, or null when the task data does not say. */
    static double[] size(JsonNode data) {
        if (data == null) return null;
        JsonNode w = data.get("width");
        JsonNode h = data.get("height");
        if (w == null || h == null || !w.isNumber() || !h.isNumber() || w.asDouble() <= 0 || h.asDouble() <= 0) return null;
        return new double[] {w.asDouble(), h.asDouble()};
    }

    /** The audio's duration in seconds, or null when the task data does not say. */
    static Double duration(JsonNode data) {
        if (data == null) return null;
        JsonNode d = data.get("duration");
        return d != null && d.isNumber() && d.asDouble() > 0 ? d.asDouble() : null;
    }

    /** A finite JSON number, else an error naming {@code path}. */
    static Double number(JsonNode object, String key, String at, List<FieldError> errors) {
        JsonNode v = object.get(key);
        if (v == null || !v.isNumber() || !Double.isFinite(v.asDouble())) {
            errors.add(FieldError.coded(at + "." + key, "value.notNumber", "must be a number"));
            return null;
        }
        return v.asDouble();
    }

    /** A point inside the image: {@code 0 ≤ x ≤ width}, {@code 0 ≤ y ≤ height} (edges included). */
    static boolean inside(double x, double y, double[] size) {
        return x >= 0 && y >= 0 && (size == null || (x <= size[0] && y <= size[1]));
    }

    /** {@code (x, y)} lies outside the image: a coded error at {@code at}, {@code what} the English lead-in. */
    static FieldError outsideError(String at, String what, double x, double y, double[] size) {
        String message = what + "(" + fmt(x) + ", " + fmt(y) + ") " + outside(size);
        return size == null ? FieldError.coded(at, "shape.negative", message, "x", x, "y", y)
                : FieldError.coded(at, "shape.outsideImage", message, "x", x, "y", y, "width", size[0], "height", size[1]);
    }

    static String outside(double[] size) {
        return size == null ? "is outside the image (negative)" : "is outside the image (" + fmt(size[0]) + " × " + fmt(size[1]) + " pixels)";
    }

    static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    /** The label, which must be one of the field's labels. */
    static boolean checkLabel(JsonNode object, java.util.Set<String> labels, String at, List<FieldError> errors) {
        JsonNode label = object.get("label");
        if (label == null || !label.isString() || !labels.contains(label.asString())) {
            String given = label == null ? "" : label.asString(label.toString());
            errors.add(FieldError.coded(at + ".label", "value.notAllowed", "'" + given + "' is not one of " + labels,
                    "value", given, "allowed", List.copyOf(labels)));
            return false;
        }
        return true;
    }
}
