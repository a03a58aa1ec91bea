import { describe, expect, it } from 'vitest';
import { comboOf } from '../../core/shortcuts';
import { imageAction, IMAGE_RESERVED, keyedLabels } from './keys';
import type { Box } from './geometry';
import { attributeDefs, cycleIndex, mediaUrl, withAttribute, withoutIndex } from './objects';

describe('image shortcut map', () => {
  const labels = keyedLabels(['car', { value: 'bus', hotkey: 'x' }, ...'abcdefghijkl'.split('').map((c) => `l${c}`)], IMAGE_RESERVED);

  it('labels take 1..9 then letters, never a tool letter', () => {
    expect(labels.slice(0, 2).map((l) => l.hotkey)).toEqual(['1', 'x']);
    const keys = labels.map((l) => l.hotkey);
    for (const k of IMAGE_RESERVED) expect(keys).not.toContain(k);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.slice(10, 14)).toEqual(['a', 'b', 'c', 'e']); // d (draw) is skipped
  });

  it('maps every tool key and label key to its action', () => {
    expect(imageAction('1', labels)).toEqual({ kind: 'label', value: 'car' });
    expect(imageAction('x', labels)).toEqual({ kind: 'label', value: 'bus' });
    expect(imageAction('d', labels)).toEqual({ kind: 'mode', mode: 'draw' });
    expect(imageAction('v', labels)).toEqual({ kind: 'mode', mode: 'select' });
    expect(imageAction('f', labels)).toEqual({ kind: 'finish' });
    expect(imageAction('escape', labels)).toEqual({ kind: 'cancel' });
    expect(imageAction('delete', labels)).toEqual({ kind: 'delete' });
    expect(imageAction('backspace', labels)).toEqual({ kind: 'delete' });
    expect(imageAction('h', labels)).toEqual({ kind: 'toggleHidden' });
    expect(imageAction('alt+h', labels)).toEqual({ kind: 'showAll' });
    expect(imageAction('l', labels)).toEqual({ kind: 'toggleLocked' });
    expect(imageAction('0', labels)).toEqual({ kind: 'fit' });
    expect(imageAction('+', labels)).toMatchObject({ kind: 'zoom' });
    expect(imageAction('-', labels)).toMatchObject({ kind: 'zoom' });
    expect(imageAction(']', labels)).toEqual({ kind: 'cycle', step: 1 });
    expect(imageAction('shift+arrowleft', labels)).toEqual({ kind: 'nudge', dx: -10, dy: 0 });
    expect(imageAction('arrowdown', labels)).toEqual({ kind: 'nudge', dx: 0, dy: 1 });
    expect(imageAction('ctrl+z', labels)).toBeNull(); // undo is the annotator's
  });

  it('works with a Korean keyboard layout (the physical key names the shortcut)', () => {
    const combo = comboOf({ key: 'ㅇ', code: 'KeyD', ctrlKey: false, metaKey: false, altKey: false, shiftKey: false });
    expect(imageAction(combo, labels)).toEqual({ kind: 'mode', mode: 'draw' });
  });
});

describe('objects', () => {
  it('reads the attribute definitions the server accepts', () => {
    expect(
      attributeDefs({ name: 'o', type: 'boxes', attributes: [{ name: 'occluded', type: 'boolean' }, { name: 'color', type: 'choice', values: ['red', 'green'], required: true }, { type: 'x' }] }),
    ).toEqual([
      { name: 'occluded', type: 'boolean', values: [], required: false },
      { name: 'color', type: 'choice', values: ['red', 'green'], required: true },
    ]);
  });
  it('a false boolean and a cleared choice leave the answer', () => {
    const o: Box = { x: 0, y: 0, w: 1, h: 1, label: 'a' };
    const on = withAttribute(o, 'occluded', true);
    expect(on.attributes).toEqual({ occluded: true });
    expect(withAttribute(on, 'occluded', false)).toEqual(o);
    expect(withAttribute(on, 'color', 'red').attributes).toEqual({ occluded: true, color: 'red' });
  });
  it('hidden/locked flags follow the objects when one is deleted', () => {
    expect([...withoutIndex(new Set([0, 2, 5]), 2)]).toEqual([0, 4]);
  });
  it('cycles through visible objects, wrapping', () => {
    expect(cycleIndex(3, null, 1, new Set())).toBe(0);
    expect(cycleIndex(3, 2, 1, new Set([0]))).toBe(1);
    expect(cycleIndex(3, null, -1, new Set())).toBe(2);
    expect(cycleIndex(2, 0, 1, new Set([0, 1]))).toBeNull();
  });
  it('a media id is served by the media endpoint; an address is used as it is', () => {
    expect(mediaUrl(12)).toBe('/api/v1/media/12');
    expect(mediaUrl('7', 'peaks')).toBe('/api/v1/media/7?variant=peaks');
    expect(mediaUrl('data:image/png;base64,xx')).toBe('data:image/png;base64,xx');
    expect(mediaUrl('data:image/png;base64,xx', 'peaks')).toBeNull();
    expect(mediaUrl('../etc/passwd')).toBeNull();
    expect(mediaUrl(undefined)).toBeNull();
  });
});
