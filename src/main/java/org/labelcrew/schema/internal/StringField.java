package org.labelcrew.schema.internal;

import java.util.List;
import org.labelcrew.schema.FieldType;
import org.labelcrew.shared.ApiException.FieldError;
import tools.jackson.databind.JsonNode;

/**
 * The rule the written-text fields share: the value is a string within {@code minChars..maxChars} characters (see
 * {@link Limits#checkLength}), with a cap on {@code maxChars} of the field type's own.
 */
abstract class StringField implements FieldType {

    private final String type;
    private final int hardMax;
    private final String notAString;

    StringField(String type, int hardMax, String notAString) {
        this.type = type;
        this.hardMax = hardMax;
        this.notAString = notAString;
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public void checkDefinition(JsonNode field, String path, List<FieldError> errors) {
        Limits.check(field, path, errors, hardMax);
    }

    @Override
    public void checkValue(JsonNode field, JsonNode value, JsonNode data, JsonNode result, String path,
            List<FieldError> errors) {
        if (!value.isString()) {
            errors.add(FieldError.coded(path, "value.notString", notAString));
            return;
        }
        Limits.checkLength(field, value.asString(), path, errors, hardMax);
    }
}
