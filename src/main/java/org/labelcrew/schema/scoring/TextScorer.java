package org.labelcrew.schema.scoring;

import java.text.Normalizer;
import java.util.Map;
import org.labelcrew.schema.Field;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/** Free text: exact match after trimming and NFC normalisation (NFD Hangul from some keyboards counts as equal). */
@Component
class TextScorer implements Scorer {

    @Override
    public String type() {
        return "text";
    }

    @Override
    public FieldScore score(Field field, JsonNode answer, JsonNode reference, Scorer.Item item) {
        String a = normalize(answer.asString(""));
        String r = normalize(reference.asString(""));
        return a.equals(r) ? new FieldScore(1, "matches", "score.text.matches", Map.of())
                : new FieldScore(0, "expected \"" + r + "\"", "score.text.expected", Map.of("expected", r));
    }

    static String normalize(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFC).strip();
    }
}
