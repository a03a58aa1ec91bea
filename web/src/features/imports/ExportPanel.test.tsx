import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import * as endpoints from '../../api/endpoints';
import type { ExportJob } from '../../api/types';
import { json, mockFetch } from '../../test/fetchMock';
import { renderPage } from '../../test/render';
import { ExportPanel } from './ExportPanel';

function job(extra: Partial<ExportJob>): ExportJob {
  return { id: 5, projectId: 1, format: 'conll-morpheme', options: null, status: 'QUEUED', total: 1, written: 0, error: null, createdAt: '2024-05-01T00:00:00Z', finishedAt: null, ...extra };
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
});
