/** Whole won as Koreans write it, whatever the interface language: ₩1,234 (ko-KR, no decimals). */
const WON = new Intl.NumberFormat('ko-KR', { style: 'currency', currency: 'KRW', maximumFractionDigits: 0 });

export function won(amount: number): string {
  return WON.format(amount);
}

/** The current month in Korea (Asia/Seoul), as YYYY-MM: statements are by Korean month. */
export function seoulMonth(now: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Seoul', year: 'numeric', month: '2-digit' }).formatToParts(now);
  const y = parts.find((p) => p.type === 'year')?.value;
  const m = parts.find((p) => p.type === 'month')?.value;
  return `${y}-${m}`;
}
