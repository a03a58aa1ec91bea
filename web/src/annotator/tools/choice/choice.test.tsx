import { act, fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useEffect } from 'react';
import { describe, expect, it } from 'vitest';
import type { AnnotationResult, LabelSchema } from '../../../api/types';
import { AnnotatorStringsProvider } from '../../i18n';
import { Annotator } from '../../Annotator';
import { useAnnotationStore, type AnnotationStore } from '../../core/store';
import { handleChoiceKey, normalizeOptions } from './options';

const single: LabelSchema = { fields: [{ name: 'sentiment', type: 'choice', options: ['긍정', '부정', '중립'], multiple: false, required: true }] };
const multi: LabelSchema = {
  fields: [{ name: 'topics', type: 'choice', options: ['정치', '경제', { value: '사회', hotkey: 'x', label: 'Society' }], multiple: true }],
};

function Harness({ schema, readOnly = false, onStore }: { schema: LabelSchema; readOnly?: boolean; onStore?: (s: AnnotationStore) => void }) {
  const store = useAnnotationStore();
  useEffect(() => {
    onStore?.(store);
  });
  return (
    <AnnotatorStringsProvider lang="en">
      <input aria-label="elsewhere" />
      <Annotator schema={schema} data={{ text: '오늘 날씨가 좋다' }} store={store} readOnly={readOnly} />
      <output data-testid="value">{JSON.stringify(store.value)}</output>
    </AnnotatorStringsProvider>
  );
}

const value = (): AnnotationResult => JSON.parse(screen.getByTestId('value').textContent || '{}');

describe('choice options', () => {
  it('default hotkeys are 1..9 then a..z in option order', () => {
    const opts = normalizeOptions(Array.from({ length: 12 }, (_, i) => `o${i}`));
    expect(opts.map((o) => o.hotkey)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c']);
  });

  it('an explicit hotkey wins and the defaults skip it', () => {
    const opts = normalizeOptions([{ value: 'a', hotkey: '2' }, 'b', { value: 'c', label: 'C!' }]);
    expect(opts).toEqual([
      { value: 'a', label: 'a', hotkey: '2' },
      { value: 'b', label: 'b', hotkey: '1' },
      { value: 'c', label: 'C!', hotkey: '3' },
    ]);
  });

  it('single mode selects, multi mode toggles, unknown keys are not taken', () => {
    const f1 = single.fields[0] as never;
    expect(handleChoiceKey(f1, undefined, '2')).toEqual({ value: '부정', advance: true });
    expect(handleChoiceKey(f1, '부정', '2')).toEqual({ value: '부정', advance: true });
    expect(handleChoiceKey(f1, '부정', '9')).toBeNull();
    const f2 = multi.fields[0] as never;
    expect(handleChoiceKey(f2, ['경제'], '1')?.value).toEqual(['정치', '경제']);
    expect(handleChoiceKey(f2, ['정치', '경제'], '1')?.value).toEqual(['경제']);
  });
});

describe('choice tool in the annotator', () => {
  it('single: pressing an option key selects it, another key moves the selection', () => {
    render(<Harness schema={single} />);
    fireEvent.keyDown(document.body, { key: '2', code: 'Digit2' });
    expect(screen.getByRole('radio', { name: '부정' })).toBeChecked();
    expect(value()).toEqual({ sentiment: '부정' });
    fireEvent.keyDown(document.body, { key: '1', code: 'Digit1' });
    expect(screen.getByRole('radio', { name: '긍정' })).toBeChecked();
    expect(screen.getByRole('radio', { name: '부정' })).not.toBeChecked();
    expect(value()).toEqual({ sentiment: '긍정' });
    // pressing the chosen key again keeps it chosen (select, not toggle)
    fireEvent.keyDown(document.body, { key: '1', code: 'Digit1' });
    expect(value()).toEqual({ sentiment: '긍정' });
  });

  it('multi: keys toggle, explicit hotkeys work, option order is kept', () => {
    render(<Harness schema={multi} />);
    fireEvent.keyDown(document.body, { key: 'x', code: 'KeyX' });
    fireEvent.keyDown(document.body, { key: '1', code: 'Digit1' });
    expect(value()).toEqual({ topics: ['정치', '사회'] });
    expect(screen.getByRole('checkbox', { name: 'Society' })).toBeChecked();
    fireEvent.keyDown(document.body, { key: '1', code: 'Digit1' });
    expect(value()).toEqual({ topics: ['사회'] });
    expect(screen.getByRole('checkbox', { name: '정치' })).not.toBeChecked();
  });

  it('a Korean keyboard layout still reaches letter hotkeys through the physical key', () => {
    render(<Harness schema={multi} />);
    // "x" on a 2-beolsik layout types ㅌ
    fireEvent.keyDown(document.body, { key: 'ㅌ', code: 'KeyX' });
    expect(value()).toEqual({ topics: ['사회'] });
  });

  it('ignores keys while typing in a text box and during IME composition', () => {
    render(<Harness schema={single} />);
    fireEvent.keyDown(screen.getByLabelText('elsewhere'), { key: '1', code: 'Digit1' });
    fireEvent.keyDown(document.body, { key: '2', code: 'Digit2', isComposing: true });
    fireEvent.keyDown(document.body, { key: '2', code: 'Digit2', keyCode: 229 });
    expect(value()).toEqual({});
  });

  it('read-only ignores keys and disables the inputs', () => {
    render(<Harness schema={single} readOnly />);
    fireEvent.keyDown(document.body, { key: '1', code: 'Digit1' });
    expect(value()).toEqual({});
    expect(screen.getByRole('radio', { name: '긍정' })).toBeDisabled();
  });

  it('works by mouse and keyboard focus too, and Ctrl+Z undoes', async () => {
    const user = userEvent.setup();
    render(<Harness schema={single} />);
    await user.click(screen.getByRole('radio', { name: '중립' }));
    expect(value()).toEqual({ sentiment: '중립' });
    // arrow keys move a radio group natively
    screen.getByRole('radio', { name: '부정' }).focus();
    await user.keyboard(' ');
    expect(value()).toEqual({ sentiment: '부정' });
    fireEvent.keyDown(document.body, { key: 'z', code: 'KeyZ', ctrlKey: true });
    expect(value()).toEqual({ sentiment: '중립' });
    fireEvent.keyDown(document.body, { key: 'z', code: 'KeyZ', ctrlKey: true });
    expect(value()).toEqual({});
  });

  it('shows each option hotkey', () => {
    render(<Harness schema={multi} />);
    const option = screen.getByTestId('option-topics-사회');
    expect(option.querySelector('kbd')?.textContent).toBe('x');
  });

  it('with two fields, a single choice moves the keyboard on to the next field', () => {
    const two: LabelSchema = {
      fields: [
        { name: 'a', type: 'choice', options: ['y', 'n'] },
        { name: 'b', type: 'choice', options: ['p', 'q'] },
      ],
    };
    render(<Harness schema={two} />);
    fireEvent.keyDown(document.body, { key: '2', code: 'Digit2' });
    fireEvent.keyDown(document.body, { key: '1', code: 'Digit1' });
    expect(value()).toEqual({ a: 'n', b: 'p' });
  });

  it('an unknown field type renders an "unsupported" box instead of crashing', () => {
    let store: AnnotationStore | undefined;
    render(<Harness schema={{ fields: [{ name: 'objs', type: 'cuboids', labels: ['car'] }, ...single.fields] }} onStore={(s) => (store = s)} />);
    expect(screen.getByRole('note')).toHaveTextContent('Unsupported field type "cuboids" (field objs)');
    // the supported field next to it still works
    fireEvent.keyDown(document.body, { key: '3', code: 'Digit3' });
    expect(value()).toEqual({ sentiment: '중립' });
    expect(store).toBeDefined();
    act(() => store!.undo());
    expect(value()).toEqual({});
  });
});
