import { describe, expect, it } from 'vitest';
import { normalizeLabels, PALETTE, tint } from './labels';

describe('tint', () => {
  it('keeps all six hex digits of #rrggbb (LOC under a red tag is red, not yellow)', () => {
    expect(tint('#dc2626')).toBe('rgba(220, 38, 38, 0.22)');
    expect(tint('#2563eb', 0.12)).toBe('rgba(37, 99, 235, 0.12)');
    // PER and ORG of the default palette are told apart.
    expect(tint(PALETTE[0])).not.toBe(tint(PALETTE[1]));
  });

  it('expands #rgb, ignores case and spaces', () => {
    expect(tint('#f80')).toBe('rgba(255, 136, 0, 0.22)');
    expect(tint(' #DC2626 ')).toBe('rgba(220, 38, 38, 0.22)');
  });

  it('lets the browser tint any other colour instead of guessing digits', () => {
    expect(tint('#12345')).toBe('color-mix(in srgb, #12345 22%, transparent)');
    expect(tint('red', 0.12)).toBe('color-mix(in srgb, red 12%, transparent)');
  });

  it('gives each default label its own palette colour', () => {
    const [per, org, loc] = normalizeLabels(['PER', 'ORG', 'LOC']);
    expect([per.color, org.color, loc.color]).toEqual(PALETTE.slice(0, 3));
  });
});
