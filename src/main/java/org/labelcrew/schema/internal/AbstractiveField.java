package org.labelcrew.schema.internal;

import org.springframework.stereotype.Component;

/**
 * Abstractive summary: a written string within {@code minChars..maxChars} characters, counted as Unicode code points
 * of the NFC form (one per Hangul syllable, whether typed or decomposed).
 */
@Component
class AbstractiveField extends StringField {

    static final int HARD_MAX = 20_000;

    AbstractiveField() {
        super("abstractive", HARD_MAX, "must be a string (the summary)");
    }
}
