package org.labelcrew.schema.internal;

import java.util.List;
import org.labelcrew.schema.FieldType;
import org.labelcrew.shared.ApiException.FieldError;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Abstractive summary: a written string within {@code minChars..maxChars} characters, counted as Unicode code points
 * of the NFC form (one per Hangul syllable, whether typed or decomposed).
 */
@Component
class AbstractiveField implements FieldType {

    static final int HARD_MAX = 20_000;

    @Override
    public String type() {
        return "abstractive";
    }

    @Override
    public void checkDefinition(JsonNode field, String path, List<FieldError> errors) {
        Limits.check(field, path, errors, HARD_MAX);
    }

    @Override
    public void checkValue(JsonNode field, JsonNode value, JsonNode data, JsonNode result, String path,
            List<FieldError> errors) {
        if (!value.isString()) {
            errors.add(FieldError.field(path, "must be a string (the summary)"));
            return;
        }
        Limits.checkLength(field, value.asString(), path, errors, HARD_MAX);
    }
}
