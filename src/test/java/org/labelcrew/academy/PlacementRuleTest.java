package org.labelcrew.academy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.labelcrew.academy.Placements.Candidate;
import org.labelcrew.academy.Placements.Decision;
import org.labelcrew.academy.Placements.Reason;
import org.labelcrew.academy.Placements.Rules;

class PlacementRuleTest {

    static final Instant T = Instant.parse("2026-03-01T10:00:00Z");

    static Candidate done(long id, double score, int minute) {
        return new Candidate(id, true, 1.0, score, T.plusSeconds(60L * minute));
    }

    static Map<Long, Decision> byAccount(List<Decision> ds) {
        return ds.stream().collect(Collectors.toMap(Decision::accountId, Function.identity()));
    }

    @Test
    void topScoresBecomeReviewersThenLabelersUpToQuotasAndMinimums() {
        List<Candidate> cs = List.of(done(1, 95, 1), done(2, 88, 2), done(3, 91, 3), done(4, 75, 4), done(5, 72, 5),
                done(6, 60, 6));
        var d = byAccount(Placements.decide(cs, new Rules(2, 85, 2, 70, 0.8)));
        assertThat(d.get(1L).role()).isEqualTo("REVIEWER");
        assertThat(d.get(3L).role()).isEqualTo("REVIEWER");
        assertThat(d.get(2L).role()).isEqualTo("LABELER"); // 88 ≥ 85 but both reviewer seats are taken
        assertThat(d.get(2L).why()).contains("Rank 3 of 6").contains("reviewer seats taken");
        assertThat(d.get(4L).role()).isEqualTo("LABELER");
        assertThat(d.get(5L).role()).isEqualTo("NONE"); // labeler seats full
        assertThat(d.get(5L).why()).contains("labeler seats taken");
        assertThat(d.get(6L).role()).isEqualTo("NONE");
        assertThat(d.get(6L).why()).contains("below the labeler minimum 70");
    }

    @Test
    void tiesGoToTheEarlierSubmission() {
        var d = byAccount(Placements.decide(List.of(done(7, 90, 30), done(8, 90, 10)), new Rules(1, 80, 0, 80, 0.8)));
        assertThat(d.get(8L).role()).isEqualTo("REVIEWER");
        assertThat(d.get(8L).rank()).isEqualTo(1);
        assertThat(d.get(7L).role()).isEqualTo("NONE");
    }

    @Test
    void aHighScorerBelowTheReviewerMinimumCanStillBeALabeler() {
        var d = byAccount(Placements.decide(List.of(done(1, 80, 1)), new Rules(5, 85, 5, 70, 0.8)));
        assertThat(d.get(1L).role()).isEqualTo("LABELER");
        assertThat(d.get(1L).why()).contains("below the reviewer minimum 85");
    }

    @Test
    void thoseWhoDidNotCompleteOrTakeTheExamAreNotPlacedAndToldWhy() {
        var d = byAccount(Placements.decide(List.of(new Candidate(1, false, 0.5, 99.0, T), new Candidate(2, true, 1, null, null)),
                new Rules(5, 0, 5, 0, 0.8)));
        assertThat(d.get(1L).role()).isEqualTo("NONE");
        assertThat(d.get(1L).why()).contains("Attended 50%").contains("80% needed");
        assertThat(d.get(2L).role()).isEqualTo("NONE");
        assertThat(d.get(2L).why()).contains("no exam");
    }

    @Test
    void keptPlacementsHoldSeatsAndKeepTheirRankButGetNoNewDecision() {
        List<Candidate> cs = List.of(done(1, 95, 1), done(2, 90, 2), done(3, 70, 3), done(4, 65, 4));
        // 3 accepted a labeler seat in an earlier run; 2 reviewer seats, 2 labeler seats now.
        var d = byAccount(Placements.decide(cs, new Rules(2, 85, 2, 60, 0.8), Map.of(3L, "LABELER")));
        assertThat(d).doesNotContainKey(3L);
        assertThat(d.get(1L).why()).contains("reviewer seat 1 of 2");
        assertThat(d.get(2L).why()).contains("reviewer seat 2 of 2");
        assertThat(d.get(4L).role()).isEqualTo("LABELER");
        assertThat(d.get(4L).rank()).as("the kept person still counts in the ranking").isEqualTo(4);
        assertThat(d.get(4L).why()).contains("Rank 4 of 4").contains("labeler seat 2 of 2");
    }

    @Test
    void whenKeptPlacementsFillOrExceedAQuotaNobodyElseGetsThatRoleAndIsToldWhy() {
        List<Candidate> cs = List.of(done(1, 99, 1), done(2, 98, 2), done(3, 97, 3), done(4, 96, 4));
        var d = byAccount(Placements.decide(cs, new Rules(1, 90, 1, 50, 0.8), Map.of(1L, "REVIEWER", 2L, "REVIEWER")));
        assertThat(d.get(3L).role()).isEqualTo("LABELER");
        assertThat(d.get(3L).why()).contains("no reviewer seat left: 2 kept reviewer placements (accepted or overridden)"
                + " already exceed the quota of 1").contains("labeler seat 1 of 1");
        assertThat(d.get(4L).role()).isEqualTo("NONE");
        assertThat(d.get(4L).why()).contains("all 1 labeler seats taken by higher ranks");

        var full = byAccount(Placements.decide(cs, new Rules(0, 90, 1, 50, 0.8), Map.of(1L, "LABELER")));
        assertThat(full.get(2L).role()).isEqualTo("NONE");
        assertThat(full.get(2L).why()).contains("no labeler seat left: 1 kept labeler placement (accepted or overridden)"
                + " fills the quota of 1");
    }

    @Test
    void aQuotaOfZeroSaysThereAreNoSeatsNotThatHigherRanksTookThem() {
        var d = byAccount(Placements.decide(List.of(done(1, 99, 1), done(2, 40, 2)), new Rules(0, 90, 1, 50, 0.8)));
        assertThat(d.get(1L).role()).isEqualTo("LABELER");
        assertThat(d.get(1L).why()).contains("no reviewer seats in this run (the quota is 0)").doesNotContain("all 0");
        assertThat(d.get(1L).reasons()).extracting(Reason::code)
                .containsExactly("placement.rank", "placement.noSeats", "placement.seat");
        assertThat(d.get(1L).reasons().get(1).params()).containsEntry("role", "REVIEWER");
    }

    @Test
    void everyDecisionCarriesItsReasonsAsCodesWithParameters() {
        List<Candidate> cs = List.of(done(1, 95, 1), done(2, 88, 2), done(3, 60, 3));
        var d = byAccount(Placements.decide(cs, new Rules(1, 85, 1, 70, 0.8)));
        assertThat(d.get(1L).reasons()).extracting(Reason::code).containsExactly("placement.rank", "placement.seat");
        assertThat(d.get(1L).reasons().get(0).params()).containsEntry("rank", 1).containsEntry("of", 3).containsEntry("score", 95.0);
        assertThat(d.get(1L).reasons().get(1).params()).containsEntry("role", "REVIEWER").containsEntry("seat", 1)
                .containsEntry("quota", 1).containsEntry("min", 85.0);
        assertThat(d.get(2L).reasons()).extracting(Reason::code)
                .containsExactly("placement.rank", "placement.seatsTaken", "placement.seat");
        assertThat(d.get(3L).reasons()).extracting(Reason::code)
                .containsExactly("placement.rank", "placement.belowMinimum", "placement.belowMinimum", "placement.mayRetake");
        var absent = byAccount(Placements.decide(List.of(new Candidate(4, false, 0.5, null, null)), new Rules(1, 85, 1, 70, 0.8)));
        assertThat(absent.get(4L).reasons()).containsExactly(Reason.of("placement.attendance", "attended", 50L, "needed", 80L));
    }

    @Test
    void keptReasonsCarryTheKeptDecisionOnceAndRowsFromBeforeCodesKeepTheirText() {
        Rules rules = new Rules(1, 90, 1, 50, 0.8);
        List<Reason> decision = List.of(Reason.of("placement.rank", "rank", 1, "of", 3, "score", 99.0));
        var accepted = new Placements.Existing(7, 1, "REVIEWER", "Rank 1 of 3 with best exam score 99", false,
                Instant.parse("2026-03-02T09:30:00Z"), 1, decision);
        List<Reason> once = Placements.keptReasons(accepted, 1, rules);
        assertThat(once).extracting(Reason::code)
                .containsExactly("placement.keptAccepted", "placement.keptSeat", "placement.keptDecision", "placement.rank");
        var again = new Placements.Existing(7, 1, "REVIEWER", "…", false, accepted.acceptedAt(), 1, once);
        assertThat(Placements.keptReasons(again, 2, rules)).extracting(Reason::code)
                .containsExactly("placement.keptAccepted", "placement.beyondQuotaAccepted", "placement.keptDecision", "placement.rank");
        var legacy = new Placements.Existing(8, 2, "LABELER", "Rank 2 of 3 with best exam score 80", true, null, null);
        assertThat(Placements.keptReasons(legacy, 1, rules)).last()
                .isEqualTo(Reason.of("placement.text", "text", "Rank 2 of 3 with best exam score 80"));
    }

    @Test
    void aKeptNoneOverrideHoldsNoSeat() {
        List<Candidate> cs = List.of(done(1, 99, 1), done(2, 98, 2));
        var d = byAccount(Placements.decide(cs, new Rules(1, 90, 0, 50, 0.8), Map.of(1L, "NONE")));
        assertThat(d.get(2L).role()).isEqualTo("REVIEWER");
        assertThat(d.get(2L).why()).contains("reviewer seat 1 of 1");
    }

    @Test
    void theWhyOfAKeptPlacementSaysWhenItWasAcceptedAndDoesNotGrowRunAfterRun() {
        Rules rules = new Rules(1, 90, 1, 50, 0.8);
        var accepted = new Placements.Existing(7, 1, "REVIEWER", "Rank 1 of 3 with best exam score 99", false,
                Instant.parse("2026-03-02T09:30:00Z"), 1);
        String once = Placements.keptWhy(accepted, 1, rules);
        assertThat(once).isEqualTo("Accepted on 2026-03-02 09:30 UTC (agreement v1); kept as REVIEWER, reviewer seat 1 of 1"
                + " | kept decision: Rank 1 of 3 with best exam score 99");
        var again = new Placements.Existing(7, 1, "REVIEWER", once, false, accepted.acceptedAt(), 1);
        assertThat(Placements.keptWhy(again, 2, rules)).isEqualTo("Accepted on 2026-03-02 09:30 UTC (agreement v1); kept as"
                + " REVIEWER, beyond the reviewer quota of 1 (an accepted placement is never undone)"
                + " | kept decision: Rank 1 of 3 with best exam score 99");
        var override = new Placements.Existing(8, 2, "LABELER", "Set to LABELER by mgr: 실습 우수 (the rule said NONE: …)",
                true, null, null);
        assertThat(Placements.keptWhy(override, 1, rules)).startsWith("Manual override kept (not accepted yet) as LABELER,"
                + " labeler seat 1 of 1 | kept decision: Set to LABELER by mgr: 실습 우수");
    }
}
