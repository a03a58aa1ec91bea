import { describe, expect, it } from 'vitest';
import { reasonLabel } from './reasons';

describe('next-task reasons', () => {
  const t = (k: string) => `«${k}»`;

  it('translates every reason the server gives, returned drafts included', () => {
    for (const r of ['rework', 'held-lease', 'returned-draft', 'gold', 'overlap', 'order']) {
      expect(reasonLabel(t, r)).toBe(`«reason.${r}»`);
    }
  });

  it('shows an unknown reason as it came, and nothing for none', () => {
    expect(reasonLabel(t, 'someday')).toBe('someday');
    expect(reasonLabel(t, null)).toBe('');
  });
});
