import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { AttemptResult } from '../../api/academy';
import { renderPage } from '../../test/render';
import { AttemptResultView } from './ExamPage';

function result(over: Partial<AttemptResult>): AttemptResult {
  return {
    attemptId: 1,
    examId: 2,
    score: 0,
    passScore: 60,
    passed: false,
    submittedAt: '2025-03-01T00:00:00Z',
    late: false,
    perItem: [
      {
        itemId: 7,
        score: 0,
        feedback: 'topic: expected 정치',
        answer: { topic: '경제' },
        reference: { topic: '정치' },
        fields: [{ field: 'topic', type: 'choice', score: 0, feedback: 'expected 정치' }],
      },
    ],
    referencesShown: true,
    ...over,
  };
}

describe('exam result', () => {
  it('shows the reference beside the answer once the server sends it', () => {
    renderPage(<AttemptResultView result={result({})} />);
    expect(screen.getByRole('columnheader', { name: 'Reference' })).toBeInTheDocument();
    expect(screen.getByText('정치')).toBeInTheDocument();
    expect(screen.queryByTestId('references-withheld')).toBeNull();
  });

  it('shows scores only, and says why, while attempts are left', () => {
    const withheld = result({
      referencesShown: false,
      perItem: [
        {
          itemId: 7,
          score: 0,
          feedback: null,
          answer: { topic: '경제' },
          reference: null,
          fields: [{ field: 'topic', type: 'choice', score: 0, feedback: null }],
        },
      ],
    });
    renderPage(<AttemptResultView result={withheld} />);
    expect(screen.queryByRole('columnheader', { name: 'Reference' })).toBeNull();
    expect(screen.getByTestId('references-withheld')).toHaveTextContent('once no attempt is left');
    expect(screen.getByText('경제')).toBeInTheDocument();
  });
});
