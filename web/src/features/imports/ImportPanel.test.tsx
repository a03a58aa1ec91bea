import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import * as endpoints from '../../api/endpoints';
import type { ImportJob } from '../../api/types';
import { ApiError } from '../../api/client';
import { json, mockFetch } from '../../test/fetchMock';
import { renderPage } from '../../test/render';
import { columnsOf, guessFormat, ImportPanel, importOptions, importProgress } from './ImportPanel';

function job(extra: Partial<ImportJob>): ImportJob {
  return { id: 9, projectId: 1, format: 'jsonl', fileName: null, fileSize: 0, bytesRead: 0, status: 'QUEUED', total: 0, imported: 0, rejected: 0, errors: [], createdAt: '2024-05-01T00:00:00Z', finishedAt: null, options: {}, normalized: 0, hasReport: false, warnings: [], ...extra };
}

describe('import panel', () => {
  it('guesses the format from the file name', () => {
    expect(guessFormat('뉴스.JSONL')).toBe('jsonl');
    expect(guessFormat('a.ndjson')).toBe('jsonl');
    expect(guessFormat('a.csv')).toBe('csv');
    expect(guessFormat('a.txt')).toBe('txt');
    expect(guessFormat('a.zip')).toBeNull();
    expect(guessFormat('거리.JPG')).toBe('images-zip');
    expect(guessFormat('발화.wav')).toBe('audio-zip');
    expect(guessFormat('녹음.FLAC')).toBe('audio-zip');
    expect(guessFormat('a.ogg')).toBe('audio-zip');
    expect(guessFormat('a.oga')).toBe('audio-zip');
  });

  it('sends several image files as one media import, and refuses several files for a text format', async () => {
    const user = userEvent.setup();
    const start = vi.spyOn(endpoints.imports, 'start').mockResolvedValue(job({ status: 'DONE', format: 'images-zip', total: 2, imported: 2 }));
    mockFetch({ 'GET /api/v1/imports/9': () => json(job({ status: 'DONE', format: 'images-zip', total: 2, imported: 2 })) });
    renderPage(<ImportPanel projectId={1} />, { lang: 'en' });
    const a = new File([new Uint8Array([0xff, 0xd8])], 'a.jpg', { type: 'image/jpeg' });
    const b = new File([new Uint8Array([0x89, 0x50])], 'b.png', { type: 'image/png' });
    const select = screen.getByRole('combobox', { name: 'Format' });
    expect(select).toHaveTextContent('Images (a zip or several files)');
    expect(select).toHaveTextContent('Audio (a zip or several files)');
    await user.upload(screen.getByLabelText('File'), [a, b]);
    expect(select).toHaveValue('images-zip');
    expect(screen.getByText(/pick several files or upload one zip/)).toBeInTheDocument();
    expect(screen.getByTestId('import-files-count')).toHaveTextContent('2 files will be imported as one job.');
    await user.selectOptions(select, 'jsonl');
    expect(screen.getByTestId('import-files-count')).toHaveTextContent('This format takes one file');
    expect(screen.getByRole('button', { name: 'Upload' })).toBeDisabled();
    await user.selectOptions(select, 'images-zip');
    await user.click(screen.getByRole('button', { name: 'Upload' }));
    expect(start).toHaveBeenCalledWith(1, [a, b], 'images-zip', expect.any(Function), {});
  });

  it('offers coco and yolo, and sends a Label Studio JSON with its images as several files', async () => {
    const user = userEvent.setup();
    const start = vi.spyOn(endpoints.imports, 'start').mockResolvedValue(job({ status: 'DONE', format: 'labelstudio', total: 1, imported: 1 }));
    mockFetch({ 'GET /api/v1/imports/9': () => json(job({ status: 'DONE', format: 'labelstudio', total: 1, imported: 1 })) });
    renderPage(<ImportPanel projectId={1} />, { lang: 'en' });
    const select = screen.getByRole('combobox', { name: 'Format' });
    expect(select).toHaveTextContent('COCO (zip: images + a COCO JSON)');
    expect(select).toHaveTextContent('YOLO (zip: labels/*.txt, data.yaml)');
    expect(select).toHaveTextContent('Label Studio JSON (or a zip of the JSON and its images or audio)');
    await user.selectOptions(select, 'yolo');
    expect(screen.getByText(/class names from data.yaml, classes.txt or obj.names/)).toBeInTheDocument();
    const tasks = new File(['[]'], 'tasks.json', { type: 'application/json' });
    const a = new File([new Uint8Array([0xff, 0xd8])], 'a.jpg', { type: 'image/jpeg' });
    await user.upload(screen.getByLabelText('File'), [tasks, a]);
    await user.selectOptions(select, 'labelstudio');
    expect(screen.getByTestId('import-files-count')).toHaveTextContent('2 files will be imported as one job.');
    await user.click(screen.getByRole('button', { name: 'Upload' }));
    expect(start).toHaveBeenCalledWith(1, [tasks, a], 'labelstudio', expect.any(Function), {});
  });

  it('imports media from an S3 prefix without a file (issue 10)', async () => {
    const user = userEvent.setup();
    const start = vi.spyOn(endpoints.imports, 'start').mockResolvedValue(job({ status: 'DONE', format: 'images-zip', total: 2, imported: 2 }));
    mockFetch({ 'GET /api/v1/imports/9': () => json(job({ status: 'DONE', format: 'images-zip', total: 2, imported: 2 })) });
    renderPage(<ImportPanel projectId={1} />, { lang: 'en' });
    expect(screen.queryByTestId('import-source')).toBeNull(); // text formats: files only
    await user.selectOptions(screen.getByRole('combobox', { name: 'Format' }), 'images-zip');
    expect(screen.getByRole('button', { name: 'Upload' })).toBeDisabled();
    await user.type(screen.getByRole('textbox', { name: 'Or from an S3 prefix' }), ' s3://photos/street/ ');
    await user.click(screen.getByRole('button', { name: 'Import from S3' }));
    expect(start).toHaveBeenCalledWith(1, [], 'images-zip', expect.any(Function), { source: 's3://photos/street/' });
  });

  it('says a refused S3 source in Korean, the problem and its field, from their codes', async () => {
    const user = userEvent.setup();
    vi.spyOn(endpoints.imports, 'start').mockRejectedValue(
      new ApiError(422, {
        title: 'Validation failed',
        status: 422,
        detail: 'options.source: s3://photos/street/ holds no objects (an empty or misspelled prefix)',
        code: 'import.source.empty',
        params: { source: 's3://photos/street/' },
        errors: [{ field: 'options.source', message: 's3://photos/street/ holds no objects (an empty or misspelled prefix)', code: 'io.source.empty', params: { source: 's3://photos/street/' } }],
      }),
    );
    renderPage(<ImportPanel projectId={1} />, { lang: 'ko' });
    await user.selectOptions(screen.getByRole('combobox', { name: '형식' }), 'images-zip');
    await user.type(screen.getByRole('textbox', { name: '또는 S3 경로에서' }), 's3://photos/street/');
    await user.click(screen.getByRole('button', { name: 'S3에서 가져오기' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('s3://photos/street/에 객체가 없습니다 (비었거나 경로를 잘못 씀)');
    expect(screen.getByRole('listitem')).toHaveTextContent('options.source: s3://photos/street/에 객체가 없습니다');
    expect(alert).not.toHaveTextContent('holds no objects');
  });

  it('progress: bytes while running, full when done', () => {
    expect(importProgress(job({ status: 'RUNNING', total: 100, imported: 10, fileSize: 1000, bytesRead: 500 }))).toEqual({ value: 500, max: 1000 });
    expect(importProgress(job({ status: 'RUNNING', total: 100, imported: 10, rejected: 5 }))).toEqual({ value: 15, max: 100 });
    expect(importProgress(job({ status: 'DONE', total: 3, imported: 3 }))).toEqual({ value: 3, max: 3 });
  });

  it('uploads, follows the job and lists each bad line', async () => {
    const user = userEvent.setup();
    const start = vi.spyOn(endpoints.imports, 'start').mockResolvedValue(job({ status: 'QUEUED' }));
    const finished = vi.fn();
    let polls = 0;
    mockFetch({
      'GET /api/v1/imports/9': () =>
        json(
          ++polls === 1
            ? job({ status: 'RUNNING', total: 4, imported: 1 })
            : job({
                status: 'FAILED',
                total: 4,
                imported: 0,
                rejected: 2,
                errors: [
                  { line: 2, message: 'line 2 is not valid JSON' },
                  // a coded error is worded in the reader's language; the one above (from before codes) keeps its message
                  { line: 4, message: 'is a JSON array, not a JSON object', code: 'import.line.notObject', params: { kind: 'array' } },
                ],
              }),
        ),
    });
    renderPage(<ImportPanel projectId={1} onFinished={finished} />, { lang: 'ko' });

    const file = new File(['{"text":"가"}\n{bad\n'], '뉴스.jsonl', { type: 'application/x-ndjson' });
    await user.selectOptions(screen.getByRole('combobox', { name: '형식' }), 'txt');
    await user.upload(screen.getByLabelText('파일'), file);
    expect(screen.getByRole('combobox', { name: '형식' })).toHaveValue('jsonl');
    await user.click(screen.getByRole('button', { name: '업로드' }));
    expect(start).toHaveBeenCalledWith(1, file, 'jsonl', expect.any(Function), {});

    await waitFor(() => expect(screen.getByTestId('import-job')).toHaveAttribute('data-status', 'FAILED'), { timeout: 4000 });
    const errors = screen.getByTestId('import-errors');
    expect(errors).toHaveTextContent('2행 line 2 is not valid JSON');
    expect(errors).toHaveTextContent('4행 JSON 객체가 아닙니다 (JSON array)');
    expect(errors).not.toHaveTextContent('is a JSON array');
    expect(screen.getByRole('heading', { name: '오류 2건' })).toBeInTheDocument();
    expect(screen.getByRole('progressbar', { name: '가져오기 진행률' })).toBeInTheDocument();
    expect(finished).toHaveBeenCalledTimes(1);
  });

  it('maps columns of a TSV and sends only the options set', () => {
    expect(columnsOf('\uFEFFid\tdocument\tlabel\r', '\t', true)).toEqual(['id', 'document', 'label']);
    expect(columnsOf('1\t좋다', '\t', false)).toEqual(['1', '2']);
    expect(importOptions('tsv', { header: true, textColumn: 'document', labelColumn: 'label', labelAs: 'prediction', skip: true })).toEqual({
      textColumn: 'document',
      labelColumn: 'label',
      labelAs: 'prediction',
      onError: 'skip',
    });
    expect(importOptions('jsonl', { header: true, textColumn: 'document', labelColumn: '', labelAs: 'prediction', skip: false })).toEqual({});
  });

  it('asks before converting a CP949 file, uploads again with the answer and offers the rejected-rows report', async () => {
    const user = userEvent.setup();
    const consent = new ApiError(422, {
      title: 'Encoding not confirmed',
      detail: 'The file is not UTF-8',
      code: 'import.encoding.consent',
      params: { detected: 'cp949' },
      errors: [{ field: 'options.encoding', message: 'must be given' }],
    });
    const start = vi
      .spyOn(endpoints.imports, 'start')
      .mockRejectedValueOnce(consent)
      .mockResolvedValueOnce(job({ status: 'QUEUED', format: 'tsv' }));
    mockFetch({ 'GET /api/v1/imports/9': () => json(job({ status: 'DONE', format: 'tsv', total: 3, imported: 2, rejected: 1, hasReport: true, normalized: 1 })) });
    renderPage(<ImportPanel projectId={1} />, { lang: 'ko' });

    const file = new File(['id\tdocument\tlabel\n1\t가\t0\n'], 'nsmc.tsv', { type: 'text/tab-separated-values' });
    await user.upload(screen.getByLabelText('파일'), file);
    await waitFor(() => expect(screen.getByRole('combobox', { name: '텍스트 열' })).toHaveValue('document'));
    await user.selectOptions(screen.getByRole('combobox', { name: '레이블 열' }), 'label');
    await user.click(screen.getByTestId('import-skip'));
    await user.click(screen.getByRole('button', { name: '업로드' }));

    expect(await screen.findByTestId('import-encoding')).toHaveTextContent('CP949 (EUC-KR)');
    await user.click(screen.getByRole('button', { name: '바꿔서 가져오기' }));
    expect(start).toHaveBeenLastCalledWith(1, file, 'tsv', expect.any(Function), {
      textColumn: 'document',
      labelColumn: 'label',
      labelAs: 'prediction',
      onError: 'skip',
      encoding: 'cp949',
    });
    const report = await screen.findByTestId('import-report', {}, { timeout: 4000 });
    expect(report).toHaveAttribute('href', '/api/v1/imports/9/rejected');
    expect(screen.getByTestId('import-normalized')).toHaveTextContent('1건');
  });
  it('shows the predictions that do not fit the schema, worded per code (issue 12)', async () => {
    const user = userEvent.setup();
    vi.spyOn(endpoints.imports, 'start').mockResolvedValue(job({ status: 'QUEUED', format: 'labelstudio' }));
    mockFetch({
      'GET /api/v1/imports/9': () =>
        json(
          job({
            status: 'DONE',
            format: 'labelstudio',
            total: 2,
            imported: 2,
            warnings: [
              { field: 'entities', code: 'prediction.unknownLabel', count: 2, examples: [{ line: 1, label: 'COMPANY', start: 5, end: 7 }] },
              { field: 'entities', code: 'prediction.overlap', count: 1, examples: [{ line: 1, label: 'PER', start: 1, end: 4, with: '0..3' }] },
              { field: 'links', code: 'prediction.unknownRegion', count: 1, examples: [{ line: 2, label: '소속', region: 'zz' }] },
            ],
          }),
        ),
    });
    renderPage(<ImportPanel projectId={1} />, { lang: 'en' });
    await user.upload(screen.getByLabelText('File'), new File(['[]'], 'ls.json', { type: 'application/json' }));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Format' }), 'labelstudio');
    await user.click(screen.getByRole('button', { name: 'Upload' }));

    const warnings = await screen.findByTestId('import-warnings', {}, { timeout: 4000 });
    expect(warnings).toHaveTextContent('entities: 2 labels not in the schema');
    expect(warnings).toHaveTextContent('Line 1: "COMPANY" (5..7)');
    expect(warnings).toHaveTextContent('entities: 1 spans overlap where the field allows no overlap');
    expect(warnings).toHaveTextContent('Line 1: "PER" (1..4) overlaps 0..3');
    expect(warnings).toHaveTextContent('links: 1 relation ends that are no span of the prediction');
    expect(warnings).toHaveTextContent('Line 2: relation "소속" points at span "zz", which is not there');
  });
});
