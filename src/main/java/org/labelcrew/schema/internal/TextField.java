package org.labelcrew.schema.internal;

import java.util.List;
import org.labelcrew.schema.FieldType;
import org.labelcrew.shared.ApiException.FieldError;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/** A free text (comment, rationale): a string within {@code minChars..maxChars} Unicode code points. */
@Component
class TextField implements FieldType {

    static final int HARD_MAX = 100_000;

    @Override
    public String type() {
        return "text";
    }

    @Override
    public void checkDefinition(JsonNode field, String path, List<FieldError> errors) {
        Limits.check(field, path, errors, HARD_MAX);
    }

    @Override
    public void checkValue(JsonNode field, JsonNode value, JsonNode data, JsonNode result, String path,
            List<FieldError> errors) {
        if (!value.isString()) {
            errors.add(FieldError.field(path, "must be a string"));
            return;
        }
        Limits.checkLength(field, value.asString(), path, errors, HARD_MAX);
    }
}
