import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { luminance } from './annotator/tools/spans/labels';

/**
 * jsdom lays nothing out, so the table rules are checked as written: the declarations that apply to a selector,
 * merged in file order (enough for the flat rules of styles.css).
 */
const css = readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'styles.css'), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');

function declarations(selector: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of css.matchAll(/([^{}]+)\{([^{}]*)\}/g)) {
    const selectors = m[1].split(',').map((s) => s.trim());
    if (!selectors.includes(selector)) continue;
    for (const d of m[2].split(';')) {
      const i = d.indexOf(':');
      if (i > 0) out[d.slice(0, i).trim()] = d.slice(i + 1).trim();
    }
  }
  return out;
}

describe('narrow tables', () => {
  it('keep numbers whole ("10/10" never becomes "10/" over "10")', () => {
    expect(declarations('.table .num')['white-space']).toBe('nowrap');
  });

  it('break Korean text between words only and never squeeze a word to a letter a line', () => {
    // The body's overflow-wrap: anywhere would let a cell's min-content width fall to one character.
    expect(declarations('body')['overflow-wrap']).toBe('anywhere');
    expect(declarations('.table td')['overflow-wrap']).toBe('normal');
    expect(declarations('.table td')['word-break']).toBe('keep-all');
  });

  it('scroll inside their box when wider than it', () => {
    expect(declarations('.table-scroll')['overflow-x']).toBe('auto');
    expect(declarations('.card:has(> .table)')['overflow-x']).toBe('auto');
  });
});

// a11y (issue 15): the colour variables keep WCAG AA contrast (the browser gate checks the screens; this names the cause)
describe('colour contrast of the variables', () => {
  const root = declarations(':root');
  const hex = (c: string): [number, number, number] => {
    const h = c.replace('#', '');
    return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16)) as [number, number, number];
  };
  const contrast = (a: string, b: string) => {
    const [x, y] = [luminance(hex(a)), luminance(hex(b))].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  };

  it('warning text reads at 4.5:1 on its background and on white', () => {
    expect(contrast(root['--warn'], root['--warn-soft'])).toBeGreaterThanOrEqual(4.5);
    expect(contrast(root['--warn'], '#ffffff')).toBeGreaterThanOrEqual(4.5);
  });

  it('the focus ring stands out at 3:1 against white, the page background and the header', () => {
    for (const bg of ['#ffffff', root['--bg'], root['--surface'], '#1c2a4a']) expect(contrast(root['--focus'], bg)).toBeGreaterThanOrEqual(3);
  });
});
