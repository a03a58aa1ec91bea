import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

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
