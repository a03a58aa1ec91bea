import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { currentValue, ToolHarness } from '../testing';

const schema = {
  fields: [
    {
      name: 'objects',
      type: 'boxes',
      labels: ['car', 'person'],
      attributes: [
        { name: 'occluded', type: 'boolean' },
        { name: 'light', type: 'choice', values: ['red', 'green'] },
      ],
    },
  ],
};
const data = { image: 5, width: 100, height: 50 };
const initial = {
  objects: [
    { x: 1, y: 2, w: 10, h: 10, label: 'car' },
    { x: 20, y: 20, w: 5, h: 5, label: 'person' },
  ],
};
// Tool tests render the whole annotator: slow on a loaded 2-core machine.
const SLOW = 20_000;
const key = (k: string, code = k) => act(() => void fireEvent.keyDown(document.body, { key: k, code }));

describe('image tools in the annotator (the canvas itself is tested in the browser: e2e/media.test.mjs)', () => {
  it('lists the objects; picking one shows its label and attributes, which edit the answer; Ctrl+Z undoes', () => {
    render(<ToolHarness schema={schema} data={data} initial={initial} />);
    const list = screen.getByTestId('objects-objects');
    expect(within(list).getAllByRole('listitem')).toHaveLength(2);
    fireEvent.click(within(list).getAllByRole('button', { pressed: false })[0]);
    fireEvent.click(screen.getByTestId('attr-objects-occluded'));
    fireEvent.change(screen.getByTestId('attr-objects-light'), { target: { value: 'red' } });
    expect(currentValue().objects).toEqual([{ x: 1, y: 2, w: 10, h: 10, label: 'car', attributes: { occluded: true, light: 'red' } }, initial.objects[1]]);
    key('2', 'Digit2'); // the label key relabels the selected object
    expect((currentValue().objects as { label: string }[])[0].label).toBe('person');
    act(() => void fireEvent.keyDown(document.body, { key: 'z', code: 'KeyZ', ctrlKey: true }));
    expect((currentValue().objects as { label: string }[])[0].label).toBe('car');
  }, SLOW);

  it('Delete removes the selected object unless it is locked; ] cycles the selection', () => {
    render(<ToolHarness schema={schema} data={data} initial={initial} />);
    key(']', 'BracketRight');
    key('l', 'KeyL'); // lock #1
    key('Delete');
    expect(currentValue().objects).toHaveLength(2);
    expect(screen.getByText('That object is locked; L unlocks it.')).toBeInTheDocument();
    key(']', 'BracketRight');
    key('Delete');
    expect(currentValue().objects).toEqual([initial.objects[0]]);
  }, SLOW);

  it('arrows nudge the selected box by a pixel (Shift: ten), inside the image', () => {
    render(<ToolHarness schema={schema} data={data} initial={initial} />);
    key(']', 'BracketRight');
    key('ArrowRight');
    act(() => void fireEvent.keyDown(document.body, { key: 'ArrowUp', code: 'ArrowUp', shiftKey: true }));
    expect((currentValue().objects as object[])[0]).toMatchObject({ x: 2, y: 0 });
  }, SLOW);

  it('read-only (review): the list and attributes are shown, nothing edits', () => {
    const value = { objects: [{ x: 1, y: 2, w: 10, h: 10, label: 'car', attributes: { occluded: true } }] };
    render(<ToolHarness schema={schema} data={data} initial={value} readOnly />);
    expect(screen.getByTestId('objects-objects')).toHaveTextContent(/car #1 1,2 10×10 · occluded/);
    expect(screen.queryByRole('button', { name: 'Delete #1' })).toBeNull();
    key('Delete');
    expect(currentValue()).toEqual(value);
  }, SLOW);

  it('says so when the task has no image', () => {
    render(<ToolHarness schema={schema} data={{ text: 'x' }} />);
    expect(screen.getByText('This task has no image in data.image.')).toBeInTheDocument();
  }, SLOW);
});
