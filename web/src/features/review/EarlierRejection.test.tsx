import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { LabelSchema } from '../../api/types';
import { nextReview } from '../../test/fixtures';
import { renderPage } from '../../test/render';
import { EarlierRejection } from './EarlierRejection';

const schema: LabelSchema = {
  fields: [
    { name: 'topic', type: 'choice', options: ['정치', '경제', '사회'], multiple: false, required: true },
    { name: 'summary', type: 'abstractive', required: false },
  ],
};

describe('a resubmitted task on the review screen', () => {
  it('says who rejected it and why, and shows only what changed, drawn by the field tools', () => {
    const review = nextReview({
      reviewId: 9, taskId: 3, data: { text: '미세먼지 기사' }, schema,
      result: { topic: '사회', summary: '미세먼지 경보' },
      earlier: { reason: '미세먼지 기사는 사회입니다', reviewer: 'rev', rejectedAt: '2026-12-01T01:00:00Z', result: { topic: '경제', summary: '미세먼지 경보' } },
    });
    renderPage(<EarlierRejection review={review} schema={schema} />, { lang: 'ko' });
    expect(screen.getByRole('heading', { name: '반려 후 다시 제출된 작업' })).toBeInTheDocument();
    expect(screen.getByTestId('earlier-reason')).toHaveTextContent('미세먼지 기사는 사회입니다');
    const diff = screen.getByTestId('resubmitted-diff');
    expect(within(diff).getByTestId('diff-topic')).toBeInTheDocument();
    expect(within(diff).queryByTestId('diff-summary')).toBeNull();
    expect(within(diff).getByTestId('diff-topic').querySelector('.diff-before')).toHaveTextContent('경제');
    expect(within(diff).getByTestId('diff-topic').querySelector('.diff-after')).toHaveTextContent('사회');
  });

  it('says so when nothing changed, and shows nothing for a first submission', () => {
    const same = nextReview({ reviewId: 9, taskId: 3, schema, result: { topic: '경제' }, earlier: { reason: 'x', reviewer: 'rev', rejectedAt: null, result: { topic: '경제' } } });
    const { unmount } = renderPage(<EarlierRejection review={same} schema={schema} />);
    expect(screen.getByTestId('resubmitted-unchanged')).toHaveTextContent('Nothing changed');
    unmount();
    renderPage(<EarlierRejection review={nextReview({ reviewId: 9, taskId: 3, schema, result: {}, earlier: null })} schema={schema} />);
    expect(screen.queryByTestId('resubmitted')).toBeNull();
  });
});
