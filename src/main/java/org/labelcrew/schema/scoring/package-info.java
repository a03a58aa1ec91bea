/**
 * Scoring an annotation result against a reference result, field by field, per annotation type: exam items in the
 * academy and gold items in the work queue use the same scorers. See README.md.
 */
@org.springframework.modulith.NamedInterface("scoring")
package org.labelcrew.schema.scoring;
