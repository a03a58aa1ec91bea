package org.labelcrew.schema.internal;

import java.util.List;
import java.util.Map;
import org.labelcrew.schema.FieldType;
import org.labelcrew.shared.ApiException.FieldError;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Axis-aligned boxes on the task's image: {@code [{"x", "y", "w", "h", "label", "attributes"}]} in source pixels,
 * {@code (x, y)} the top-left corner. A box has a positive width and height and lies inside the image (edges
 * included) when the task data gives its size.
 */
@Component
class BoxesField implements FieldType {

    static final int MAX_OBJECTS = 10_000;

    @Override
    public String type() {
        return "boxes";
    }

    @Override
    public void checkDefinition(JsonNode field, String path, List<FieldError> errors) {
        checkImageDefinition(field, path, errors);
    }

    /** The keys boxes and polygons share: labels, attributes, min/max, source, iou. */
    static void checkImageDefinition(JsonNode field, String path, List<FieldError> errors) {
        Labels.check(field, path, errors);
        Attributes.checkDefinition(field, path, errors);
        Limits.checkCount(field, path, errors, MAX_OBJECTS);
        MediaBounds.checkSource(field, path, errors);
        JsonNode iou = field.get("iou");
        if (iou != null && !iou.isNull() && !(iou.isNumber() && iou.asDouble() > 0 && iou.asDouble() <= 1)) {
            errors.add(FieldError.coded(path + ".iou", "iou.invalid", "must be a number in (0, 1], the overlap from which a shape matches when scored"));
        }
    }

    @Override
    public void checkValue(JsonNode field, JsonNode value, JsonNode data, JsonNode result, String path,
            List<FieldError> errors) {
        if (!value.isArray()) {
            errors.add(FieldError.coded(path, "value.notArray", "must be an array of {\"x\", \"y\", \"w\", \"h\", \"label\", \"attributes\"}",
                    "shape", "{\"x\", \"y\", \"w\", \"h\", \"label\", \"attributes\"}"));
            return;
        }
        double[] size = MediaBounds.size(data);
        var labels = Labels.values(field);
        Map<String, JsonNode> attributes = Attributes.definitions(field);
        for (int i = 0; i < value.size(); i++) {
            JsonNode b = value.get(i);
            String at = path + "[" + i + "]";
            if (!b.isObject()) {
                errors.add(FieldError.coded(at, "value.notObject", "must be an object {\"x\", \"y\", \"w\", \"h\", \"label\"}",
                        "shape", "{\"x\", \"y\", \"w\", \"h\", \"label\"}"));
                continue;
            }
            Double x = MediaBounds.number(b, "x", at, errors);
            Double y = MediaBounds.number(b, "y", at, errors);
            Double w = MediaBounds.number(b, "w", at, errors);
            Double h = MediaBounds.number(b, "h", at, errors);
            if (w != null && w <= 0) errors.add(FieldError.coded(at + ".w", "box.noWidth", "must be more than 0 (a box without width)"));
            if (h != null && h <= 0) errors.add(FieldError.coded(at + ".h", "box.noHeight", "must be more than 0 (a box without height)"));
            if (x != null && y != null && !MediaBounds.inside(x, y, size)) {
                errors.add(MediaBounds.outsideError(at, "top-left corner ", x, y, size));
            } else if (x != null && y != null && w != null && h != null && w > 0 && h > 0 && size != null
                    && !MediaBounds.inside(x + w, y + h, size)) {
                errors.add(MediaBounds.outsideError(at, "bottom-right corner ", x + w, y + h, size));
            }
            MediaBounds.checkLabel(b, labels, at, errors);
            Attributes.checkValue(attributes, b, at, errors);
        }
        Limits.checkCountValue(field, value.size(), "objects", path, errors);
    }
}
