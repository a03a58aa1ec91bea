package org.labelcrew.schema.internal;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.labelcrew.schema.FieldType;
import org.labelcrew.shared.ApiException.FieldError;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Named key points on the task's image: {@code [{"x", "y", "label", "attributes"?}]} in source pixels; the labels
 * name the points (nose, left_eye, …) and {@code skeleton} lists the pairs of labels the browser joins by a line
 * ({@code [["left_eye", "nose"], …]}). {@code tolerance} is the distance in pixels within which a point matches the
 * reference when scored; {@code agreementDistance} (a share of the image diagonal, 0.05) the distance within which two
 * workers' points agree.
 */
@Component
class KeypointsField implements FieldType {

    static final int MAX_POINTS = 10_000;

    @Override
    public String type() {
        return "keypoints";
    }

    @Override
    public void checkDefinition(JsonNode field, String path, List<FieldError> errors) {
        Labels.check(field, path, errors);
        Attributes.checkDefinition(field, path, errors);
        Limits.checkCount(field, path, errors, MAX_POINTS);
        MediaBounds.checkSource(field, path, errors);
        JsonNode tolerance = field.get("tolerance");
        if (tolerance != null && !tolerance.isNull() && !(tolerance.isNumber() && tolerance.asDouble() > 0)) {
            errors.add(FieldError.coded(path + ".tolerance", "keypoints.badTolerance", "must be a number of pixels, more than 0"));
        }
        JsonNode agreement = field.get("agreementDistance");
        if (agreement != null && !agreement.isNull() && !(agreement.isNumber() && agreement.asDouble() > 0 && agreement.asDouble() <= 1)) {
            errors.add(FieldError.coded(path + ".agreementDistance", "keypoints.badAgreementDistance",
                    "must be a share of the image diagonal, more than 0 and at most 1"));
        }
        JsonNode skeleton = field.get("skeleton");
        if (skeleton == null || skeleton.isNull()) return;
        if (!skeleton.isArray()) {
            errors.add(FieldError.coded(path + ".skeleton", "keypoints.badSkeleton", "must be an array of label pairs [[\"a\", \"b\"], …]"));
            return;
        }
        Set<String> labels = Labels.values(field);
        for (int i = 0; i < skeleton.size(); i++) {
            JsonNode e = skeleton.get(i);
            String at = path + ".skeleton[" + i + "]";
            if (!e.isArray() || e.size() != 2 || !e.get(0).isString() || !e.get(1).isString()) {
                errors.add(FieldError.coded(at, "keypoints.badPair", "must be a pair of labels [\"a\", \"b\"]"));
            } else if (e.get(0).asString().equals(e.get(1).asString())) {
                errors.add(FieldError.coded(at, "keypoints.joinsItself", "joins '" + e.get(0).asString() + "' to itself", "label", e.get(0).asString()));
            } else {
                for (int k = 0; k < 2; k++) {
                    if (!labels.contains(e.get(k).asString())) {
                        errors.add(FieldError.coded(at + "[" + k + "]", "value.notAllowed", "'" + e.get(k).asString() + "' is not one of " + labels,
                                "value", e.get(k).asString(), "allowed", List.copyOf(labels)));
                    }
                }
            }
        }
    }

    @Override
    public void checkValue(JsonNode field, JsonNode value, JsonNode data, JsonNode result, String path,
            List<FieldError> errors) {
        if (!value.isArray()) {
            errors.add(FieldError.coded(path, "value.notArray", "must be an array of {\"x\", \"y\", \"label\"}", "shape", "{\"x\", \"y\", \"label\"}"));
            return;
        }
        double[] size = MediaBounds.size(data);
        Set<String> labels = Labels.values(field);
        Map<String, JsonNode> attributes = Attributes.definitions(field);
        for (int i = 0; i < value.size(); i++) {
            JsonNode p = value.get(i);
            String at = path + "[" + i + "]";
            if (!p.isObject()) {
                errors.add(FieldError.coded(at, "value.notObject", "must be an object {\"x\", \"y\", \"label\"}", "shape", "{\"x\", \"y\", \"label\"}"));
                continue;
            }
            Double x = MediaBounds.number(p, "x", at, errors);
            Double y = MediaBounds.number(p, "y", at, errors);
            if (x != null && y != null && !MediaBounds.inside(x, y, size)) {
                errors.add(MediaBounds.outsideError(at, "", x, y, size));
            }
            MediaBounds.checkLabel(p, labels, at, errors);
            Attributes.checkValue(attributes, p, at, errors);
        }
        Limits.checkCountValue(field, value.size(), "points", path, errors);
    }
}
