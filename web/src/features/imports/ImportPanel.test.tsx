import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import * as endpoints from '../../api/endpoints';
import type { ImportJob } from '../../api/types';
import { json, mockFetch } from '../../test/fetchMock';
import { renderPage } from '../../test/render';
import { guessFormat, ImportPanel, importProgress } from './ImportPanel';

function job(extra: Partial<ImportJob>): ImportJob {
  return { id: 9, projectId: 1, format: 'jsonl', fileName: null, fileSize: 0, bytesRead: 0, status: 'QUEUED', total: 0, imported: 0, rejected: 0, errors: [], createdAt: '2024-05-01T00:00:00Z', finishedAt: null, ...extra };
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
    expect(start).toHaveBeenCalledWith(1, [a, b], 'images-zip', expect.any(Function));
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
                  { line: 4, message: 'line 4 is not an object' },
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
    expect(start).toHaveBeenCalledWith(1, file, 'jsonl', expect.any(Function));

    await waitFor(() => expect(screen.getByTestId('import-job')).toHaveAttribute('data-status', 'FAILED'), { timeout: 4000 });
    const errors = screen.getByTestId('import-errors');
    expect(errors).toHaveTextContent('2행 line 2 is not valid JSON');
    expect(errors).toHaveTextContent('4행 line 4 is not an object');
    expect(screen.getByRole('heading', { name: '오류 2건' })).toBeInTheDocument();
    expect(screen.getByRole('progressbar', { name: '가져오기 진행률' })).toBeInTheDocument();
    expect(finished).toHaveBeenCalledTimes(1);
  });
});
