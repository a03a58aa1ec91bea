import { act, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { AnnotationResult, LabelSchema, TaskData } from '../../../api/types';
import { AnnotatorStringsProvider } from '../../i18n';
import { Annotator } from '../../Annotator';
import { useAnnotationStore } from '../../core/store';
import { addSpan, nextSpanId, pieces } from './model';

const schema: LabelSchema = {
  fields: [{ name: 'entities', type: 'spans', labels: ['PER', { value: 'ORG', hotkey: 'o', color: '#2563eb' }, 'LOC'] }],
};
const TEXT = '김철수는 삼성전자에 다닌다 👍🏽';

function Harness({ s = schema, data = { text: TEXT }, readOnly = false, initial }: { s?: LabelSchema; data?: TaskData; readOnly?: boolean; initial?: AnnotationResult }) {
  const store = useAnnotationStore(initial);
  return (
    <AnnotatorStringsProvider lang="en">
      <Annotator schema={s} data={data} store={store} readOnly={readOnly} />
      <output data-testid="value">{JSON.stringify(store.value)}</output>
    </AnnotatorStringsProvider>
  );
}

const value = (): AnnotationResult => JSON.parse(screen.getByTestId('value').textContent || '{}');
const key = (el: Element, k: string, opts: Partial<KeyboardEventInit> = {}) => fireEvent.keyDown(el, { key: k, ...opts });
const repeat = (n: number, f: () => void) => Array.from({ length: n }).forEach(f);

describe('spans model', () => {
  it('gives ids s1, s2, … and keeps spans in text order', () => {
    expect(nextSpanId([])).toBe('s1');
    expect(nextSpanId([{ id: 's7', start: 0, end: 1, label: 'A' }, { id: 3, start: 1, end: 2, label: 'A' }])).toBe('s8');
    const res = addSpan([{ id: 's1', start: 5, end: 9, label: 'ORG' }], 0, 3, 'PER', false);
    expect('spans' in res && res.spans.map((s) => s.id)).toEqual(['s2', 's1']);
  });

  it('refuses overlap unless allowed; touching is not overlap', () => {
    const spans = [{ id: 's1', start: 5, end: 9, label: 'ORG' }];
    expect(addSpan(spans, 7, 11, 'LOC', false)).toEqual({ conflict: spans[0] });
    expect('spans' in addSpan(spans, 9, 11, 'LOC', false)).toBe(true);
    expect('spans' in addSpan(spans, 7, 11, 'LOC', true)).toBe(true);
  });

  it('cuts the text at every span and selection edge', () => {
    const p = pieces(10, [{ id: 1, start: 2, end: 6, label: 'A' }, { id: 2, start: 4, end: 8, label: 'B' }], [0, 1]);
    expect(p.map((x) => [x.start, x.end, x.covering.map((s) => s.id)])).toEqual([
      [0, 1, []], [1, 2, []], [2, 4, [1]], [4, 6, [1, 2]], [6, 8, [2]], [8, 10, []],
    ]);
  });
});

describe('spans tool', () => {
  it('draws the text once (the plain viewer leaves it to the tool)', () => {
    render(<Harness />);
    expect(screen.getByRole('textbox', { name: 'Text to mark spans in' })).toHaveTextContent(TEXT);
    expect(screen.queryByTestId('task-text')).toBeNull();
  });

  it('creates spans with the keyboard: Shift+arrows select, the label key marks', () => {
    render(<Harness />);
    const text = screen.getByRole('textbox');
    act(() => text.focus());
    repeat(3, () => key(text, 'ArrowRight', { shiftKey: true }));
    expect(screen.getByText(/Selection: 0–3/)).toBeInTheDocument();
    key(text, '1', { code: 'Digit1' });
    expect(value()).toEqual({ entities: [{ id: 's1', start: 0, end: 3, label: 'PER' }] });

    // → collapses, → moves on; Ctrl+Shift+→ takes the next word up to its particle ("삼성전자|에"); explicit hotkey "o"
    repeat(2, () => key(text, 'ArrowRight'));
    key(text, 'ArrowRight', { ctrlKey: true, shiftKey: true });
    key(text, 'o', { code: 'KeyO' });
    expect(value().entities).toEqual([
      { id: 's1', start: 0, end: 3, label: 'PER' },
      { id: 's2', start: 5, end: 9, label: 'ORG' },
    ]);
    expect(within(screen.getByTestId('span-s2')).getByText('삼성전자')).toBeInTheDocument();
  });

  it('selects an emoji with skin tone as one character; offsets are code points', () => {
    render(<Harness />);
    const text = screen.getByRole('textbox');
    act(() => text.focus());
    key(text, 'End');
    key(text, 'ArrowLeft', { shiftKey: true });
    key(text, '2', { code: 'Digit2' });
    // 👍🏽 is UTF-16 units 17..21 but code points 15..17
    expect(value()).toEqual({ entities: [{ id: 's1', start: 15, end: 17, label: 'LOC' }] });
    expect(screen.getByTestId('span-s1')).toHaveTextContent('👍🏽');
  });

  it('offsets count the NFC text even when the task data is decomposed', () => {
    render(<Harness data={{ text: '한국어 문장'.normalize('NFD') }} />);
    const text = screen.getByRole('textbox');
    expect(text.textContent).toBe('한국어 문장');
    act(() => text.focus());
    repeat(3, () => key(text, 'ArrowRight', { shiftKey: true }));
    key(text, '2', { code: 'Digit2' });
    expect(value()).toEqual({ entities: [{ id: 's1', start: 0, end: 3, label: 'LOC' }] });
  });

  it('marks a mouse selection across drawn pieces, converting DOM offsets', () => {
    render(<Harness initial={{ entities: [{ id: 's1', start: 0, end: 3, label: 'PER' }] }} />);
    const text = screen.getByRole('textbox');
    const pieceAt = (cp: number) => text.querySelector(`[data-cp-start="${cp}"]`)!.firstChild!;
    // from inside "김철수" (after 김) to after "는": a selection that starts in one piece and ends in another
    act(() => {
      text.focus();
      window.getSelection()!.setBaseAndExtent(pieceAt(0), 1, pieceAt(3), 1);
    });
    fireEvent.mouseUp(text);
    key(text, 'o', { code: 'KeyO' });
    expect(screen.getByRole('alert')).toHaveTextContent('Overlaps another span (PER "김철수")');
    expect(value().entities).toHaveLength(1);
  });

  it('a mouse selection over an emoji becomes code point offsets', () => {
    render(<Harness data={{ text: 'a👍🏽b' }} />);
    const text = screen.getByRole('textbox');
    const node = text.querySelector('[data-cp-start="0"]')!.firstChild!;
    // DOM offsets are UTF-16: 1..5 covers the four units of 👍🏽; selected backwards, as a drag to the left gives
    act(() => {
      text.focus();
      window.getSelection()!.setBaseAndExtent(node, 5, node, 1);
    });
    fireEvent.mouseUp(text);
    key(text, '1', { code: 'Digit1' });
    expect(value()).toEqual({ entities: [{ id: 's1', start: 1, end: 3, label: 'PER' }] });
  });

  it('clicking a label with a selection marks it; Delete removes the picked span', async () => {
    const user = userEvent.setup();
    render(<Harness s={{ fields: [{ ...schema.fields[0], allowOverlap: true }] }} />);
    const text = screen.getByRole('textbox');
    act(() => text.focus());
    repeat(4, () => key(text, 'ArrowRight', { shiftKey: true }));
    await user.click(screen.getByRole('button', { name: /PER/ }));
    expect(value().entities).toEqual([{ id: 's1', start: 0, end: 4, label: 'PER' }]);
    // the new span is picked: another label key relabels it, Delete removes it
    key(text, '2', { code: 'Digit2' });
    expect(value().entities).toEqual([{ id: 's1', start: 0, end: 4, label: 'LOC' }]);
    key(text, 'Delete');
    expect(value()).toEqual({});
  });

  it('without a selection a label key explains what to do and does not reach other fields', () => {
    render(<Harness s={{ fields: [schema.fields[0], { name: 'topic', type: 'choice', options: ['a', 'b'] }] }} />);
    const text = screen.getByRole('textbox');
    act(() => text.focus());
    key(text, '1', { code: 'Digit1' });
    expect(screen.getByRole('alert')).toHaveTextContent('Select some text first.');
    expect(value()).toEqual({});
    // outside the text, the same key belongs to the choice field
    fireEvent.keyDown(document.body, { key: '2', code: 'Digit2' });
    expect(value()).toEqual({ topic: 'b' });
  });

  it('ignores keys during IME composition and when read-only', () => {
    const { unmount } = render(<Harness />);
    let text = screen.getByRole('textbox');
    act(() => text.focus());
    key(text, 'ArrowRight', { shiftKey: true, isComposing: true });
    key(text, 'ArrowRight', { shiftKey: true, keyCode: 229 });
    expect(screen.queryByText(/Selection:/)).toBeNull();
    unmount();
    render(<Harness readOnly initial={{ entities: [{ id: 'x', start: 0, end: 3, label: 'PER' }] }} />);
    text = screen.getByRole('textbox');
    act(() => text.focus());
    repeat(2, () => key(text, 'ArrowRight', { shiftKey: true }));
    key(text, '2', { code: 'Digit2' });
    expect(value()).toEqual({ entities: [{ id: 'x', start: 0, end: 3, label: 'PER' }] });
    expect(screen.queryByRole('toolbar')).toBeNull();
    expect(screen.queryByRole('button', { name: /Delete/ })).toBeNull();
  });

  it('says when the task has no text to mark', () => {
    render(<Harness data={{ sentences: ['a'] }} />);
    expect(screen.getByText('This task has no text in data.text.')).toBeInTheDocument();
  });

  // a11y (issue 15): deleting with the keyboard must not drop the focus on the page body
  it('after a delete button removes its span, focus goes to the next delete button, then the text', async () => {
    const user = userEvent.setup();
    const spans = [
      { id: 's1', start: 0, end: 3, label: 'PER' },
      { id: 's2', start: 5, end: 9, label: 'ORG' },
    ];
    render(<Harness initial={{ entities: spans }} />);
    await user.click(screen.getByRole('button', { name: /Delete PER/ }));
    expect(value()).toEqual({ entities: [spans[1]] });
    expect(document.activeElement).toBe(screen.getByRole('button', { name: /Delete ORG/ }));
    await user.keyboard('{Enter}');
    expect(value().entities ?? []).toEqual([]);
    expect(document.activeElement).toBe(screen.getByRole('textbox'));
  });

  it('tags and chips take black or white text by contrast with the label colour', () => {
    render(<Harness s={{ fields: [{ name: 'entities', type: 'spans', labels: [{ value: 'LOC', color: '#059669' }, { value: 'ORG', color: '#1d4ed8' }] }] }} initial={{ entities: [{ id: 's1', start: 0, end: 3, label: 'LOC' }, { id: 's2', start: 5, end: 9, label: 'ORG' }] }} />);
    const chip = (label: string) => screen.getAllByText(label).find((el) => el.classList.contains('spans-chip-label'))!;
    expect(chip('LOC').style.color).toBe('rgb(0, 0, 0)');
    expect(chip('ORG').style.color).toBe('rgb(255, 255, 255)');
  });
});
