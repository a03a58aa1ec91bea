package org.labelcrew.schema.internal;

import java.util.List;
import org.labelcrew.schema.Field;
import org.labelcrew.schema.FieldType;
import org.labelcrew.shared.ApiException.FieldError;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Extractive summary: pick sentences of the document. The value is the picked sentence indices, 0-based over all
 * sentences ({@code data.sentences}, or {@code data.paragraphs} flattened in order), distinct, in any order (the
 * order is kept: AI-Hub references rank their sentences), and
 * {@code min..max} of them.
 */
@Component
class ExtractiveField implements FieldType {

    static final int MAX_SENTENCES = 100_000;

    @Override
    public String type() {
        return "extractive";
    }

    @Override
    public void checkDefinition(JsonNode field, String path, List<FieldError> errors) {
        Limits.checkCount(field, path, errors, MAX_SENTENCES);
    }

    @Override
    public void checkValue(JsonNode field, JsonNode value, JsonNode data, JsonNode result, String path,
            List<FieldError> errors) {
        if (!value.isArray()) {
            errors.add(FieldError.coded(path, "extractive.notArray", "must be an array of sentence indices (0-based)"));
            return;
        }
        int n = Field.Extractive.sentences(data).map(List::size).orElse(-1);
        if (n < 0) {
            errors.add(FieldError.coded(path, "extractive.noSentences", "the task has no data.sentences or data.paragraphs to pick from"));
            return;
        }
        java.util.Set<Integer> picked = new java.util.HashSet<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode v = value.get(i);
            String at = path + "[" + i + "]";
            if (!v.isIntegralNumber() || !v.canConvertToInt()) {
                errors.add(FieldError.coded(at, "extractive.notIndex", "must be a sentence index (a whole number)"));
                continue;
            }
            int index = v.asInt();
            if (index < 0 || index >= n) {
                errors.add(FieldError.coded(at, "extractive.outOfRange", index + " is not a sentence of this document (0.." + (n - 1) + ")",
                        "index", index, "last", n - 1));
                continue;
            }
            // Any order (issue 12): AI-Hub's reference order is not ascending ([3, 7, 4]) and a labeler's need not be.
            if (!picked.add(index)) errors.add(FieldError.coded(at, "extractive.pickedTwice", "sentence " + index + " is picked twice", "index", index));
        }
        Limits.checkCountValue(field, value.size(), "sentences", path, errors);
    }
}
