package org.labelcrew.schema.scoring;

import org.labelcrew.schema.Field;
import tools.jackson.databind.JsonNode;

/**
 * Scores one field of an answer against a reference, for one annotation type of the label schema. Every bean of this
 * type is collected by {@link Scoring}, keyed by {@link #type()}: a new annotation type is one new class. Both values
 * are non-empty when this is called ({@link Scoring} settles the empty cases the same way for all types). Used by exam
 * scoring (academy) and gold items (task).
 */
public interface Scorer {

    /** The field {@code type} of the label schema this scorer handles. */
    String type();

    /**
     * A score in 0..1 and feedback a person can act on. {@code item} carries the item's data (text, sentences) and the
     * whole answer and reference, for fields that point into other fields (relations link spans).
     */
    FieldScore score(Field field, JsonNode answer, JsonNode reference, Item item);

    /** The item being scored: its data, and the whole answer and reference results (keyed by field name). */
    record Item(JsonNode data, JsonNode answer, JsonNode reference) {
    }
}
