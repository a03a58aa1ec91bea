package org.labelcrew.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Plans checked against ISO 2859-1 Tables 1 and 2-A (single sampling, normal inspection, level II). */
class AcceptanceSamplingTest {

    static String plan(long lot, double aql) {
        AcceptanceSampling.Plan p = AcceptanceSampling.plan(lot, aql);
        return p.letter() + " " + p.sampleSize() + " " + p.accept() + "/" + p.reject();
    }

    @Test
    void codeLettersFromTheLotSize() {
        assertThat(AcceptanceSampling.letter(8)).isEqualTo("A");
        assertThat(AcceptanceSampling.letter(9)).isEqualTo("B");
        assertThat(AcceptanceSampling.letter(500)).isEqualTo("H");
        assertThat(AcceptanceSampling.letter(501)).isEqualTo("J");
        assertThat(AcceptanceSampling.letter(1200)).isEqualTo("J");
        assertThat(AcceptanceSampling.letter(10_000)).isEqualTo("L");
        assertThat(AcceptanceSampling.letter(500_001)).isEqualTo("Q");
    }

    @Test
    void lotOf1000AcrossTheAqls() {
        // Letter J, n = 80, as the table gives it for the common AQLs.
        assertThat(plan(1000, 0.65)).isEqualTo("J 80 1/2");
        assertThat(plan(1000, 1.0)).isEqualTo("J 80 2/3");
        assertThat(plan(1000, 1.5)).isEqualTo("J 80 3/4");
        assertThat(plan(1000, 2.5)).isEqualTo("J 80 5/6");
        assertThat(plan(1000, 4.0)).isEqualTo("J 80 7/8");
        assertThat(plan(1000, 6.5)).isEqualTo("J 80 10/11");
        // 0.40 at J is an arrow down to K: n = 125, 1/2.
        assertThat(plan(1000, 0.40)).isEqualTo("J 125 1/2");
        // 0.25 at J: the Ac 0 plan is one letter up (↑ from the diagonal after it): n = 50, 0/1.
        assertThat(plan(1000, 0.25)).isEqualTo("J 50 0/1");
    }

    @Test
    void arrowsAtTheEdgesAndSmallLots() {
        // A small lot at a tight AQL: the arrow down leads to a sample larger than the lot → every item.
        assertThat(plan(20, 0.65)).isEqualTo("C 20 0/1");
        // A generous AQL at a large letter: past 21/22 the arrow points up to it.
        assertThat(plan(200_000, 10)).isEqualTo("P 125 21/22");
        assertThat(AcceptanceSampling.accepts(AcceptanceSampling.plan(1000, 2.5), 5)).isTrue();
        assertThat(AcceptanceSampling.accepts(AcceptanceSampling.plan(1000, 2.5), 6)).isFalse();
        assertThatThrownBy(() -> AcceptanceSampling.plan(1000, 3.0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AcceptanceSampling.plan(1, 1.0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theTablesEdgeRowsPointBackIntoTheTable() {
        // Row A has no row above: A at 10 is ↓ (to B, again ↓) to C's 1/2, n = 5. Fails with an index of -1 without the fix.
        assertThat(plan(8, 10)).isEqualTo("A 5 1/2");
        // Row R (a level II lot never names it, but an arrow leads there): Q at 0.025 is ↓ to R, n = 2000, 1/2.
        assertThat(plan(600_000, 0.025)).isEqualTo("Q 2000 1/2");
        // Q at 0.015 is ↑ to P's 0/1, n = 800.
        assertThat(plan(600_000, 0.015)).isEqualTo("Q 800 0/1");
        // Hand-read cells of Table 2-A along the Ac 0 diagonal and its two arrows.
        assertThat(plan(8, 6.5)).isEqualTo("A 2 0/1");
        assertThat(plan(15, 6.5)).isEqualTo("B 2 0/1");
        assertThat(plan(25, 6.5)).isEqualTo("C 8 1/2");
        assertThat(plan(15, 10)).isEqualTo("B 5 1/2");
        assertThat(plan(600_000, 0.010)).isEqualTo("Q 1250 0/1");
        assertThat(plan(300, 0.25)).isEqualTo("H 50 0/1");
    }

    @Test
    void everyCellHasAPlan() {
        for (long lot : new long[] {8, 15, 25, 50, 90, 150, 280, 500, 1200, 3200, 10_000, 35_000, 150_000, 500_000, 600_000}) {
            for (double aql : AcceptanceSampling.AQLS) {
                AcceptanceSampling.Plan p = AcceptanceSampling.plan(lot, aql);
                assertThat(p.reject()).isEqualTo(p.accept() + 1);
                assertThat(p.sampleSize()).isBetween(2, 2000);
            }
        }
    }
}
