package org.labelcrew.academy.scoring;

import tools.jackson.databind.JsonNode;

/**
 * Scores one field of an exam answer against the reference, for one annotation type of the label schema. Every bean
 * of this type is collected by {@link Scoring}, keyed by {@link #type()}: a new annotation type is one new class.
 * Both values are non-empty when this is called ({@link Scoring} settles the empty cases the same way for all types).
 */
public interface Scorer {

    /** The field {@code type} of the label schema this scorer handles. */
    String type();

    /** A score in 0..1 and feedback a trainee can act on; {@code data} is the item's data (text, sentences). */
    FieldScore score(JsonNode field, JsonNode answer, JsonNode reference, JsonNode data);
}
