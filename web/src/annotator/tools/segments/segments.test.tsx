import { act, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { currentValue, ToolHarness } from '../testing';

// The waveform (wavesurfer.js) needs a real browser: e2e/media.test.mjs drives it. Here it is a stand-in that draws
// a segment on demand, as a drag on the waveform would.
vi.mock('./Waveform', () => ({
  default: (p: { onCreate: (s: number, e: number) => void }) => (
    <button type="button" data-testid="fake-drag" onClick={() => p.onCreate(1.5, 0.25)}>
      drag
    </button>
  ),
}));

const schema = { fields: [{ name: 'speech', type: 'segments', labels: ['A', 'B'], transcript: true, conventions: 'kspon' }] };
// Tool tests render the whole annotator (and load the waveform lazily): slow on a loaded 2-core machine.
const SLOW = 20_000;
const data = { audio: 7, duration: 3 };

beforeEach(() => {
  vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify({ peaks: [0, 0.5, -0.5], duration: 3 }), { headers: { 'content-type': 'application/json' } })));
});
afterEach(() => vi.unstubAllGlobals());

describe('segments tool in the annotator', () => {
  it('a drawn segment gets the current speaker; the transcript is typed through the IME and committed per syllable', async () => {
    const submit = vi.fn();
    render(<ToolHarness schema={schema} data={data} onSubmit={submit} />);
    expect(fetch).toHaveBeenCalledWith('/api/v1/media/7?variant=peaks', expect.anything());
    act(() => void fireEvent.keyDown(document.body, { key: '2', code: 'Digit2' }));
    fireEvent.click(await screen.findByTestId('fake-drag', {}, { timeout: 10_000 }));
    expect(currentValue()).toEqual({ speech: [{ start: 0.25, end: 1.5, label: 'B', transcript: '' }] });

    const box = screen.getByTestId('transcript-speech-0') as HTMLTextAreaElement;
    fireEvent.compositionStart(box);
    fireEvent.change(box, { target: { value: 'ㅇ' } });
    fireEvent.change(box, { target: { value: '안' } });
    // mid-syllable: the answer has not changed, and Enter (keyCode 229) is the IME's, not the page's submit
    expect((currentValue().speech as { transcript: string }[])[0].transcript).toBe('');
    fireEvent.keyDown(box, { key: 'Enter', keyCode: 229 });
    expect(submit).not.toHaveBeenCalled();
    fireEvent.compositionEnd(box, { target: { value: '안' } });
    expect((currentValue().speech as { transcript: string }[])[0].transcript).toBe('안');
    expect(box.value).toBe('안');
  }, SLOW);

  it('the KsponSpeech helpers wrap the selection and add noise tags', () => {
    render(<ToolHarness schema={schema} data={data} initial={{ speech: [{ start: 0, end: 1, label: 'A', transcript: '1시에 만나' }] }} />);
    const box = screen.getByTestId('transcript-speech-0') as HTMLTextAreaElement;
    box.setSelectionRange(0, 2);
    fireEvent.click(screen.getByRole('button', { name: '(spelling)/(pronunciation)' }));
    expect((currentValue().speech as { transcript: string }[])[0].transcript).toBe('(1시)/(1시)에 만나');
    box.setSelectionRange(0, 0);
    fireEvent.click(screen.getByRole('button', { name: 'n/ noise' }));
    expect((currentValue().speech as { transcript: string }[])[0].transcript).toBe('n/ (1시)/(1시)에 만나');
  }, SLOW);

  it('M marks a segment at the playhead; Delete removes the selected one', async () => {
    render(<ToolHarness schema={schema} data={data} initial={{ speech: [{ start: 0, end: 1, label: 'A', transcript: 'x' }] }} />);
    await screen.findByTestId('fake-drag', {}, { timeout: 10_000 });
    act(() => void fireEvent.keyDown(document.body, { key: ']', code: 'BracketRight' }));
    act(() => void fireEvent.keyDown(document.body, { key: 'Delete', code: 'Delete' }));
    expect(currentValue()).toEqual({});
    act(() => void fireEvent.keyDown(document.body, { key: 'm', code: 'KeyM' }));
    expect(screen.getByText('Marking from 0.00 s — M ends it')).toBeInTheDocument();
  }, SLOW);

  it('read-only: transcripts are text, no controls', () => {
    render(<ToolHarness schema={schema} data={data} initial={{ speech: [{ start: 0, end: 1, label: 'A', transcript: '안녕' }] }} readOnly />);
    expect(screen.getByTestId('segment-speech-0')).toHaveTextContent('안녕');
    expect(screen.queryByTestId('transcript-speech-0')).toBeNull();
  }, SLOW);
});
