package org.labelcrew.schema.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.labelcrew.schema.LabelSchema;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Every figure against a value computed by hand (or a published worked example), with the edge cases. */
class AgreementTest {

    static final ObjectMapper M = new ObjectMapper();
    final Agreements sut = new Agreements(List.of(new TextAgreements.Choice(), new TextAgreements.Spans(),
            new TextAgreements.Relations(), new TextAgreements.Extractive(), new TextAgreements.Abstractive(),
            new TextAgreements.Text()));

    static JsonNode j(String json) {
        return M.readTree(json);
    }

    static final LabelSchema TOPIC = LabelSchema.of(j("""
            {"fields": [{"name": "topic", "type": "choice", "options": ["x", "y", "z", "1", "2", "3", "4", "5"]}]}"""));

    /** Units of one choice field from rows of category per worker (null: did not annotate). */
    static List<AgreementMeasure.Unit> choices(String[]... perWorker) {
        List<AgreementMeasure.Unit> units = new ArrayList<>();
        for (int u = 0; u < perWorker[0].length; u++) {
            Map<Long, JsonNode> results = new LinkedHashMap<>();
            for (int w = 0; w < perWorker.length; w++) {
                String c = perWorker[w][u];
                if (c != null) results.put((long) w + 1, M.createObjectNode().put("topic", c));
            }
            units.add(new AgreementMeasure.Unit(u, j("{}"), results));
        }
        return units;
    }

    static String[] row(String s) {
        return Arrays.stream(s.split(" ")).map(x -> x.equals(".") ? null : x).toArray(String[]::new);
    }

    Agreements.FieldAgreement topic(List<AgreementMeasure.Unit> units) {
        return sut.agreement(TOPIC, units).get(0);
    }

    @Test
    void cohenKappaOfTheTextbookTable() {
        // 50 items: both yes 20, A yes B no 5, A no B yes 10, both no 15. p_o = 0.7, p_e = 0.5·0.6 + 0.5·0.4 = 0.5.
        StringBuilder a = new StringBuilder();
        StringBuilder b = new StringBuilder();
        add(a, b, "x", "x", 20);
        add(a, b, "x", "y", 5);
        add(a, b, "y", "x", 10);
        add(a, b, "y", "y", 15);
        var f = topic(choices(row(a.toString().strip()), row(b.toString().strip())));
        assertThat(f.items()).isEqualTo(50);
        assertThat(f.measures().get("cohenKappa")).isCloseTo(0.4, within(1e-4));
        assertThat(f.measures().get("observedAgreement")).isCloseTo(0.7, within(1e-4));
        assertThat(f.perPair()).singleElement().satisfies(p -> {
            assertThat(p.a()).isEqualTo(1);
            assertThat(p.b()).isEqualTo(2);
            assertThat(p.items()).isEqualTo(50);
            assertThat(p.measures().get("cohenKappa")).isCloseTo(0.4, within(1e-4));
        });
    }

    private static void add(StringBuilder a, StringBuilder b, String x, String y, int n) {
        for (int i = 0; i < n; i++) {
            a.append(x).append(' ');
            b.append(y).append(' ');
        }
    }

    @Test
    void smallTableByHand() {
        // a = x x y y, b = x y y y. Cohen: p_o 3/4, p_e = ½·¼ + ½·¾ = ½ → 0.5.
        // Fleiss: P̄ = 3/4, p_x = 3/8, p_y = 5/8, P̄e = 34/64 → (0.75 − 0.53125) / 0.46875 = 0.46667.
        // Krippendorff: n = 8, n_x = 3, n_y = 5, Σ_{c≠k} o = 2 → 1 − 7·2 / (2·3·5) = 0.53333.
        var f = topic(choices(row("x x y y"), row("x y y y")));
        assertThat(f.measures().get("cohenKappa")).isCloseTo(0.5, within(1e-4));
        assertThat(f.measures().get("fleissKappa")).isCloseTo(0.46667, within(1e-4));
        assertThat(f.measures().get("krippendorffAlpha")).isCloseTo(0.53333, within(1e-4));
        // Per label "x": yes/no per item: a = yes yes no no, b = yes no no no — the same table, the same κ.
        assertThat(f.perLabel()).extracting(Agreements.LabelAgreement::label).containsExactlyInAnyOrder("x", "y");
        assertThat(f.perLabel().stream().filter(l -> l.label().equals("x")).findFirst().orElseThrow()
                .measures().get("cohenKappa")).isCloseTo(0.5, within(1e-4));
    }

    @Test
    void fleissKappaOfThePublishedExample() {
        // Fleiss (1971) as worked on Wikipedia: 10 subjects, 14 raters, 5 categories; κ = 0.210.
        int[][] table = {{0, 0, 0, 0, 14}, {0, 2, 6, 4, 2}, {0, 0, 3, 5, 6}, {0, 3, 9, 2, 0}, {2, 2, 8, 1, 1},
                {7, 7, 0, 0, 0}, {3, 2, 6, 3, 0}, {2, 5, 3, 2, 2}, {6, 5, 2, 1, 0}, {0, 2, 2, 3, 7}};
        List<List<String>> units = new ArrayList<>();
        for (int[] subject : table) {
            List<String> u = new ArrayList<>();
            for (int c = 0; c < 5; c++) for (int k = 0; k < subject[c]; k++) u.add("c" + c);
            units.add(u);
        }
        assertThat(Chance.fleiss(units)).isCloseTo(0.2099, within(1e-3));
    }

    @Test
    void krippendorffAlphaOfThePublishedExampleWithMissingValues() {
        // Krippendorff, "Computing Krippendorff's alpha-reliability" (2011): 4 observers, 12 units, gaps; nominal α = 0.743.
        var f = topic(choices(row("1 2 3 3 2 1 4 1 2 . . ."), row("1 2 3 3 2 2 4 1 2 5 . 3"),
                row(". 3 3 3 2 3 4 2 2 5 1 ."), row("1 2 3 3 2 4 4 1 2 5 1 .")));
        assertThat(f.measures().get("krippendorffAlpha")).isCloseTo(0.743, within(1e-3));
        // unit 12 has one value only: not pairable, not counted
        assertThat(f.items()).isEqualTo(11);
        assertThat(f.workers()).isEqualTo(4);
        // four workers: Cohen's κ is a figure of pairs only
        assertThat(f.measures()).doesNotContainKey("cohenKappa");
        assertThat(f.perPair()).hasSize(6);
    }

    @Test
    void allAgreeAllDisagreeAndOneAnnotator() {
        var agree = topic(choices(row("x y x"), row("x y x"), row("x y x")));
        assertThat(agree.measures()).containsEntry("fleissKappa", 1.0).containsEntry("krippendorffAlpha", 1.0)
                .containsEntry("observedAgreement", 1.0);
        // one category used by everyone: chance agreement is certain, agreement perfect → 1 by convention
        var same = topic(choices(row("x x"), row("x x")));
        assertThat(same.measures()).containsEntry("cohenKappa", 1.0).containsEntry("fleissKappa", 1.0)
                .containsEntry("krippendorffAlpha", 1.0);
        // all disagree: Cohen p_o 0, p_e ½ → −1; Fleiss the same; α = 1 − 3·4 / (2·2·2) = −0.5
        var disagree = topic(choices(row("x y"), row("y x")));
        assertThat(disagree.measures()).containsEntry("cohenKappa", -1.0).containsEntry("fleissKappa", -1.0)
                .containsEntry("krippendorffAlpha", -0.5);
        // one annotator: nothing to compare — no items, no figures, no pairs
        var alone = topic(choices(row("x y x")));
        assertThat(alone.items()).isZero();
        assertThat(alone.measures()).isEmpty();
        assertThat(alone.perPair()).isEmpty();
        // no units at all
        assertThat(topic(List.of()).measures()).isEmpty();
    }

    static final LabelSchema ENTS = LabelSchema.of(j("""
            {"fields": [{"name": "ents", "type": "spans", "labels": ["PER", "ORG"]},
                        {"name": "rels", "type": "relations", "between": "ents", "labels": ["works_at"]}]}"""));

    static AgreementMeasure.Unit unit(long id, String... results) {
        Map<Long, JsonNode> m = new LinkedHashMap<>();
        for (int i = 0; i < results.length; i++) m.put((long) i + 1, j(results[i]));
        return new AgreementMeasure.Unit(id, j("{}"), m);
    }

    @Test
    void spanF1ExactAndOverlapWithEmptySpans() {
        // Item 1: A {PER 0-3, ORG 5-9}, B {PER 0-3, ORG 5-8}: exact 1 match, overlap 2 matches, sizes 4.
        // Item 2: both empty: agree, adds nothing to the pooled counts.
        // Item 3: A {PER 1-2}, B none: sizes 1, no match.
        // exact = 2·1 / 5 = 0.4; overlap = 2·2 / 5 = 0.8
        var units = List.of(
                unit(1, """
                        {"ents": [{"id": "1", "start": 0, "end": 3, "label": "PER"}, {"id": "2", "start": 5, "end": 9, "label": "ORG"}]}""",
                        """
                        {"ents": [{"id": "a", "start": 0, "end": 3, "label": "PER"}, {"id": "b", "start": 5, "end": 8, "label": "ORG"}]}"""),
                unit(2, "{\"ents\": []}", "{}"),
                unit(3, "{\"ents\": [{\"id\": \"1\", \"start\": 1, \"end\": 2, \"label\": \"PER\"}]}", "{\"ents\": []}"));
        var f = sut.agreement(ENTS, units).get(0);
        assertThat(f.items()).isEqualTo(3);
        assertThat(f.measures()).containsEntry("spanF1Exact", 0.4).containsEntry("spanF1Overlap", 0.8);
        // per label: PER exact 2·1/3, ORG exact 0/2 overlap 2/2
        var per = f.perLabel().stream().collect(java.util.stream.Collectors.toMap(Agreements.LabelAgreement::label,
                Agreements.LabelAgreement::measures));
        assertThat(per.get("PER").get("spanF1Exact")).isCloseTo(2 / 3.0, within(1e-4));
        assertThat(per.get("ORG")).containsEntry("spanF1Exact", 0.0).containsEntry("spanF1Overlap", 1.0);
        // everyone left every item empty: full agreement
        var empty = sut.agreement(ENTS, List.of(unit(1, "{\"ents\": []}", "{}"))).get(0);
        assertThat(empty.measures()).containsEntry("spanF1Exact", 1.0).containsEntry("spanF1Overlap", 1.0);
        // one annotator: no figures
        assertThat(sut.agreement(ENTS, List.of(unit(1, "{\"ents\": []}"))).get(0).measures()).isEmpty();
    }

    @Test
    void overlapMatchesOneToOne() {
        // A's one long span overlaps both of B's: only one may match. 2·1 / 3.
        var u = unit(1, "{\"ents\": [{\"id\": \"1\", \"start\": 0, \"end\": 10, \"label\": \"PER\"}]}",
                "{\"ents\": [{\"id\": \"1\", \"start\": 0, \"end\": 4, \"label\": \"PER\"}, {\"id\": \"2\", \"start\": 5, \"end\": 9, \"label\": \"PER\"}]}");
        assertThat(sut.agreement(ENTS, List.of(u)).get(0).measures().get("spanF1Overlap")).isCloseTo(2 / 3.0, within(1e-4));
    }

    @Test
    void relationF1MatchesEndsByPositionNotId() {
        // Same relation with different span ids → match; B has one more relation: 2·1 / 3.
        var u = unit(1, """
                {"ents": [{"id": "1", "start": 0, "end": 3, "label": "PER"}, {"id": "2", "start": 5, "end": 9, "label": "ORG"}],
                 "rels": [{"from": "1", "to": "2", "label": "works_at"}]}""", """
                {"ents": [{"id": "p", "start": 0, "end": 3, "label": "PER"}, {"id": "q", "start": 5, "end": 9, "label": "ORG"}],
                 "rels": [{"from": "p", "to": "q", "label": "works_at"}, {"from": "q", "to": "p", "label": "works_at"}]}""");
        var f = sut.agreement(ENTS, List.of(u)).get(1);
        assertThat(f.measures().get("relationF1")).isCloseTo(2 / 3.0, within(1e-4));
    }

    @Test
    void summariesAndText() {
        var schema = LabelSchema.of(j("""
                {"fields": [{"name": "sum", "type": "abstractive"}, {"name": "ext", "type": "extractive"},
                            {"name": "note", "type": "text"}, {"name": "box", "type": "boxes"}]}"""));
        // sum: tokens 가 나 다 vs 가 다: LCS 2, P 2/3, R 1 → F 0.8. ext: {0,1} vs {1}: 2·1/3.
        // note: "abc def" vs "abd def": 1 char edit over mean length 7 → 1/7; words: 1 of 2 → 0.5.
        var u = unit(1, "{\"sum\": \"가나다\", \"ext\": [0, 1], \"note\": \"abc def\", \"box\": [{}]}",
                "{\"sum\": \"가 다\", \"ext\": [1], \"note\": \"abd def\"}");
        var f = sut.agreement(schema, List.of(u, unit(2, "{\"note\": \"같다\"}", "{\"note\": \" 같다 \"}")));
        // item 2: both left the summary empty, which agrees (1): mean (0.8 + 1) / 2
        assertThat(f.get(0).measures().get("rougeL")).isCloseTo(0.9, within(1e-4));
        assertThat(f.get(1).measures().get("sentenceF1")).isCloseTo(2 / 3.0, within(1e-4));
        // pooled over both items: chars 1 / (7 + 2), words 1 / (2 + 1); one of two pairs exact
        assertThat(f.get(2).measures().get("cer")).isCloseTo(1 / 9.0, within(1e-4));
        assertThat(f.get(2).measures().get("wer")).isCloseTo(1 / 3.0, within(1e-4));
        assertThat(f.get(2).measures()).containsEntry("exactMatch", 0.5);
        // a type without a measure yet is listed, unmeasured
        assertThat(f.get(3).measured()).isFalse();
        assertThat(f.get(3).measures()).isEmpty();
    }

    @Test
    void multipleChoiceIsTheSetOfOptions() {
        var tags = LabelSchema.of(j("""
                {"fields": [{"name": "tags", "type": "choice", "multiple": true, "options": ["a", "b"]}]}"""));
        // {a,b} = {b,a} agree; {a} vs {a,b} disagree. Per label "a": yes/yes twice → perfect.
        var f = sut.agreement(tags, List.of(unit(1, "{\"tags\": [\"a\", \"b\"]}", "{\"tags\": [\"b\", \"a\"]}"),
                unit(2, "{\"tags\": [\"a\"]}", "{\"tags\": [\"a\", \"b\"]}"))).get(0);
        assertThat(f.measures()).containsEntry("observedAgreement", 0.5);
        assertThat(f.perLabel().stream().filter(l -> l.label().equals("a")).findFirst().orElseThrow().measures())
                .containsEntry("observedAgreement", 1.0);
    }
}
