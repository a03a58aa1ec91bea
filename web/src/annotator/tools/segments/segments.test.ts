import { describe, expect, it } from 'vitest';
import { imeStep, type ImeState } from './ime';
import { insertTag, ksponProblems, wrapDual } from './kspon';
import { insertSegment, parsePeaks, retime, segmentAction, SEGMENT_RESERVED, segmentBetween, stepSpeed } from './model';
import { keyedLabels } from '../image/keys';

describe('segments', () => {
  it('a segment between two times, either way round, inside the audio', () => {
    expect(segmentBetween(3.2, 1.11111, 10, 'A')).toEqual({ start: 1.111, end: 3.2, label: 'A' });
    expect(segmentBetween(8, 12, 10, 'A')).toEqual({ start: 8, end: 10, label: 'A' });
    expect(segmentBetween(1, 1.01, 10, 'A')).toBeNull();
    expect(retime({ start: 1, end: 2, label: 'B', transcript: '안녕' }, 0.5, 2.5, null)).toEqual({ start: 0.5, end: 2.5, label: 'B', transcript: '안녕' });
  });
  it('keeps segments in time order', () => {
    const r = insertSegment([{ start: 0, end: 1, label: 'A' }, { start: 5, end: 6, label: 'A' }], { start: 2, end: 3, label: 'B' });
    expect(r.index).toBe(1);
    expect(r.segments.map((s) => s.start)).toEqual([0, 2, 5]);
  });
  it('steps the playback speed and stops at the ends', () => {
    expect(stepSpeed(1, 1)).toBe(1.25);
    expect(stepSpeed(1, -1)).toBe(0.75);
    expect(stepSpeed(2, 1)).toBe(2);
    expect(stepSpeed(0.5, -1)).toBe(0.5);
  });
  it('reads the peaks the server precomputes in the shapes it may send', () => {
    expect(parsePeaks({ peaks: [0.5, -1], duration: 2 })).toEqual({ peaks: [[0.5, -1]], duration: 2 });
    expect(parsePeaks({ data: [64, -128], bits: 8 })).toEqual({ peaks: [[0.5, -1]], duration: null });
    expect(parsePeaks([[16384, -32768]])).toEqual({ peaks: [[0.5, -1]], duration: null });
    expect(parsePeaks({})).toBeNull();
    expect(parsePeaks('nope')).toBeNull();
  });
  it('maps the speech keys; M is never a speaker key', () => {
    const labels = keyedLabels([...'abcdefghijklmn'].map((c) => `s${c}`), SEGMENT_RESERVED);
    expect(labels.map((l) => l.hotkey)).not.toContain('m');
    expect(segmentAction('1', labels)).toEqual({ kind: 'label', value: 'sa' });
    expect(segmentAction('space', labels)).toEqual({ kind: 'play' });
    expect(segmentAction('m', labels)).toEqual({ kind: 'mark' });
    expect(segmentAction('shift+arrowright', labels)).toEqual({ kind: 'seek', by: 5 });
    expect(segmentAction(',', labels)).toEqual({ kind: 'speed', dir: -1 });
    expect(segmentAction('delete', labels)).toEqual({ kind: 'delete' });
    expect(segmentAction('[', labels)).toEqual({ kind: 'cycle', step: -1 });
    expect(segmentAction('enter', labels)).toBeNull(); // Enter submits the task
  });
});

describe('IME-safe transcript', () => {
  const run = (events: Parameters<typeof imeStep>[1][], start: ImeState = { draft: '', composing: false }) => {
    let s = start;
    const commits: string[] = [];
    for (const e of events) {
      const r = imeStep(s, e);
      s = r.state;
      if (r.commit !== undefined) commits.push(r.commit);
    }
    return { state: s, commits };
  };

  it('typing 안녕 through the IME commits whole syllables only, when each composition ends', () => {
    const { state, commits } = run([
      { type: 'compositionstart' },
      { type: 'input', value: 'ㅇ', isComposing: true },
      { type: 'input', value: '아', isComposing: true },
      { type: 'input', value: '안', isComposing: true },
      { type: 'compositionend', value: '안' },
      { type: 'compositionstart' },
      { type: 'input', value: '안ㄴ', isComposing: true },
      { type: 'input', value: '안녀', isComposing: true },
      { type: 'input', value: '안녕', isComposing: true },
      { type: 'compositionend', value: '안녕' },
    ]);
    expect(commits).toEqual(['안', '안녕']);
    expect(state).toEqual({ draft: '안녕', composing: false });
  });

  it('an outside change (undo) replaces the draft, except mid-syllable', () => {
    expect(run([{ type: 'external', value: 'x' }]).state.draft).toBe('x');
    expect(run([{ type: 'compositionstart' }, { type: 'input', value: 'ㄱ' }, { type: 'external', value: 'x' }]).state.draft).toBe('ㄱ');
  });

  it('plain input outside a composition commits at once', () => {
    expect(run([{ type: 'input', value: 'a' }, { type: 'input', value: 'ab' }]).commits).toEqual(['a', 'ab']);
  });
});

describe('KsponSpeech helpers', () => {
  it('wraps the selection as (spelling)/(pronunciation) and selects the second copy', () => {
    const e = wrapDual('그 1시에 만나', 2, 4);
    expect(e.text).toBe('그 (1시)/(1시)에 만나');
    expect(e.text.slice(e.selStart, e.selEnd)).toBe('1시');
    expect(e.selStart).toBe(8);
    expect(wrapDual('ab', 1, 1)).toEqual({ text: 'a()/()b', selStart: 2, selEnd: 2 });
  });
  it('puts noise tags between words and * after one', () => {
    expect(insertTag('안녕하세요', 0, 0, 'b/')).toEqual({ text: 'b/ 안녕하세요', selStart: 3, selEnd: 3 });
    expect(insertTag('안녕 하세요', 2, 2, 'n/').text).toBe('안녕 n/ 하세요');
    expect(insertTag('뭐라고', 3, 3, '*').text).toBe('뭐라고*');
  });
  it('warns of brackets that do not pair up', () => {
    expect(ksponProblems('(1시)/(한 시)에 b/ 만나')).toEqual([]);
    expect(ksponProblems('(1시)/(한 시')).toEqual(['parens']);
    expect(ksponProblems('(1시) 만나')).toEqual(['dual']);
    expect(ksponProblems('((a))/(b)')).toEqual(['parens']);
  });
});
