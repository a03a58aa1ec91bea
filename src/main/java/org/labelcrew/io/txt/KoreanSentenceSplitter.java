package org.labelcrew.io.txt;

import java.text.Normalizer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Splits a plain Korean document into sentences, for summarization tasks ({@code data.sentences} /
 * {@code data.paragraphs}). Rules, in order of how often they matter:
 * <ul>
 * <li>a sentence ends at {@code . ? ! 。 ？ ！} (and runs of them, {@code ?!}) followed by white space or the end;
 * closing quotes and brackets right after the mark stay with the sentence ({@code 말했다."});</li>
 * <li>a line break always ends a sentence (headlines and list items carry no full stop); a blank line ends a
 * paragraph;</li>
 * <li>nothing splits inside quotes or brackets ({@code "안녕. 반가워."라고 했다} is one sentence), unless they never
 * close on that line, in which case they are ignored for it;</li>
 * <li>never inside numbers ({@code 3.14}, {@code 1,000.5}), after initials or common abbreviations ({@code U.S.},
 * {@code Dr.}), after a list marker ({@code 1.}, {@code 가.}), or at an ellipsis ({@code ...});</li>
 * <li>a Hangul ending glued to the next sentence ({@code 했다.그리고}) is still split, since a full stop between two
 * Hangul syllables is never anything else.</li>
 * </ul>
 * Input is NFC-normalised first, as stored task text is; sentences come back trimmed, never empty. Stateless and
 * thread-safe.
 */
final class KoreanSentenceSplitter {

    private static final String TERMINALS = ".?!。？！‼⁇⁈⁉";
    private static final String OPENERS = "([{（［｛「『《〈【“‘";
    private static final String CLOSERS = ")]}）］｝」』》〉】”’";
    private static final Set<String> ABBREVIATIONS = Set.of("mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "vs",
            "e.g", "i.e", "no", "vol", "pp", "cf", "approx", "inc", "co", "ltd", "corp", "fig", "ed", "al");
    /** What follows a closing quote when the quote is part of the sentence ({@code "…"라고 말했다}). */
    private static final Pattern QUOTATIVE = Pattern.compile("^(?:라고|이라고|하고|고|라며|이라며|하며|며|라는|이라는|하는|는|란|이란|라|하)(?![가-힣])");
    private static final Pattern LIST_MARKER = Pattern.compile("\\d{1,3}|[가나다라마바사아자차카타파하]|[A-Za-z]|[IVXivx]{1,4}|\\(?\\d{1,3}\\)?");
    private static final Pattern DOTTED = Pattern.compile("(?:\\p{IsLatin}\\.)+\\p{IsLatin}");
    private static final Pattern PARAGRAPH_BREAK = Pattern.compile("\\n\\h*\\n");

    /** All sentences of the text, in order. */
    public List<String> split(String text) {
        List<String> out = new ArrayList<>();
        for (List<String> p : paragraphs(text)) out.addAll(p);
        return out;
    }

    /** Sentences grouped by paragraph (blank lines between paragraphs); empty paragraphs are dropped. */
    public List<List<String>> paragraphs(String text) {
        List<List<String>> out = new ArrayList<>();
        if (text == null) return out;
        String nfc = Normalizer.normalize(text, Normalizer.Form.NFC).replace("\r\n", "\n").replace('\r', '\n');
        for (String paragraph : PARAGRAPH_BREAK.split(nfc)) {
            List<String> sentences = new ArrayList<>();
            for (String line : paragraph.split("\n")) {
                int[] cps = line.codePoints().toArray();
                List<String> found = splitLine(cps, true);
                sentences.addAll(found != null ? found : splitLine(cps, false));
            }
            if (!sentences.isEmpty()) out.add(sentences);
        }
        return out;
    }

    /** Sentences of one line, or null when quotes/brackets were tracked and did not balance. */
    private static List<String> splitLine(int[] cps, boolean trackQuotes) {
        List<String> out = new ArrayList<>();
        Deque<Integer> open = new ArrayDeque<>();
        int start = 0;
        int i = 0;
        while (i < cps.length) {
            int c = cps[i];
            if (trackQuotes && track(open, c)) {
                i++;
                continue;
            }
            if (!isTerminal(c)) {
                i++;
                continue;
            }
            int depthBefore = open.size();
            int end = i;
            while (end < cps.length && isTerminal(cps[end])) end++;
            // Closing quotes and brackets right after the mark belong to the sentence.
            Deque<Integer> after = new ArrayDeque<>(open);
            while (end < cps.length && trackQuotes && !after.isEmpty() && closes(after.peek(), cps[end])) {
                after.pop();
                end++;
            }
            while (end < cps.length && !trackQuotes && (CLOSERS.indexOf(cps[end]) >= 0 || cps[end] == '"')) end++;
            if (after.isEmpty() && endsSentence(cps, start, i, end, depthBefore > 0)) {
                add(out, cps, start, end);
                start = end;
                open.clear();
            } else if (trackQuotes) {
                // Only the quotes/brackets the look-ahead closed are consumed; the marks themselves track nothing.
                open.clear();
                open.addAll(after);
            }
            i = Math.max(end, i + 1);
        }
        if (trackQuotes && !open.isEmpty()) return null;
        add(out, cps, start, cps.length);
        return out;
    }

    /** Pushes or pops a quote or bracket; true when {@code c} was one. */
    private static boolean track(Deque<Integer> open, int c) {
        if (c == '"') {
            if (!open.isEmpty() && open.peek() == '"') open.pop();
            else open.push((int) '"');
            return true;
        }
        int o = OPENERS.indexOf(c);
        if (o >= 0) {
            open.push(CLOSERS.codePointAt(o));
            return true;
        }
        if (CLOSERS.indexOf(c) >= 0) {
            // A stray closer ("1) 첫째") closes nothing; a closer deeper in the stack closes what lies above it.
            if (open.contains(c)) {
                while (!open.isEmpty() && open.pop() != c) {
                    // drop unclosed inner openers
                }
            }
            return true;
        }
        return false;
    }

    private static boolean closes(int expected, int c) {
        return expected == c;
    }

    private static boolean isTerminal(int c) {
        return TERMINALS.indexOf(c) >= 0;
    }

    /**
     * Whether the marks at {@code [mark, end)} (terminals plus closers) end the sentence that began at {@code start}.
     */
    private static boolean endsSentence(int[] cps, int start, int mark, int end, boolean quoted) {
        int terminals = 0;
        boolean onlyDots = true;
        for (int k = mark; k < end && isTerminal(cps[k]); k++) {
            terminals++;
            if (cps[k] != '.') onlyDots = false;
        }
        if (onlyDots && terminals >= 2) return end >= cps.length; // an ellipsis inside a sentence
        int prev = mark > 0 ? cps[mark - 1] : -1;
        if (end >= cps.length) return true;
        int next = cps[end];
        if (isSpace(next)) {
            if (quoted && QUOTATIVE.matcher(new String(cps, end, cps.length - end).stripLeading()).find()) return false;
            if (onlyDots && terminals == 1) {
                String word = wordBefore(cps, start, mark);
                if (ABBREVIATIONS.contains(word.toLowerCase(Locale.ROOT))) return false;
                if (word.length() == 1 && Character.isUpperCase(word.codePointAt(0))) return false; // initials: J. K.
                if (DOTTED.matcher(word).matches()) return false; // U.S., e.g.
                String sentence = new String(cps, start, mark - start).strip();
                if (LIST_MARKER.matcher(sentence).matches()) return false;
            }
            return true;
        }
        // "했다.그리고": glued sentences; "3.14", "example.com", "U.S" and "…."라고 stay whole.
        return !quoted && end == mark + terminals && isHangul(prev) && isHangul(next);
    }

    /** The letters (and inner dots, "e.g") just before {@code mark}, back to white space or the sentence start. */
    private static String wordBefore(int[] cps, int start, int mark) {
        int k = mark;
        while (k > start && !isSpace(cps[k - 1]) && (Character.isLetter(cps[k - 1]) || cps[k - 1] == '.')) k--;
        return new String(cps, k, mark - k);
    }

    private static boolean isSpace(int c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    private static boolean isHangul(int c) {
        return c >= 0xAC00 && c <= 0xD7A3;
    }

    private static void add(List<String> out, int[] cps, int from, int to) {
        String s = new String(cps, from, to - from).strip();
        if (!s.isEmpty()) out.add(s);
    }
}
