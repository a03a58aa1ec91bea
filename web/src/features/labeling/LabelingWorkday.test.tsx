import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LabelSchema } from '../../api/types';
import { json, mockFetch, noContent } from '../../test/fetchMock';
import { counts, nextTask, project as projectOf, submitted } from '../../test/fixtures';
import { renderPage } from '../../test/render';
import { LabelingPage } from './LabelingPage';

const schema: LabelSchema = { fields: [{ name: 'sentiment', type: 'choice', options: ['긍정', '부정'], multiple: false, required: true }] };

describe('labeling screen, a working day', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('opens and closes the project guidelines with one key', async () => {
    mockFetch({
      'GET /api/v1/projects/1': () => json(projectOf({ id: 1, name: '감성', description: '광고 문구는 중립이 아니라 긍정으로 표시합니다.', schema, myRole: 'LABELER', counts: counts() })),
      'POST /api/v1/projects/1/next-task': () => json(nextTask({ assignmentId: 101, taskId: 1, data: { text: '문장 1' }, schema })),
    });
    renderPage(<LabelingPage />, { route: '/projects/1/label', path: '/projects/:id/label', lang: 'ko' });
    await screen.findByText('문장 1');
    expect(screen.queryByTestId('guidelines')).toBeNull();
    fireEvent.keyDown(document.body, { key: '?', code: 'Slash', shiftKey: true });
    expect(await screen.findByTestId('guidelines')).toHaveTextContent('광고 문구는 중립이 아니라 긍정으로 표시합니다.');
    fireEvent.keyDown(document.body, { key: 'Escape', code: 'Escape' });
    expect(screen.queryByTestId('guidelines')).toBeNull();
  });

  it('says which key submits from a text box when the schema has one', async () => {
    const withText: LabelSchema = { fields: [...schema.fields, { name: 'summary', type: 'abstractive', label: '요약', required: false }] };
    mockFetch({
      'GET /api/v1/projects/1': () => json(projectOf({ id: 1, name: '뉴스 요약하기', schema: withText, myRole: 'LABELER', counts: counts() })),
      'POST /api/v1/projects/1/next-task': () => json(nextTask({ assignmentId: 101, taskId: 1, data: { text: '문장 1' }, schema: withText })),
    });
    renderPage(<LabelingPage />, { route: '/projects/1/label', path: '/projects/:id/label', lang: 'ko' });
    expect(await screen.findByTestId('submit-hint-text')).toHaveTextContent('글상자 안에서는 Ctrl+Enter');
    expect(screen.getByText('요약')).toBeInTheDocument();
  });

  it('opens a spans task with its text as the wide column and the focus in it: arrow keys select at once', async () => {
    const ner: LabelSchema = { fields: [{ name: 'entities', type: 'spans', labels: [{ value: 'LOC', hotkey: 'l' }] }] };
    const m = mockFetch({
      'GET /api/v1/projects/1': () => json(projectOf({ id: 1, name: '개체명', schema: ner, myRole: 'LABELER', counts: counts() })),
      'POST /api/v1/projects/1/next-task': () => json(nextTask({ assignmentId: 101, taskId: 1, data: { text: '서울에서 회의', source: 'news' }, schema: ner })),
      'POST /api/v1/assignments/101/submit': () => json(submitted(101)),
      'PUT /api/v1/assignments/101/draft': () => noContent(),
    });
    renderPage(<LabelingPage />, { route: '/projects/1/label', path: '/projects/:id/label', lang: 'ko' });
    const text = await screen.findByTestId('spans-text-entities');
    expect(text).toHaveFocus();
    // the fields (which hold the text) come first and wide; the metadata is the narrow column beside them
    expect(screen.getByTestId('annotator')).toHaveClass('annotator-main-in-fields');
    // a one-word entity in 3 keys from task open: Ctrl+Shift+→ (stops before the particle), the label key, Enter
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowRight', code: 'ArrowRight', shiftKey: true, ctrlKey: true });
    fireEvent.keyDown(document.activeElement!, { key: 'l', code: 'KeyL' });
    expect(screen.getByTestId('span-s1')).toHaveTextContent('서울');
    fireEvent.keyDown(document.activeElement!, { key: 'Enter', code: 'Enter' });
    await waitFor(() => expect(m.callsTo('POST', '/api/v1/assignments/101/submit')).toHaveLength(1));
    expect(m.callsTo('POST', '/api/v1/assignments/101/submit')[0].body).toEqual({ result: { entities: [{ id: 's1', start: 0, end: 2, label: 'LOC' }] } });
  });
});
