package org.labelcrew.schema.internal;

import org.springframework.stereotype.Component;

/** A free text (comment, rationale): a string within {@code minChars..maxChars} Unicode code points. */
@Component
class TextField extends StringField {

    static final int HARD_MAX = 100_000;

    TextField() {
        super("text", HARD_MAX, "must be a string");
    }
}
