package org.labelcrew.quality;

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
}
