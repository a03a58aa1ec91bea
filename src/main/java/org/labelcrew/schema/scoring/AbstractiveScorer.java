package org.labelcrew.schema.scoring;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.labelcrew.schema.Field;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Abstractive summary: ROUGE-L F1 (longest common subsequence) over Korean-aware tokens. Korean attaches particles
 * and endings to words (은/는/이/가…), so whole eojeol rarely match between two good summaries; Hangul is therefore
 * compared syllable by syllable, while runs of other letters and digits stay whole words. Punctuation is ignored.
 */
@Component
class AbstractiveScorer implements Scorer {

    @Override
    public String type() {
        return "abstractive";
    }

    @Override
    public FieldScore score(Field field, JsonNode answer, JsonNode reference, Scorer.Item item) {
        List<String> a = tokens(answer.asString(""));
        List<String> r = tokens(reference.asString(""));
        double f = rougeL(a, r);
        return new FieldScore(f, "ROUGE-L F " + Scoring.pct(f) + " against the reference summary", "score.abstractive.rougeL",
                Map.of("pct", FieldScore.pct(f)));
    }

    static double rougeL(List<String> a, List<String> r) {
        if (a.isEmpty() && r.isEmpty()) return 1;
        if (a.isEmpty() || r.isEmpty()) return 0;
        int lcs = lcs(a, r);
        if (lcs == 0) return 0;
        double precision = (double) lcs / a.size();
        double recall = (double) lcs / r.size();
        return 2 * precision * recall / (precision + recall);
    }

    private static int lcs(List<String> a, List<String> b) {
        int[] prev = new int[b.size() + 1];
        int[] cur = new int[b.size() + 1];
        for (int i = 1; i <= a.size(); i++) {
            for (int j = 1; j <= b.size(); j++) {
                cur[j] = a.get(i - 1).equals(b.get(j - 1)) ? prev[j - 1] + 1 : Math.max(prev[j], cur[j - 1]);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.size()];
    }

    /** Splits on whitespace (eojeol), then each Hangul syllable is a token and each run of letters/digits is one. */
    static List<String> tokens(String text) {
        String s = Normalizer.normalize(text, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
        List<String> out = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.UnicodeScript.of(cp) == Character.UnicodeScript.HANGUL) {
                flush(word, out);
                out.add(new String(Character.toChars(cp)));
            } else if (Character.isLetterOrDigit(cp)) {
                word.appendCodePoint(cp);
            } else {
                flush(word, out);
            }
        }
        flush(word, out);
        return out;
    }

    private static void flush(StringBuilder word, List<String> out) {
        if (!word.isEmpty()) {
            out.add(word.toString());
            word.setLength(0);
        }
    }
}
