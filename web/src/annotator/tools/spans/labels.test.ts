import { describe, expect, it } from 'vitest';
import { luminance, normalizeLabels, PALETTE, textColorOn, tint } from './labels';

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

// a11y (issue 15): text on a tag or chip filled with a label's colour meets WCAG AA (4.5:1) for every palette colour
describe('textColorOn', () => {
  const contrast = (color: string, text: string) => {
    const hex = (c: string) => {
      const h = c.length === 4 ? [...c.slice(1)].map((d) => d + d).join('') : c.slice(1);
      return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16)) as [number, number, number];
    };
    const [a, b] = [luminance(hex(color)), luminance(hex(text))].sort((x, y) => y - x);
    return (a + 0.05) / (b + 0.05);
  };

  it('picks black or white so every palette colour reads at 4.5:1 or more', () => {
    for (const color of PALETTE) expect(contrast(color, textColorOn(color)), color).toBeGreaterThanOrEqual(4.5);
    expect(textColorOn('#059669')).toBe('#000'); // LOC: white text was 3.77:1
    expect(textColorOn('#2563eb')).toBe('#fff');
  });

  it('gives a pastel black text and a dark colour white, in any form it can read', () => {
    expect(textColorOn('#fde68a')).toBe('#000');
    expect(textColorOn('#ff8')).toBe('#000');
    expect(textColorOn('rgb(20, 20, 80)')).toBe('#fff');
    expect(textColorOn('#1c2a4a')).toBe('#fff');
    expect(textColorOn('not a colour')).toBe('#000');
  });
});
