import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The annotator stays free of the app shell and the feature pages (as CVAT's canvas stays free of its React app):
 * it takes its words through its own context (./i18n) and its types from api/. Any import, re-export or dynamic
 * import of src/app or src/features from a file under src/annotator fails here.
 */
const self = fileURLToPath(import.meta.url);
const here = dirname(self);
const src = resolve(here, '..');
const FORBIDDEN = ['app', 'features'].map((d) => join(src, d));

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : /\.(ts|tsx|js|jsx|mts)$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

/** Every module specifier a file names: `from '…'`, `import '…'`, `import('…')`, `require('…')`. */
export function specifiers(code: string): string[] {
  const out: string[] = [];
  for (const m of code.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)['"]([^'"]+)['"]/g)) out.push(m[1]);
  return out;
}

export function forbiddenImports(file: string, code: string): string[] {
  return specifiers(code).filter((s) => {
    if (!s.startsWith('.') && !s.startsWith('/') && !s.startsWith('src/')) return false;
    const target = s.startsWith('src/') ? resolve(src, '..', s) : resolve(dirname(file), s);
    return FORBIDDEN.some((d) => target === d || target.startsWith(d + sep));
  });
}

describe('the annotator’s boundary', () => {
  it('no file under src/annotator imports from src/app or src/features', () => {
    // This file is left out: its own examples below name the forbidden folders.
    const offenders = files(here).filter((f) => f !== self).flatMap((f) => forbiddenImports(f, readFileSync(f, 'utf8')).map((s) => `${relative(src, f)} → ${s}`));
    expect(offenders).toEqual([]);
  });

  it('the check sees the ways a file can import', () => {
    const f = join(here, 'tools', 'choice', 'X.tsx');
    expect(forbiddenImports(f, "import { useT } from '../../../app/i18n';")).toHaveLength(1);
    expect(forbiddenImports(f, "export { x } from '../../../features/labeling/reasons';")).toHaveLength(1);
    expect(forbiddenImports(f, "const m = await import('../../../app/messages');")).toHaveLength(1);
    expect(forbiddenImports(f, "import '../../../app/styles.css';")).toHaveLength(1);
    expect(forbiddenImports(f, "import type { LabelSchema } from '../../../api/types';")).toEqual([]);
    expect(forbiddenImports(f, "import { useAnnotatorText } from '../../i18n';")).toEqual([]);
    expect(forbiddenImports(f, "import { useState } from 'react';")).toEqual([]);
  });
});
