import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { Project } from '../../api/types';
import { json, mockFetch } from '../../test/fetchMock';
import { renderPage } from '../../test/render';
import { ExamForm } from './ExamForm';

const spans = { fields: [{ name: 'ents', type: 'spans', labels: ['PER', 'LOC'] }] };
const project = { id: 3, name: '개체명', schema: spans, myRole: 'MANAGER' } as unknown as Project;

describe('exam items authored with the annotator (issue 13)', () => {
  it('writes an item’s text, marks the reference with the label key and sends what the tool made', async () => {
    const user = userEvent.setup();
    const created = vi.fn();
    const { callsTo } = mockFetch({ 'POST /api/v1/exams': () => json({ id: 9, name: '시험' }, 201) });
    renderPage(<ExamForm cohortId={1} projects={[project]} onCreated={created} />);
    await user.type(screen.getByLabelText('Exam name'), '개체명 시험');
    const item = screen.getByTestId('exam-item');
    fireEvent.change(within(item).getByTestId('exam-item-text'), { target: { value: '서울에서 만나' } });
    // The labeler's spans tool on the item's text: Ctrl+Shift+→ takes "서울" (up to its particle), 2 is LOC.
    const text = within(item).getByRole('textbox', { name: /Text to mark spans in/ });
    act(() => text.focus());
    fireEvent.keyDown(text, { key: 'ArrowRight', ctrlKey: true, shiftKey: true });
    fireEvent.keyDown(text, { key: '2', code: 'Digit2' });
    expect(JSON.parse((within(item).getByRole('textbox', { name: 'JSON (for experts)' }) as HTMLTextAreaElement).value)).toEqual({
      ents: [{ id: 's1', start: 0, end: 2, label: 'LOC' }],
    });
    // A second item added and left empty is not sent.
    await user.click(screen.getByTestId('exam-item-add'));
    expect(screen.getAllByTestId('exam-item')).toHaveLength(2);
    await user.click(screen.getByRole('button', { name: 'Create exam' }));
    await waitFor(() => expect(created).toHaveBeenCalled());
    const body = callsTo('POST', '/api/v1/exams')[0].body as { projectId: number; items: unknown[] };
    expect(body.projectId).toBe(3);
    expect(body.items).toEqual([{ data: { text: '서울에서 만나' }, reference: { ents: [{ id: 's1', start: 0, end: 2, label: 'LOC' }] } }]);
  });

  it('still takes items pasted as JSON (the expert’s disclosure), after the authored ones', async () => {
    const user = userEvent.setup();
    const { callsTo } = mockFetch({ 'POST /api/v1/exams': () => json({ id: 9, name: '시험' }, 201) });
    renderPage(<ExamForm cohortId={1} projects={[project]} onCreated={() => {}} />);
    await user.type(screen.getByLabelText('Exam name'), 'JSON 시험');
    fireEvent.change(screen.getByLabelText(/Items \(JSONL or a JSON array\)/), {
      target: { value: '{"data": {"text": "김철수"}, "reference": {"ents": [{"start": 0, "end": 3, "label": "PER"}]}}' },
    });
    await user.click(screen.getByRole('button', { name: 'Create exam' }));
    await waitFor(() => expect(callsTo('POST', '/api/v1/exams')).toHaveLength(1));
    expect((callsTo('POST', '/api/v1/exams')[0].body as { items: unknown[] }).items).toEqual([
      { data: { text: '김철수' }, reference: { ents: [{ start: 0, end: 3, label: 'PER' }] } },
    ]);
  });

  it('says there is nothing to send when no item has text or an answer', async () => {
    const user = userEvent.setup();
    const { callsTo } = mockFetch({});
    renderPage(<ExamForm cohortId={1} projects={[project]} onCreated={() => {}} />);
    await user.type(screen.getByLabelText('Exam name'), '빈 시험');
    await user.click(screen.getByRole('button', { name: 'Create exam' }));
    expect(await screen.findByRole('alert')).toBeInTheDocument();
    expect(callsTo('POST', '/api/v1/exams')).toHaveLength(0);
  });
});
