import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as endpoints from '../../api/endpoints';
import { ApiError } from '../../api/client';
import type { ExportJob } from '../../api/types';
import { json, mockFetch } from '../../test/fetchMock';
import { renderPage } from '../../test/render';
import { sayCode } from '../../app/serverText';
import { ExportPanel, fromNow } from './ExportPanel';

function job(extra: Partial<ExportJob>): ExportJob {
  return { id: 5, projectId: 1, format: 'conll-morpheme', options: null, status: 'QUEUED', total: 1, written: 0, error: null, createdAt: '2024-05-01T00:00:00Z', finishedAt: null, expiresAt: null, expired: false, ...extra };
}

describe('export panel', () => {
  it('offers every CoNLL level, morphemes included, in Korean and English', () => {
    renderPage(<ExportPanel projectId={1} />, { lang: 'ko' });
    const ko = screen.getByRole('combobox', { name: '내보내기 형식' });
    expect(ko).toHaveTextContent('CoNLL BIO (글자 단위)');
    expect(ko).toHaveTextContent('CoNLL BIO (어절 단위)');
    expect(ko).toHaveTextContent('CoNLL BIO (형태소 단위, 품사 포함)');
    expect(ko).toHaveTextContent('COCO JSON (상자·다각형·키포인트)');
    expect(ko).toHaveTextContent('YOLO (zip: labels/*.txt, data.yaml)');
    expect(ko).toHaveTextContent('Pascal VOC (zip: 이미지마다 XML)');
    expect(ko).toHaveTextContent('AI-Hub 이미지 JSON (이미지마다 문서 하나)');
    expect(ko).toHaveTextContent('음성 구간 JSONL (한 줄에 오디오 하나)');
  });

  it('offers a YOLO export as a .zip, with the images when asked', async () => {
    const user = userEvent.setup();
    const start = vi.spyOn(endpoints.exports_, 'start').mockResolvedValue(job({ id: 6, format: 'yolo', status: 'QUEUED' }));
    mockFetch({ 'GET /api/v1/exports/6': () => json(job({ id: 6, format: 'yolo', status: 'DONE', written: 1 })) });
    renderPage(<ExportPanel projectId={1} />, { lang: 'en' });
    expect(screen.queryByRole('checkbox', { name: 'Include the media files' })).toBeNull();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Export format' }), 'yolo');
    await user.click(screen.getByRole('checkbox', { name: 'Include the media files' }));
    await user.click(screen.getByRole('button', { name: 'Export YOLO' }));
    expect(start).toHaveBeenCalledWith(1, 'yolo', { media: true });
    await waitFor(() => expect(screen.getByTestId('export-download')).toHaveAttribute('download', 'project-1-export-6.zip'), { timeout: 4000 });
  });

  it('says a refused export in Korean from its code: the problem and the field', async () => {
    const user = userEvent.setup();
    const detail = 'format: coco needs a boxes, polygons or keypoints field in the project\'s schema';
    const params = { format: 'coco', types: 'boxes, polygons, keypoints' };
    vi.spyOn(endpoints.exports_, 'start').mockRejectedValue(
      new ApiError(422, { title: 'Validation failed', status: 422, detail, code: 'io.export.needsField', params, errors: [{ field: 'format', message: detail.slice(8), code: 'io.export.needsField', params }] }),
    );
    renderPage(<ExportPanel projectId={1} />, { lang: 'ko' });
    await user.selectOptions(screen.getByRole('combobox', { name: '내보내기 형식' }), 'coco');
    await user.click(screen.getByRole('button', { name: /COCO/ }));
    const alert = await screen.findByRole('alert');
    expect(screen.getByRole('listitem')).toHaveTextContent('format: coco 내보내기에는 프로젝트 스키마에 다음 유형의 필드가 있어야 합니다: boxes, polygons, keypoints');
    expect(alert).not.toHaveTextContent('needs a boxes');
  });

  it('starts a morpheme export and offers its .conll file', async () => {
    const user = userEvent.setup();
    const start = vi.spyOn(endpoints.exports_, 'start').mockResolvedValue(job({ status: 'QUEUED' }));
    mockFetch({ 'GET /api/v1/exports/5': () => json(job({ status: 'DONE', written: 1 })) });
    renderPage(<ExportPanel projectId={1} />, { lang: 'en' });
    const select = screen.getByRole('combobox', { name: 'Export format' });
    expect(select).toHaveTextContent('CoNLL BIO (morphemes, with part of speech)');
    await user.selectOptions(select, 'conll-morpheme');
    await user.click(screen.getByRole('button', { name: 'Export CoNLL' }));
    expect(start).toHaveBeenCalledWith(1, 'conll-morpheme');
    await waitFor(() => expect(screen.getByTestId('export-job')).toHaveAttribute('data-status', 'DONE'), { timeout: 4000 });
    expect(screen.getByTestId('export-download')).toHaveAttribute('download', 'project-1-export-5.conll');
  });

  describe('exports expire', () => {
    const savedTz = process.env.TZ;
    afterEach(() => {
      process.env.TZ = savedTz;
      vi.restoreAllMocks();
    });

    it('says when the file expires, in the reader\'s zone', async () => {
      process.env.TZ = 'Asia/Seoul';
      const user = userEvent.setup();
      vi.spyOn(endpoints.exports_, 'start').mockResolvedValue(job({ status: 'QUEUED', format: 'jsonl' }));
      mockFetch({ 'GET /api/v1/exports/5': () => json(job({ status: 'DONE', format: 'jsonl', written: 1, finishedAt: '2099-11-24T12:30:00Z', expiresAt: '2099-12-01T12:30:00Z' })) });
      renderPage(<ExportPanel projectId={1} />, { lang: 'en' });
      await user.click(screen.getByRole('button', { name: 'Export JSONL' }));
      const expires = await screen.findByTestId('export-expires', {}, { timeout: 4000 });
      // 12:30 UTC is 21:30 in Seoul.
      expect(expires).toHaveTextContent(/^The file expires in [\d,]+ days \(1 Dec 2099, 21:30\)$/);
      expect(screen.getByTestId('export-download')).toBeInTheDocument();
    });

    it('words "in 7 days" and "7일 후"', () => {
      const now = Date.parse('2026-12-01T12:30:00Z');
      expect(fromNow('en', '2026-12-08T12:30:00Z', now)).toBe('in 7 days');
      expect(fromNow('ko', '2026-12-08T12:30:00Z', now)).toBe('7일 후');
      expect(fromNow('en', '2026-12-01T15:30:00Z', now)).toBe('in 3 hours');
      expect(fromNow('en', '2026-12-01T12:35:00Z', now)).toBe('in 5 minutes');
    });

    it('shows the project\'s last export expired, and runs the same export again', async () => {
      process.env.TZ = 'Asia/Seoul';
      const user = userEvent.setup();
      const expired = job({ id: 7, format: 'yolo', options: { media: true, field: 'boxes' }, status: 'DONE', written: 3, total: 3, finishedAt: '2026-11-24T12:00:00Z', expiresAt: '2026-12-01T12:30:00Z', expired: true });
      const fetch = mockFetch({
        'GET /api/v1/projects/1/exports': () => json({ items: [expired], next: null }),
        'POST /api/v1/projects/1/exports': () => json(job({ id: 8, format: 'yolo', options: { media: true, field: 'boxes' }, status: 'QUEUED' }), 202),
        'GET /api/v1/exports/8': () => json(job({ id: 8, format: 'yolo', status: 'DONE', written: 3, total: 3, finishedAt: '2026-12-01T13:00:00Z', expiresAt: '2026-12-08T13:00:00Z' })),
      });
      renderPage(<ExportPanel projectId={1} />, { lang: 'ko' });
      const gone = await screen.findByTestId('export-last-expired');
      // Node's ICU may say PM where a browser says 오후.
      expect(gone).toHaveTextContent(/^이 내보내기는 2026\. 12\. 1\. (오후|PM) 9:30에 만료되어 파일이 삭제되었습니다\./);
      expect(screen.queryByTestId('export-last-download')).toBeNull();
      await user.click(screen.getByRole('button', { name: '같은 내보내기 다시 실행' }));
      expect(fetch.callsTo('POST', '/api/v1/projects/1/exports')[0].body).toEqual({ media: true, field: 'boxes', format: 'yolo' });
      await waitFor(() => expect(screen.getByTestId('export-download')).toHaveAttribute('download', 'project-1-export-8.zip'), { timeout: 4000 });
      expect(screen.queryByTestId('export-last-expired')).toBeNull();
    });

    it('asks again before a download whose expiry has passed, and says it expired', async () => {
      const user = userEvent.setup();
      vi.spyOn(endpoints.exports_, 'start').mockResolvedValue(job({ status: 'QUEUED', format: 'jsonl' }));
      let reads = 0;
      mockFetch({
        'GET /api/v1/exports/5': () => {
          reads++;
          return json(job({ status: 'DONE', format: 'jsonl', finishedAt: '2026-11-01T00:00:00Z', expiresAt: reads > 1 ? '2026-11-08T01:00:00Z' : '2026-11-08T00:00:00Z', expired: reads > 1 }));
        },
      });
      renderPage(<ExportPanel projectId={1} />, { lang: 'en' });
      await user.click(screen.getByRole('button', { name: 'Export JSONL' }));
      await user.click(await screen.findByTestId('export-download', {}, { timeout: 4000 }));
      expect(await screen.findByTestId('export-expired')).toHaveTextContent('This export expired on');
      expect(screen.getByRole('button', { name: 'Run this export again' })).toBeEnabled();
      expect(screen.queryByTestId('export-download')).toBeNull();
    });

    it('words the download\'s 410 in both languages', () => {
      const params = { exportId: 7, expiredAt: '2026-12-01T12:30:00Z' };
      expect(sayCode('en', 'export.expired', params, '', { timeZone: 'Asia/Seoul' })).toBe('This export expired on 1 Dec 2026, 21:30; start it again.');
      expect(sayCode('ko', 'export.expired', params, '', { timeZone: 'Asia/Seoul' })).toMatch(/^이 내보내기는 2026\. 12\. 1\. (오후|PM) 9:30에 만료되었습니다\. 다시 시작하세요\.$/);
    });
  });
});
