package org.labelcrew.schema;

import java.util.List;
import org.labelcrew.shared.ApiException.FieldError;
import tools.jackson.databind.JsonNode;

/**
 * One annotation type of the label schema ({@code choice}, {@code spans}, …): it checks a field's definition when a
 * schema is saved and a value when an annotation is submitted. Every bean of this type is picked up by
 * {@link SchemaService}; a new annotation type is one new class.
 */
public interface FieldType {

    /** The {@code type} string in the schema document. */
    String type();

    /** Checks the field's own keys (options, labels, limits); {@code path} is like {@code fields[2]}. */
    void checkDefinition(JsonNode field, String path, List<FieldError> errors);

    /**
     * Checks what a field says about the other fields of the schema (a {@code relations} field's {@code between}
     * must name a {@code spans} field); runs after every field's own definition was checked. {@code schema} is the
     * whole document.
     */
    default void checkReferences(JsonNode field, JsonNode schema, String path, List<FieldError> errors) {
    }

    /**
     * Checks one value of a result against the field; {@code data} is the task's data (for offsets into text, sentence
     * counts), {@code result} the whole result (for fields that refer to other fields); {@code path} is like
     * {@code result.topic}.
     */
    void checkValue(JsonNode field, JsonNode value, JsonNode data, JsonNode result, String path, List<FieldError> errors);

    /** Whether a value counts as "given" for {@code required}; empty strings and empty arrays do not. */
    default boolean isEmpty(JsonNode value) {
        return value == null || value.isNull() || (value.isString() && value.asString().isBlank())
                || ((value.isArray() || value.isObject()) && value.isEmpty());
    }
}
