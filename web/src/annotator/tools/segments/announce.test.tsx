import { fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { currentValue, ToolHarness } from '../testing';

// The waveform needs a real browser (e2e/media.test.mjs); a stand-in makes a segment as a drag (or M, M) would.
vi.mock('./Waveform', () => ({
  default: (p: { onCreate: (s: number, e: number) => void }) => (
    <button type="button" data-testid="fake-drag" onClick={() => p.onCreate(0.25, 1.5)}>
      drag
    </button>
  ),
}));

beforeEach(() => {
  vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify({ peaks: [0, 0.5, -0.5], duration: 3 }), { headers: { 'content-type': 'application/json' } })));
});
afterEach(() => vi.unstubAllGlobals());

describe('segments: a new segment is announced', () => {
  it('says which segment, whose and where in the live region', async () => {
    render(<ToolHarness schema={{ fields: [{ name: 'speech', type: 'segments', labels: ['A', 'B'] }] }} data={{ audio: 7, duration: 3 }} />);
    fireEvent.click(await screen.findByTestId('fake-drag', {}, { timeout: 10_000 }));
    expect(currentValue()).toEqual({ speech: [{ start: 0.25, end: 1.5, label: 'A' }] });
    expect(document.querySelector('.media-status[aria-live="polite"]')).toHaveTextContent('Segment 1, A, 0:00.25–0:01.50');
  }, 20_000);
});
