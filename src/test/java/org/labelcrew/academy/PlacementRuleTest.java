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
}
