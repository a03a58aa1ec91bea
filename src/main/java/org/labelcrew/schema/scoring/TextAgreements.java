package org.labelcrew.schema.scoring;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.labelcrew.schema.Field;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * The agreement measures of the text annotation types (see README.md, "Agreement"). Set-valued types (spans,
 * relations, extractive) compare every pair of workers on an item and pool the pairs: F1 = Σ 2·matched / Σ (|A|+|B|),
 * an item where both left the field empty agreeing fully. All but choice are {@link PairwiseMeasure}s: each says
 * only how one pair of workers is scored.
 */
final class TextAgreements {

    private TextAgreements() {
    }

    /** Classification: Cohen's κ (a pair of workers), Fleiss' κ and Krippendorff's α (nominal), observed agreement. */
    @Component
    static final class Choice implements AgreementMeasure {

        @Override
        public String type() {
            return "choice";
        }

        @Override
        public Figures measure(Field field, List<Unit> units, @Nullable String label) {
            List<List<String>> coded = new ArrayList<>();
            Set<Long> workers = new LinkedHashSet<>();
            List<Map<Long, String>> byWorker = new ArrayList<>();
            for (Unit u : units) {
                Map<Long, String> cats = new LinkedHashMap<>();
                for (Map.Entry<Long, JsonNode> e : u.results().entrySet()) {
                    String c = category(field.value(e.getValue()), label);
                    if (c != null) cats.put(e.getKey(), c);
                }
                if (cats.size() < 2) continue;
                coded.add(List.copyOf(cats.values()));
                byWorker.add(cats);
                workers.addAll(cats.keySet());
            }
            Map<String, Double> out = new LinkedHashMap<>();
            if (coded.isEmpty()) return new Figures(0, out);
            Agreements.put(out, "observedAgreement", Chance.observed(coded));
            if (workers.size() == 2) {
                List<Long> two = List.copyOf(workers);
                List<String> a = new ArrayList<>();
                List<String> b = new ArrayList<>();
                for (Map<Long, String> m : byWorker) {
                    a.add(m.get(two.get(0)));
                    b.add(m.get(two.get(1)));
                }
                Agreements.put(out, "cohenKappa", Chance.cohen(a, b));
            }
            Agreements.put(out, "fleissKappa", Chance.fleiss(coded));
            Agreements.put(out, "krippendorffAlpha", Chance.krippendorff(coded));
            return new Figures(coded.size(), out);
        }

        /**
         * A value as one nominal category: the option; for a multiple choice the set of options chosen. For one label:
         * whether it was chosen ("yes"/"no"). Empty (not answered) is missing, not a category.
         */
        static @Nullable String category(@Nullable JsonNode v, @Nullable String label) {
            if (Scoring.empty(v)) return null;
            Set<String> chosen = new TreeSet<>();
            if (v.isArray()) v.forEach(x -> chosen.add(x.asString("")));
            else chosen.add(v.asString(""));
            if (label != null) return chosen.contains(label) ? "yes" : "no";
            return String.join("|", chosen);
        }
    }

    /** Entity spans: F1 between workers on exact (start, end, label), and on overlap (same label, ranges overlap). */
    @Component
    static final class Spans extends PairwiseMeasure {

        Spans() {
            super("spans", true);
        }

        @Override
        void score(Field field, WorkerPairs.Pair p, @Nullable String label, Tally tally) {
            List<SpansScorer.Span> a = spans(p.valueA(field), label);
            List<SpansScorer.Span> b = spans(p.valueB(field), label);
            Set<SpansScorer.Span> sb = new LinkedHashSet<>(b);
            tally.f1("spanF1Exact", new LinkedHashSet<>(a).stream().filter(sb::contains).count(), a.size(), b.size());
            tally.f1("spanF1Overlap", overlapping(a, b), a.size(), b.size());
        }

        static List<SpansScorer.Span> spans(@Nullable JsonNode v, @Nullable String label) {
            List<SpansScorer.Span> out = new ArrayList<>();
            if (v != null && v.isArray()) {
                for (JsonNode s : v) {
                    SpansScorer.Span span = SpansScorer.span(s);
                    if (label == null || label.equals(span.label())) out.add(span);
                }
            }
            out.sort((x, y) -> x.start() != y.start() ? Long.compare(x.start(), y.start()) : Long.compare(x.end(), y.end()));
            return out;
        }

        /** One-to-one matches of spans with the same label whose ranges overlap, in position order. */
        static int overlapping(List<SpansScorer.Span> a, List<SpansScorer.Span> b) {
            boolean[] used = new boolean[b.size()];
            int matched = 0;
            for (SpansScorer.Span x : a) {
                for (int i = 0; i < b.size(); i++) {
                    SpansScorer.Span y = b.get(i);
                    if (!used[i] && x.label().equals(y.label()) && x.start() < y.end() && y.start() < x.end()) {
                        used[i] = true;
                        matched++;
                        break;
                    }
                }
            }
            return matched;
        }
    }

    /** Relations: F1 between workers on (from span, to span, label), ends matched by span position and label. */
    @Component
    static final class Relations extends PairwiseMeasure {

        Relations() {
            super("relations", true);
        }

        @Override
        void score(Field field, WorkerPairs.Pair p, @Nullable String label, Tally tally) {
            String between = field instanceof Field.Relations r ? r.between() : "";
            Set<RelationsScorer.Link> a = only(RelationsScorer.links(p.valueA(field), p.resultA() == null ? null : p.resultA().get(between)), label);
            Set<RelationsScorer.Link> b = only(RelationsScorer.links(p.valueB(field), p.resultB() == null ? null : p.resultB().get(between)), label);
            tally.f1("relationF1", a.stream().filter(b::contains).count(), a.size(), b.size());
        }

        private static Set<RelationsScorer.Link> only(Set<RelationsScorer.Link> links, @Nullable String label) {
            if (label == null) return links;
            Set<RelationsScorer.Link> out = new LinkedHashSet<>();
            for (RelationsScorer.Link l : links) if (label.equals(l.label())) out.add(l);
            return out;
        }
    }

    /** Extractive summary: F1 between workers on the chosen sentence indices. */
    @Component
    static final class Extractive extends PairwiseMeasure {

        Extractive() {
            super("extractive", false);
        }

        @Override
        void score(Field field, WorkerPairs.Pair p, @Nullable String label, Tally tally) {
            Set<Long> a = indices(p.valueA(field));
            Set<Long> b = indices(p.valueB(field));
            tally.f1("sentenceF1", a.stream().filter(b::contains).count(), a.size(), b.size());
        }

        private static Set<Long> indices(@Nullable JsonNode v) {
            Set<Long> out = new TreeSet<>();
            if (v != null && v.isArray()) v.forEach(i -> out.add(i.asLong()));
            return out;
        }
    }

    /** Abstractive summary: mean ROUGE-L F1 over every pair of workers' summaries (Korean-aware tokens). */
    @Component
    static final class Abstractive extends PairwiseMeasure {

        Abstractive() {
            super("abstractive", false);
        }

        @Override
        void score(Field field, WorkerPairs.Pair p, @Nullable String label, Tally tally) {
            tally.mean("rougeL", AbstractiveScorer.rougeL(
                    AbstractiveScorer.tokens(text(p.valueA(field))), AbstractiveScorer.tokens(text(p.valueB(field)))));
        }
    }

    /**
     * Free text and transcripts: character and word error rates between workers — edit distance over the mean length
     * of the two texts, pooled over pairs (Σ edits / Σ mean length; 0 is identical) — and the share of pairs that match
     * exactly (after trim and NFC).
     */
    @Component
    static final class Text extends PairwiseMeasure {

        Text() {
            super("text", false);
        }

        @Override
        void score(Field field, WorkerPairs.Pair p, @Nullable String label, Tally tally) {
            String a = TextScorer.normalize(text(p.valueA(field)));
            String b = TextScorer.normalize(text(p.valueB(field)));
            tally.mean("exactMatch", a.equals(b) ? 1 : 0);
            tally.errorRates(a.codePoints().mapToObj(Character::toString).toList(),
                    b.codePoints().mapToObj(Character::toString).toList(), words(a), words(b));
        }

        private static List<String> words(String s) {
            return s.isEmpty() ? List.of() : List.of(s.split("\\s+"));
        }
    }

    /**
     * Character and word error rates between two workers' texts, pooled over pairs: Σ edits / Σ mean length of the two
     * (there is no reference to divide by); 0 where every text compared was empty; absent without a pair.
     */
    static final class ErrorRates implements PairwiseMeasure.Pooled {
        private long charEdits;
        private double charLength;
        private long wordEdits;
        private double wordLength;
        private long pairs;

        void add(List<String> charsA, List<String> charsB, List<String> wordsA, List<String> wordsB) {
            charEdits += edits(charsA, charsB);
            charLength += (charsA.size() + charsB.size()) / 2.0;
            wordEdits += edits(wordsA, wordsB);
            wordLength += (wordsA.size() + wordsB.size()) / 2.0;
            pairs++;
        }

        /** Writes {@code cer} and {@code wer} ({@code name} is the tally's key for the two). */
        @Override
        public void put(Map<String, Double> out, String name) {
            if (pairs == 0) return;
            Agreements.put(out, "cer", charLength == 0 ? 0.0 : charEdits / charLength);
            Agreements.put(out, "wer", wordLength == 0 ? 0.0 : wordEdits / wordLength);
        }
    }

    static String text(@Nullable JsonNode v) {
        return v == null || v.isNull() ? "" : v.asString("");
    }

    /** Levenshtein distance (insertions, deletions, substitutions of one token each). */
    static int edits(List<String> a, List<String> b) {
        int[] prev = new int[b.size() + 1];
        int[] cur = new int[b.size() + 1];
        for (int j = 0; j <= b.size(); j++) prev[j] = j;
        for (int i = 1; i <= a.size(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.size(); j++) {
                int sub = prev[j - 1] + (a.get(i - 1).equals(b.get(j - 1)) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.size()];
    }
}
