package org.labelcrew.io.conll;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.ko.KoreanTokenizer;
import org.apache.lucene.analysis.ko.POS;
import org.apache.lucene.analysis.ko.tokenattributes.PartOfSpeechAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * Korean morphemes of a text by Lucene Nori (mecab-ko-dic, inside the jar), for the {@code conll-morpheme} export.
 *
 * <p>The tokenizer runs with {@link KoreanTokenizer.DecompoundMode#NONE} and keeps punctuation: then every token is a
 * stretch of the text itself (a compound such as 서울대학교 or an inflected word such as 다닌다 stays one token, never
 * the dictionary forms 다니 + ㄴ다 that have no offsets of their own), tokens do not overlap, and every non-space
 * character is in one (no POS filter, no lower-casing). Two things are fixed up after Nori, so that a token line is
 * what a reader expects:
 * <ul>
 * <li>white space: Nori emits spaces as {@code SP} tokens and sometimes glues a space to a symbol ({@code "% "}); space is
 * cut out, so a token never holds white space (the CoNLL line format relies on it);</li>
 * <li>emoji sequences: Nori cuts {@code 👨‍👩‍👧} at each zero-width joiner and a variation selector or keycap off its base
 * ({@code ❤️}, {@code 1️⃣}); a token that starts with a joining mark (ZWJ, variation selector, skin tone, combining mark) or
 * follows one ending in ZWJ is joined to the token before it when they touch.</li>
 * </ul>
 * Lucene's offsets count UTF-16 units; they are turned into code-point offsets, what span offsets count.
 *
 * <p>A {@link KoreanTokenizer} is not thread-safe: one instance per export run ({@link ConllExport} makes one in
 * {@code open}); the dictionary behind it is loaded once per JVM and shared.
 */
final class NoriMorphemes implements ConllExport.Tokens {

    private static final int ZWJ = 0x200D;

    private final KoreanTokenizer tokenizer = new KoreanTokenizer(KoreanTokenizer.DEFAULT_TOKEN_ATTRIBUTE_FACTORY,
            null, KoreanTokenizer.DecompoundMode.NONE, false, false);
    private final OffsetAttribute offset = tokenizer.addAttribute(OffsetAttribute.class);
    private final PartOfSpeechAttribute pos = tokenizer.addAttribute(PartOfSpeechAttribute.class);

    @Override
    public List<ConllExport.Token> of(String text, int[] cps) throws IOException {
        List<ConllExport.Token> tokens = new ArrayList<>();
        tokenizer.setReader(new StringReader(text));
        try {
            tokenizer.reset();
            int utf16 = 0; // walks forward with cp: offsets only grow
            int cp = 0;
            while (tokenizer.incrementToken()) {
                int start = offset.startOffset();
                int end = offset.endOffset();
                if (start < utf16) continue; // never seen in NONE mode; a token overlapping the last is dropped
                while (utf16 < start) {
                    utf16 += Character.charCount(text.codePointAt(utf16));
                    cp++;
                }
                int first = cp;
                while (utf16 < end) {
                    utf16 += Character.charCount(text.codePointAt(utf16));
                    cp++;
                }
                add(tokens, cps, first, cp, tag());
            }
            tokenizer.end();
        } finally {
            tokenizer.close(); // ends this text; the next setReader starts the next one on the same instance
        }
        return tokens;
    }

    /** {@code NNP}; an inflected word or compound whose ends differ as {@code VV+E}. */
    private String tag() {
        POS.Tag left = pos.getLeftPOS();
        POS.Tag right = pos.getRightPOS();
        if (left == null) return "UNKNOWN";
        return right == null || right == left ? left.name() : left.name() + "+" + right.name();
    }

    /** Adds the non-space pieces of code points {@code [start, end)}, joining emoji sequences (class comment). */
    private static void add(List<ConllExport.Token> tokens, int[] cps, int start, int end, String tag) {
        int i = start;
        while (i < end) {
            if (ConllExport.isSpace(cps[i])) {
                i++;
                continue;
            }
            int j = i + 1;
            while (j < end && !ConllExport.isSpace(cps[j])) j++;
            ConllExport.Token last = tokens.isEmpty() ? null : tokens.get(tokens.size() - 1);
            if (last != null && last.end() == i && (joins(cps[i]) || cps[last.end() - 1] == ZWJ)) {
                tokens.set(tokens.size() - 1, new ConllExport.Token(last.start(), j, last.pos()));
            } else {
                tokens.add(new ConllExport.Token(i, j, tag));
            }
            i = j;
        }
    }

    /** Marks that belong to the character before them. */
    private static boolean joins(int c) {
        if (c == ZWJ || (c >= 0xFE00 && c <= 0xFE0F) || (c >= 0xE0100 && c <= 0xE01EF) || (c >= 0xE0020 && c <= 0xE007F)
                || (c >= 0x1F3FB && c <= 0x1F3FF)) { // ZWJ, variation selectors, emoji tags, skin tones
            return true;
        }
        int type = Character.getType(c);
        return type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
                || type == Character.COMBINING_SPACING_MARK;
    }
}
