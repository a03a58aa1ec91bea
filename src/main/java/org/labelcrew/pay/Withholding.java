package org.labelcrew.pay;

/**
 * Withholding on a freelancer's business income (사업소득 원천징수), in whole won:
 * <ul>
 * <li>income tax (소득세) 3 % of the gross, rounded down to 10 won (원 단위 절사: 국고금관리법 §47, amounts under 10 won
 * are dropped);</li>
 * <li>small amounts are not withheld (소액부징수, 소득세법 §86): an income tax under 1,000 won on a payment is 0 — the
 * payment here is one monthly statement;</li>
 * <li>local income tax (지방소득세) 10 % of the income tax (= 0.3 % of the gross), rounded down to 10 won; it follows the
 * income tax, so it is 0 when the income tax is exempt.</li>
 * </ul>
 * A gross of zero or less (adjustments outweighing earnings) withholds nothing. Integer arithmetic only.
 */
public record Withholding(long gross, long incomeTax, long localIncomeTax, long withholding, long net) {

    static final long SMALL_AMOUNT_EXEMPTION = 1_000;

    public static Withholding of(long gross) {
        long incomeTax = gross <= 0 ? 0 : gross * 3 / 100 / 10 * 10;
        if (incomeTax < SMALL_AMOUNT_EXEMPTION) incomeTax = 0;
        long local = incomeTax / 10 / 10 * 10;
        long withholding = incomeTax + local;
        return new Withholding(gross, incomeTax, local, withholding, gross - withholding);
    }
}
