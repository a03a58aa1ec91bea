package org.labelcrew.schema;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;

/**
 * Speech transcripts written by the conventions of the Korean national speech corpora (KsponSpeech): a word spelt
 * otherwise than it is said is written twice, {@code (철자)/(발음)} — spelling then pronunciation, e.g.
 * {@code (3)/(세)}, {@code (SNS)/(에스엔에스)}; noises are tags {@code b/} (breath), {@code n/} (noise), {@code l/}
 * (laughter), {@code o/} (another speaker), {@code u/} (unintelligible); {@code *} marks an unclear word, {@code +} a
 * repetition and {@code /} after a word a filler ({@code 어/}). So outside a dual transcription a transcript holds no
 * digits and no Latin letters but the noise tags. Validation (segments with {@code "conventions": "kspon"}) and the
 * normal form that transcript CER is computed on live here, so the server and scoring agree.
 */
public final class Transcripts {

    /** At most this many problems are named per transcript; the rest follow once those are fixed. */
    static final int MAX_PROBLEMS = 5;
    private static final String NOISE_TAGS = "bnlou";

    private Transcripts() {
    }

    /** What breaks the KsponSpeech conventions, each naming the character (1-based code point position). */
    public static List<String> ksponProblems(String transcript) {
        return ksponIssues(transcript).stream().map(Problem::message).toList();
    }

    /**
     * One break of the conventions: {@code code} ({@code kspon.*}) for the browser to word, {@code at} the 1-based code
     * point position, {@code message} the English sentence.
     */
    public record Problem(String code, int at, String message) {
    }

    /** {@link #ksponProblems} with codes. */
    public static List<Problem> ksponIssues(String transcript) {
        List<Problem> problems = new ArrayList<>();
        int[] cps = Normalizer.normalize(transcript, Normalizer.Form.NFC).codePoints().toArray();
        int i = 0;
        while (i < cps.length && problems.size() < MAX_PROBLEMS) {
            int c = cps[i];
            if (c == '(') {
                int end = dual(cps, i);
                if (end < 0) {
                    problems.add(new Problem("kspon.unclosedDual", i + 1, "at character " + (i + 1) + ": '(' must open a dual transcription (spelling)/(pronunciation), e.g. (3)/(세)"));
                    i = skipPast(cps, i, ')');
                    continue;
                }
                int pronunciationStart = indexOf(cps, i + 1, ')') + 3;
                for (int k = pronunciationStart; k < end; k++) {
                    if (Character.isDigit(cps[k]) || isLatin(cps[k])) {
                        problems.add(new Problem("kspon.pronunciationNotHangul", k + 1, "at character " + (k + 1) + ": the pronunciation in (spelling)/(pronunciation) is written in Hangul"));
                        break;
                    }
                }
                i = end + 1;
            } else if (c == ')') {
                problems.add(new Problem("kspon.strayClose", i + 1, "at character " + (i + 1) + ": ')' closes nothing"));
                i++;
            } else if (isLatin(c)) {
                if (isNoiseTag(cps, i)) {
                    i += 2;
                } else {
                    problems.add(new Problem("kspon.latin", i + 1, "at character " + (i + 1) + ": Latin letters go in a dual transcription (spelling)/(pronunciation); noise tags are b/ n/ l/ o/ u/"));
                    while (i < cps.length && isLatin(cps[i])) i++;
                }
            } else if (Character.isDigit(c)) {
                problems.add(new Problem("kspon.digits", i + 1, "at character " + (i + 1) + ": numbers are written as a dual transcription, e.g. (3)/(세)"));
                while (i < cps.length && Character.isDigit(cps[i])) i++;
            } else {
                i++;
            }
        }
        return problems;
    }

    /**
     * The form transcripts are compared in (for CER): NFC, the spelling side of each dual transcription, without
     * noise tags and marks ({@code * + /}) when {@code kspon}, without spaces and punctuation, lower case; as code
     * points.
     */
    public static int[] normalForm(String transcript, boolean kspon) {
        return normal(transcript, kspon, false).codePoints().toArray();
    }

    /**
     * The words of a transcript in the same normal form as {@link #normalForm} (for WER): split at white space, each
     * word in the normal form, words left empty (punctuation, noise tags) dropped.
     */
    public static List<String> normalWords(String transcript, boolean kspon) {
        List<String> words = new ArrayList<>();
        for (String w : normal(transcript, kspon, true).split(" ")) if (!w.isEmpty()) words.add(w);
        return words;
    }

    private static String normal(String transcript, boolean kspon, boolean spaces) {
        int[] cps = Normalizer.normalize(transcript, Normalizer.Form.NFC).codePoints().toArray();
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < cps.length) {
            int c = cps[i];
            if (kspon && c == '(') {
                int end = dual(cps, i);
                if (end >= 0) {
                    int close = indexOf(cps, i + 1, ')');
                    for (int k = i + 1; k < close; k++) keep(out, cps[k], spaces);
                    i = end + 1;
                    continue;
                }
            }
            if (kspon && isLatin(c) && isNoiseTag(cps, i)) {
                i += 2;
                continue;
            }
            keep(out, c, spaces);
            i++;
        }
        return out.toString();
    }

    /** Character error rate: edit distance (code points of the normal form) over the reference's length. */
    public static double cer(String answer, String reference, boolean kspon) {
        int[] a = normalForm(answer, kspon);
        int[] r = normalForm(reference, kspon);
        if (r.length == 0) return a.length == 0 ? 0 : 1;
        return (double) editDistance(a, r) / r.length;
    }

    static int editDistance(int[] a, int[] b) {
        int[] prev = new int[b.length + 1];
        int[] cur = new int[b.length + 1];
        for (int j = 0; j <= b.length; j++) prev[j] = j;
        for (int i = 1; i <= a.length; i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length; j++) {
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length];
    }

    private static void keep(StringBuilder out, int c, boolean spaces) {
        if (Character.isLetterOrDigit(c)) out.appendCodePoint(Character.toLowerCase(c));
        else if (spaces && Character.isWhitespace(c)) out.append(' ');
    }

    /** The index of the closing ')' of a well-formed {@code (a)/(b)} starting at {@code open}, else -1. */
    private static int dual(int[] cps, int open) {
        int close = indexOf(cps, open + 1, ')');
        if (close < 0 || close == open + 1 || indexOf(cps, open + 1, '(', close) >= 0) return -1;
        if (close + 2 >= cps.length || cps[close + 1] != '/' || cps[close + 2] != '(') return -1;
        int open2 = close + 2;
        int close2 = indexOf(cps, open2 + 1, ')');
        if (close2 < 0 || close2 == open2 + 1 || indexOf(cps, open2 + 1, '(', close2) >= 0) return -1;
        return close2;
    }

    private static boolean isNoiseTag(int[] cps, int i) {
        return NOISE_TAGS.indexOf(cps[i]) >= 0 && i + 1 < cps.length && cps[i + 1] == '/'
                && (i == 0 || !Character.isLetterOrDigit(cps[i - 1]));
    }

    private static boolean isLatin(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static int indexOf(int[] cps, int from, int c) {
        return indexOf(cps, from, c, cps.length);
    }

    private static int indexOf(int[] cps, int from, int c, int to) {
        for (int k = from; k < to; k++) if (cps[k] == c) return k;
        return -1;
    }

    private static int skipPast(int[] cps, int i, int c) {
        int k = indexOf(cps, i + 1, c);
        return k < 0 ? i + 1 : k + 1;
    }
}
