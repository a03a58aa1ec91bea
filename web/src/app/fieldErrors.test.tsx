import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client';
import { resultFieldErrors } from '../features/labeling/queue';
import { renderPage } from '../test/render';
import { messages } from './messages';
import { sayFieldError, sayFieldPath, sayItemPath } from './serverText';
import { ErrorMessage } from './ui';

/** The codes a FieldError can carry, as the server's FieldErrorCodesTest keeps them (one a line, # comments). */
const codesFile = join(dirname(fileURLToPath(import.meta.url)), '../../../src/test/resources/field-error-codes.txt');
const serverCodes = readFileSync(codesFile, 'utf8')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l && !l.startsWith('#'));

function texts(m: unknown): string[] {
  return typeof m === 'string' ? [m] : Object.entries(m as Record<string, string>).filter(([k]) => k !== 'by').map(([, v]) => v);
}

function placeholders(m: unknown): string[] {
  return [...new Set(texts(m).flatMap((s) => [...s.matchAll(/\{(\w+)\}/g)].map((x) => x[1])))].sort();
}

describe('field errors (errors[] of a problem) are worded by their code', () => {
  it('every code the server can send has a message in Korean and English, with the same parameters', () => {
    expect(serverCodes.length).toBeGreaterThan(50);
    const table = messages as Record<string, { ko: unknown; en: unknown }>;
    for (const code of serverCodes) {
      const m = table[`code.${code}`];
      expect(m, `code.${code} in app/messages.ts`).toBeDefined();
      expect(texts(m.ko).every((s) => s.trim() !== ''), `code.${code} (ko)`).toBe(true);
      expect(texts(m.en).every((s) => s.trim() !== ''), `code.${code} (en)`).toBe(true);
      expect(placeholders(m.ko), `code.${code}: parameters of ko and en`).toEqual(placeholders(m.en));
    }
  });

  it('says a coded error in the reader language, the server English when the code is unknown or missing', () => {
    const tooShort = { field: 'result.summary', message: 'has 2 characters; at least 5 needed (minChars)', code: 'field.tooShort', params: { min: 5, actual: 2 } };
    expect(sayFieldError('ko', tooShort)).toBe('2자입니다. 최소 5자가 필요합니다');
    expect(sayFieldError('en', tooShort)).toBe('has 2 characters; at least 5 needed');
    expect(sayFieldError('en', { ...tooShort, params: { min: 5, actual: 1 } })).toBe('has 1 character; at least 5 needed');
    expect(sayFieldError('ko', { ...tooShort, code: 'field.fromTheFuture' })).toBe(tooShort.message);
    expect(sayFieldError('ko', { field: 'x', message: 'is blank' })).toBe('is blank');
    const outside = { message: 'm', code: 'shape.outsideImage', params: { x: 650.0, y: 410.5, width: 640.0, height: 480.0 } };
    expect(sayFieldError('ko', outside)).toBe('(650, 410.5)는 이미지(640 × 480픽셀) 밖입니다');
  });

  it('says a path below a field with items counted from 1, and a field by the name its form shows', () => {
    expect(sayItemPath('en', '[3].attributes.light')).toBe('#4 · attributes · light');
    expect(sayItemPath('ko', '[0].end')).toBe('1번째 · end');
    expect(sayItemPath('en', '')).toBe('');
    const labels = { ents: '개체명', topic: 'Topic' };
    expect(sayFieldPath('ko', 'result.ents[2].label', labels)).toBe('개체명 · 3번째 · label');
    expect(sayFieldPath('en', 'result.topic', labels)).toBe('Topic');
    expect(sayFieldPath('en', 'reference.topic[1]', labels)).toBe('Topic · #2');
    expect(sayFieldPath('en', 'result.other', labels)).toBe('result.other');
    expect(sayFieldPath('en', 'schema.fields[0].options', labels)).toBe('schema.fields[0].options');
    expect(sayFieldPath('en', 'result.topic', undefined)).toBe('result.topic');
  });

  it('ErrorMessage lists each error in the reader language, with the field display name when given', () => {
    const err = new ApiError(422, {
      title: 'Validation failed',
      detail: 'The annotation breaks the label schema in 2 field(s)',
      errors: [
        { field: 'result.ents[1].end', message: '18 is past the end of the text (17 characters)', code: 'span.outOfText', params: { end: 18, length: 17 } },
        { field: 'result.topic', message: 'is required', code: 'field.required', params: {} },
        { field: 'name', message: 'must not be blank' },
      ],
    });
    renderPage(<ErrorMessage error={err} fieldLabels={{ ents: '개체명', topic: '주제' }} />, { lang: 'ko' });
    const items = screen.getAllByRole('listitem').map((li) => li.textContent);
    expect(items).toEqual(['개체명 · 2번째 · end: 18은(는) 텍스트 끝(17자)을 넘습니다', '주제: 필수 항목입니다', 'name: must not be blank']);
  });

  it('ErrorMessage without field names shows the server path', () => {
    const err = new ApiError(422, { title: 'Validation failed', errors: [{ field: 'schema.fields[0].options', message: 'must be a non-empty array', code: 'list.empty', params: {} }] });
    renderPage(<ErrorMessage error={err} />, { lang: 'en' });
    expect(screen.getByRole('listitem')).toHaveTextContent('schema.fields[0].options: must be a non-empty array');
  });

  it('ErrorMessage says a one-field problem once, beside its field, not again as the detail', () => {
    const err = new ApiError(422, {
      title: 'Validation failed',
      detail: 'must be a non-empty array',
      code: 'list.empty',
      params: {},
      errors: [{ field: 'schema.fields[0].options', message: 'must be a non-empty array', code: 'list.empty', params: {} }],
    });
    const { container } = renderPage(<ErrorMessage error={err} />, { lang: 'en' });
    expect(screen.getByRole('listitem')).toHaveTextContent('schema.fields[0].options: must be a non-empty array');
    expect(container.querySelectorAll('.error-box p')).toHaveLength(0);
  });

  it('the annotator gets each field its errors worded, led by the item they are about', () => {
    const err = new ApiError(422, {
      title: 'Validation failed',
      errors: [
        { field: 'result.boxes[1].w', message: 'must be more than 0 (a box without width)', code: 'box.noWidth', params: {} },
        { field: 'result.boxes', message: 'has 3 objects; at most 2 allowed (max)', code: 'field.tooMany', params: { max: 2, actual: 3 } },
        { field: 'result.topic', message: 'is required' },
      ],
    });
    expect(resultFieldErrors(err, 'ko')).toEqual({
      boxes: ['2번째 · w: 너비가 0보다 커야 합니다 (너비 없는 상자)', '3개입니다. 최대 2개까지 허용됩니다'],
      topic: ['is required'],
    });
    expect(resultFieldErrors(err, 'en').boxes).toEqual(['#2 · w: must be more than 0 (a box without width)', 'has 3; at most 2 allowed']);
  });
});
