package org.labelcrew.schema.internal;

import java.util.List;
import java.util.Map;
import org.labelcrew.schema.FieldType;
import org.labelcrew.shared.ApiException.FieldError;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Polygons on the task's image: {@code [{"points": [[x, y], …], "label", "attributes"}]} in source pixels. A polygon
 * has at least three vertices, each inside the image when the task data gives its size, and encloses an area (three
 * vertices on one line, or the same vertex three times, are no polygon).
 */
@Component
class PolygonsField implements FieldType {

    static final int MAX_POINTS = 10_000;

    @Override
    public String type() {
        return "polygons";
    }

    @Override
    public void checkDefinition(JsonNode field, String path, List<FieldError> errors) {
        BoxesField.checkImageDefinition(field, path, errors);
    }

    @Override
    public void checkValue(JsonNode field, JsonNode value, JsonNode data, JsonNode result, String path,
            List<FieldError> errors) {
        if (!value.isArray()) {
            errors.add(FieldError.coded(path, "value.notArray", "must be an array of {\"points\": [[x, y], …], \"label\", \"attributes\"}",
                    "shape", "{\"points\": [[x, y], …], \"label\", \"attributes\"}"));
            return;
        }
        double[] size = MediaBounds.size(data);
        var labels = Labels.values(field);
        Map<String, JsonNode> attributes = Attributes.definitions(field);
        for (int i = 0; i < value.size(); i++) {
            JsonNode p = value.get(i);
            String at = path + "[" + i + "]";
            if (!p.isObject()) {
                errors.add(FieldError.coded(at, "value.notObject", "must be an object {\"points\": [[x, y], …], \"label\"}",
                        "shape", "{\"points\": [[x, y], …], \"label\"}"));
                continue;
            }
            JsonNode points = p.get("points");
            if (points == null || !points.isArray() || points.size() < 3) {
                errors.add(FieldError.coded(at + ".points", "polygon.fewPoints", "must be an array of at least 3 points [x, y]", "min", 3));
            } else if (points.size() > MAX_POINTS) {
                errors.add(FieldError.coded(at + ".points", "list.tooLong", "at most " + MAX_POINTS + " points", "max", MAX_POINTS));
            } else {
                boolean allGood = true;
                double twiceArea = 0;
                for (int k = 0; k < points.size(); k++) {
                    JsonNode pt = points.get(k);
                    String pk = at + ".points[" + k + "]";
                    if (!isPoint(pt)) {
                        errors.add(FieldError.coded(pk, "point.invalid", "must be [x, y], two numbers"));
                        allGood = false;
                        continue;
                    }
                    double x = pt.get(0).asDouble();
                    double y = pt.get(1).asDouble();
                    if (!MediaBounds.inside(x, y, size)) {
                        errors.add(MediaBounds.outsideError(pk, "", x, y, size));
                        allGood = false;
                    }
                }
                if (allGood) {
                    for (int k = 0; k < points.size(); k++) {
                        JsonNode a = points.get(k);
                        JsonNode b = points.get((k + 1) % points.size());
                        twiceArea += a.get(0).asDouble() * b.get(1).asDouble() - b.get(0).asDouble() * a.get(1).asDouble();
                    }
                    if (Math.abs(twiceArea) < 1e-9) {
                        errors.add(FieldError.coded(at + ".points", "shape.degenerate", "enclose no area (the vertices lie on one line)"));
                    }
                }
            }
            MediaBounds.checkLabel(p, labels, at, errors);
            Attributes.checkValue(attributes, p, at, errors);
        }
        Limits.checkCountValue(field, value.size(), "polygons", path, errors);
    }

    static boolean isPoint(JsonNode pt) {
        return pt != null && pt.isArray() && pt.size() == 2 && pt.get(0).isNumber() && pt.get(1).isNumber()
                && Double.isFinite(pt.get(0).asDouble()) && Double.isFinite(pt.get(1).asDouble());
    }
}
