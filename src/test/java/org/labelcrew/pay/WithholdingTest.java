package org.labelcrew.pay;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Withholding on business income, every figure computed by hand (see {@link Withholding}). */
class WithholdingTest {

    @Test
    void threePercentAndTenPercentOfItEachRoundedDownToTenWon() {
        // 123,456 × 3 % = 3,703.68 → 3,703 → 3,700; 3,700 × 10 % = 370; 123,456 − 4,070 = 119,386
        assertThat(Withholding.of(123_456)).isEqualTo(new Withholding(123_456, 3_700, 370, 4_070, 119_386));
        // 1,000,000 × 3 % = 30,000; local 3,000; net 967,000
        assertThat(Withholding.of(1_000_000)).isEqualTo(new Withholding(1_000_000, 30_000, 3_000, 33_000, 967_000));
        // 35,550 × 3 % = 1,066.5 → 1,060; 106 → 100; net 35,550 − 1,160 = 34,390
        assertThat(Withholding.of(35_550)).isEqualTo(new Withholding(35_550, 1_060, 100, 1_160, 34_390));
    }

    @Test
    void incomeTaxUnderOneThousandWonIsNotWithheld() {
        // 33,333 × 3 % = 999.99 → 990 < 1,000: 소액부징수, nothing withheld, local tax follows
        assertThat(Withholding.of(33_333)).isEqualTo(new Withholding(33_333, 0, 0, 0, 33_333));
        // 33,340 × 3 % = 1,000.2 → 1,000: withheld; local 100
        assertThat(Withholding.of(33_340)).isEqualTo(new Withholding(33_340, 1_000, 100, 1_100, 32_240));
        assertThat(Withholding.of(500)).isEqualTo(new Withholding(500, 0, 0, 0, 500));
    }

    @Test
    void nothingIsWithheldFromZeroOrLess() {
        assertThat(Withholding.of(0)).isEqualTo(new Withholding(0, 0, 0, 0, 0));
        assertThat(Withholding.of(-5_000)).isEqualTo(new Withholding(-5_000, 0, 0, 0, -5_000));
    }
}
