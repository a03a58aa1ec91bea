import { act, fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { currentValue, ToolHarness } from '../testing';
import { keyDrawAction, moveKeyDraft, resizeKeyDraft, startKeyDraft, stepOf } from './keydraw';
import { imageAction, IMAGE_RESERVED, keyedLabels } from './keys';

// A 400 × 200 image in jsdom's 800 px wide canvas (400 high): scale 1, the view's centre is the image's (200, 100).
const data = { image: 5, width: 400, height: 200 };
const schemaOf = (type: string, labels: unknown[] = ['car', 'person']) => ({ fields: [{ name: 'objects', type, labels, attributes: [{ name: 'occluded', type: 'boolean' }] }] });
// Tool tests render the whole annotator: slow on a loaded 2-core machine.
const SLOW = 20_000;

type Mods = { shiftKey?: boolean; ctrlKey?: boolean };
/** N goes to the page (the tool takes it as the only media field); the draft's keys go to the focused canvas. */
const pageKey = (k: string, code = k) => act(() => void fireEvent.keyDown(document.body, { key: k, code }));
const canvasKey = (k: string, mods: Mods = {}, code = k === ' ' ? 'Space' : k) => act(() => void fireEvent.keyDown(screen.getByTestId('image-objects'), { key: k, code, ...mods }));
const status = () => document.querySelector('.media-status')!.textContent;

describe('drawing new image objects with the keyboard (N)', () => {
  it('box: N puts one at the centre of the view, arrows move it, Shift+arrows resize, Ctrl steps one pixel, Enter adds it (not submit); Ctrl+Z undoes', () => {
    const onSubmit = vi.fn();
    const initial = { objects: [{ x: 1, y: 2, w: 10, h: 10, label: 'car' }] };
    render(<ToolHarness schema={schemaOf('boxes')} data={data} initial={initial} onSubmit={onSubmit} />);
    pageKey('2', 'Digit2'); // the label for the new box
    pageKey('n', 'KeyN');
    const canvas = screen.getByTestId('image-objects');
    expect(canvas).toHaveFocus();
    expect(canvas).toHaveAttribute('data-keydraw', 'boxes');
    expect(status()).toContain('Box 80×40 at 160,80');
    canvasKey('ArrowRight'); // ten screen pixels = ten source pixels at scale 1
    canvasKey('ArrowDown', { shiftKey: true }); // the bottom edge down
    canvasKey('ArrowLeft', { ctrlKey: true }); // one pixel
    expect(status()).toBe('Box 80×50 at 169,80');
    canvasKey('Enter');
    expect(onSubmit).not.toHaveBeenCalled();
    expect(currentValue().objects).toEqual([initial.objects[0], { x: 169, y: 80, w: 80, h: 50, label: 'person' }]);
    expect(status()).toBe('Box 2, person, 80×50 at 169,80');
    expect(canvas).not.toHaveAttribute('data-keydraw');
    // The new box is selected, with its attributes, as a drawn one is.
    fireEvent.click(screen.getByTestId('attr-objects-occluded'));
    expect((currentValue().objects as object[])[1]).toMatchObject({ attributes: { occluded: true } });
    // Enter now is the page's again.
    canvasKey('Enter');
    expect(onSubmit).toHaveBeenCalledTimes(1);
    act(() => void fireEvent.keyDown(document.body, { key: 'z', code: 'KeyZ', ctrlKey: true }));
    act(() => void fireEvent.keyDown(document.body, { key: 'z', code: 'KeyZ', ctrlKey: true }));
    expect(currentValue().objects).toEqual(initial.objects);
  }, SLOW);

  it('polygon: Space adds a point at the cross-hair, Enter adds one while there are fewer than three and then closes, Backspace takes one back', () => {
    const onSubmit = vi.fn();
    render(<ToolHarness schema={schemaOf('polygons')} data={data} onSubmit={onSubmit} />);
    pageKey('n', 'KeyN');
    expect(status()).toContain('Cross-hair at 200,100 · 0 points');
    canvasKey(' ');
    for (let i = 0; i < 3; i++) canvasKey('ArrowRight');
    canvasKey('Enter'); // a second point: not closed yet, nothing submitted
    for (let i = 0; i < 3; i++) canvasKey('ArrowDown');
    canvasKey(' ');
    expect(status()).toBe('Point 3 at 230,130');
    canvasKey('Backspace');
    expect(status()).toBe('Cross-hair at 230,130 · 2 points');
    canvasKey('ArrowDown', { ctrlKey: true });
    canvasKey(' ');
    canvasKey('Enter');
    expect(onSubmit).not.toHaveBeenCalled();
    expect(currentValue().objects).toEqual([
      {
        points: [
          [200, 100],
          [230, 100],
          [230, 131],
        ],
        label: 'car',
      },
    ]);
    expect(status()).toBe('Polygon 1, car, 3 points');
  }, SLOW);

  it('polygon: three points in a line are refused as a drawn one is, and the draft stays open', () => {
    render(<ToolHarness schema={schemaOf('polygons')} data={data} />);
    pageKey('n', 'KeyN');
    canvasKey(' ');
    canvasKey('ArrowRight');
    canvasKey(' ');
    canvasKey('ArrowRight');
    canvasKey(' ');
    canvasKey('Enter');
    expect(currentValue().objects).toBeUndefined();
    expect(status()).toBe('A polygon needs three or more points around some area.');
    expect(screen.getByTestId('image-objects')).toHaveAttribute('data-keydraw', 'polygons');
  }, SLOW);

  it('key point: Enter places it at the cross-hair and the label moves on to the next one missing', () => {
    render(<ToolHarness schema={schemaOf('keypoints', ['nose', 'eye'])} data={data} />);
    pageKey('n', 'KeyN');
    canvasKey('ArrowLeft');
    canvasKey('ArrowUp', { ctrlKey: true });
    canvasKey('Enter');
    expect(currentValue().objects).toEqual([{ x: 190, y: 99, label: 'nose' }]);
    expect(status()).toBe('Key point 1, nose at 190,99');
    expect(screen.getByTestId('label-objects-eye')).toHaveAttribute('aria-checked', 'true');
  }, SLOW);

  it('Escape cancels: nothing is added, and the box stays inside the image whatever the arrows say', () => {
    render(<ToolHarness schema={schemaOf('boxes')} data={data} />);
    pageKey('n', 'KeyN');
    for (let i = 0; i < 40; i++) canvasKey('ArrowRight', { shiftKey: true });
    for (let i = 0; i < 40; i++) canvasKey('ArrowUp');
    expect(status()).toBe('Box 240×40 at 160,0');
    canvasKey('Escape');
    expect(status()).toBe('Drawing cancelled.');
    expect(currentValue().objects).toBeUndefined();
    expect(screen.getByTestId('image-objects')).not.toHaveAttribute('data-keydraw');
  }, SLOW);

  it('the toolbar button starts the same draft; read-only has neither', () => {
    const { unmount } = render(<ToolHarness schema={schemaOf('boxes')} data={data} />);
    fireEvent.click(screen.getByTestId('keydraw-objects'));
    expect(screen.getByTestId('image-objects')).toHaveAttribute('data-keydraw', 'boxes');
    unmount();
    render(<ToolHarness schema={schemaOf('boxes')} data={data} readOnly />);
    expect(screen.queryByTestId('keydraw-objects')).toBeNull();
    pageKey('n', 'KeyN');
    expect(screen.getByTestId('image-objects')).not.toHaveAttribute('data-keydraw');
  }, SLOW);
});

describe('keydraw model', () => {
  it('maps the draft keys', () => {
    expect(keyDrawAction('arrowleft')).toEqual({ kind: 'move', dx: -1, dy: 0, fine: false });
    expect(keyDrawAction('ctrl+shift+arrowdown')).toEqual({ kind: 'resize', dx: 0, dy: 1, fine: true });
    expect(keyDrawAction('space')).toEqual({ kind: 'vertex' });
    expect(keyDrawAction('enter')).toEqual({ kind: 'finish' });
    expect(keyDrawAction('backspace')).toEqual({ kind: 'undoVertex' });
    expect(keyDrawAction('escape')).toEqual({ kind: 'cancel' });
    expect(keyDrawAction('1')).toBeNull(); // label keys stay the tool's
    expect(imageAction('n', keyedLabels(['a'], IMAGE_RESERVED))).toEqual({ kind: 'newObject' });
    expect(keyedLabels('abcdefghijklmnop'.split(''), IMAGE_RESERVED).map((l) => l.hotkey)).not.toContain('n');
  });

  it('a step is ten screen pixels (one source pixel at least), or one source pixel fine', () => {
    expect(stepOf(1, false)).toBe(10);
    expect(stepOf(0.25, false)).toBe(40);
    expect(stepOf(20, false)).toBe(1);
    expect(stepOf(0.25, true)).toBe(1);
  });

  it('a box starts at a tenth of the view, centred, inside a small image', () => {
    const d = startKeyDraft('boxes', { scale: 1, x: 0, y: 0 }, { width: 800, height: 400 }, { width: 50, height: 30 });
    expect(d).toEqual({ kind: 'boxes', x: 0, y: 0, w: 50, h: 30 });
    expect(resizeKeyDraft(d, -100, 0, { width: 50, height: 30 })).toMatchObject({ w: 1 });
    expect(moveKeyDraft({ kind: 'keypoints', at: [1, 1] }, -5, 100, { width: 50, height: 30 })).toEqual({ kind: 'keypoints', at: [0, 30] });
  });
});
