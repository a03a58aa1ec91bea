import { afterEach, describe, expect, it } from 'vitest';
import { formatClock, formatDateTime, formatDay, isInstant } from './datetime';
import { sayCode } from './serverText';

// 2026-12-01 12:30 UTC is 21:30 in Seoul, 07:30 in New York.
const AT = '2026-12-01T12:30:00Z';
const savedTz = process.env.TZ;

afterEach(() => {
  process.env.TZ = savedTz;
});

describe('server times in the reader\'s language and zone', () => {
  it('formats in an explicit zone, in each language, without a UTC suffix', () => {
    const ko = formatDateTime('ko', AT, { timeZone: 'Asia/Seoul' });
    expect(ko).toContain('2026');
    expect(ko).toContain('9:30');
    expect(ko).not.toContain('UTC');
    const en = formatDateTime('en', AT, { timeZone: 'America/New_York' });
    expect(en).toBe('1 Dec 2026, 07:30');
    expect(formatDay('en', AT, { timeZone: 'Pacific/Kiritimati' })).toBe('2 Dec 2026'); // UTC+14: already tomorrow
    expect(formatClock('en', AT, { timeZone: 'Asia/Seoul' })).toBe('21:30');
  });

  it('uses the zone of the machine it runs on when none is given (process.env.TZ)', () => {
    process.env.TZ = 'Asia/Seoul';
    expect(formatDateTime('en', AT)).toBe('1 Dec 2026, 21:30');
    process.env.TZ = 'America/New_York';
    expect(formatDateTime('en', AT)).toBe('1 Dec 2026, 07:30');
  });

  it('says nothing for no time and keeps what it cannot read', () => {
    expect(formatDateTime('ko', null)).toBe('—');
    expect(formatDateTime('ko', '')).toBe('—');
    expect(formatDateTime('en', 'soon')).toBe('soon');
  });

  it('recognises instants among server parameters', () => {
    expect(isInstant(AT)).toBe(true);
    expect(isInstant('2026-12-01T12:30:00.123456Z')).toBe(true);
    expect(isInstant('2026-12-01T21:30+09:00')).toBe(true);
    expect(isInstant('2026-12')).toBe(false);
    expect(isInstant(42)).toBe(false);
  });

  it('formats the instants inside server-coded sentences in the reader\'s zone (was UTC)', () => {
    const said = sayCode('en', 'academy.cohortCompleted', { cohortId: 3, at: AT }, 'fallback', { timeZone: 'Asia/Seoul' });
    expect(said).toContain('1 Dec 2026, 21:30');
    expect(said).not.toContain('UTC');
    process.env.TZ = 'America/New_York';
    expect(sayCode('en', 'academy.cohortCompleted', { cohortId: 3, at: AT }, 'fallback')).toContain('07:30');
  });
});
