import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { messages } from '../../app/messages';
import { sayCode } from '../../app/serverText';

/**
 * Every code an import can send (the list ImportCodesTest keeps equal to the Java sources) has a message in Korean
 * and in English, and each message's parameters are ones the browser can fill: a code without a message would fall
 * back to the server's English.
 */
const list = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../src/test/resources/io/import-codes.txt');
const codes = readFileSync(list, 'utf8').split('\n').map((s) => s.trim()).filter(Boolean);
const all = messages as Record<string, { ko: unknown; en: unknown }>;

describe('import codes', () => {
  it('reads the server’s list', () => {
    expect(codes.length).toBeGreaterThan(100);
    expect(codes).toContain('import.yolo.classUnknown');
  });

  it.each(codes)('%s is said in Korean and English', (code) => {
    const m = all[`code.${code}`];
    expect(m, `code.${code} in features/imports/messages.ts`).toBeDefined();
    expect(typeof m.ko === 'string' && m.ko.length > 0).toBe(true);
    expect(typeof m.en === 'string' && m.en.length > 0).toBe(true);
  });

  it('every import message is for a code the server sends', () => {
    const known = new Set(codes.map((c) => `code.${c}`));
    const stale = Object.keys(all).filter((k) => k.startsWith('code.import.') && !known.has(k));
    expect(stale).toEqual([]);
  });

  it('words a line error by its code, and falls back to the message without one', () => {
    const params = { path: 'labels/a.txt line 2', index: 7, classes: 2, from: 'data.yaml' };
    expect(sayCode('ko', 'import.yolo.classUnknown', params, 'x')).toBe('labels/a.txt line 2: 클래스 7이(가) 범위 밖입니다 (data.yaml의 클래스는 2개)');
    expect(sayCode('en', 'import.yolo.classUnknown', params, 'x')).toBe('labels/a.txt line 2: class 7 is out of range (data.yaml names 2 classes)');
    expect(sayCode('ko', null, null, 'is not valid JSON')).toBe('is not valid JSON');
    expect(sayCode('ko', 'import.some.futureCode', {}, 'later')).toBe('later');
  });
});
