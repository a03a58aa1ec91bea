import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Attempt, AttemptResult } from '../../api/academy';
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
        fields: [{ field: 'topic', type: 'choice', score: 0, feedback: 'expected 정치', code: null, params: null }],
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
          fields: [{ field: 'topic', type: 'choice', score: 0, feedback: null, code: null, params: null }],
        },
      ],
    });
    renderPage(<AttemptResultView result={withheld} />);
    expect(screen.queryByRole('columnheader', { name: 'Reference' })).toBeNull();
    expect(screen.getByTestId('references-withheld')).toHaveTextContent('once no attempt is left');
    expect(screen.getByText('경제')).toBeInTheDocument();
  });

  it('draws span answers as the text with highlights, not offsets', () => {
    const text = '김철수는 삼성전자에 다닌다';
    const attempt: Attempt = {
      attemptId: 1,
      examId: 2,
      examName: 'NER',
      number: 1,
      maxAttempts: 1,
      schema: { fields: [{ name: 'entities', type: 'spans', labels: ['PER', 'ORG'] }] },
      startedAt: '2025-03-01T00:00:00Z',
      deadline: '2025-03-01T00:20:00Z',
      items: [{ itemId: 7, position: 0, data: { text } }],
      answers: {},
    };
    const spans = result({
      perItem: [
        {
          itemId: 7,
          score: 0.5,
          feedback: null,
          answer: { entities: [{ id: 's1', start: 0, end: 3, label: 'PER' }] },
          reference: { entities: [{ id: 's1', start: 0, end: 3, label: 'PER' }, { id: 's2', start: 5, end: 9, label: 'ORG' }] },
          fields: [{ field: 'entities', type: 'spans', score: 0.5, feedback: null, code: null, params: null }],
        },
      ],
    });
    renderPage(<AttemptResultView result={spans} attempt={attempt} />);
    const row = screen.getByRole('row', { name: /^entities/ });
    expect(row.textContent).not.toMatch(/"start"|\{/);
    const [answer, reference] = within(row).getAllByTestId('spans-text-entities');
    expect([...answer.querySelectorAll('.spans-mark')].map((m) => m.textContent)).toEqual(['김철수']);
    expect([...reference.querySelectorAll('.spans-mark')].map((m) => m.textContent)).toEqual(['김철수', '삼성전자']);
  });
});
