import { fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { LabelSchema } from '../../../api/types';
import { currentValue, ToolHarness } from '../testing';
import { countState, documentSentences, toggleSentence } from './ExtractiveTool';

const schema: LabelSchema = { fields: [{ name: 'key', type: 'extractive', min: 2, max: 3 }] };
const paragraphs = { paragraphs: [['첫 문장이다.', '둘째 문장이다.'], ['셋째 문장이다.', '넷째 문장이다.']] };

describe('extractive helpers', () => {
  it('indexes sentences over all paragraphs', () => {
    expect(documentSentences(paragraphs)?.map((s) => [s.index, s.paragraph])).toEqual([[0, 0], [1, 0], [2, 1], [3, 1]]);
    expect(documentSentences({ text: 'x' })).toBeNull();
  });

  it('keeps picks ascending and distinct; none is no answer', () => {
    expect(toggleSentence([3], 1)).toEqual([1, 3]);
    expect(toggleSentence([1, 3], 3)).toEqual([1]);
    expect(toggleSentence([1], 1)).toBeUndefined();
    expect([countState(1, 2, 3), countState(2, 2, 3), countState(4, 2, 3), countState(9)]).toEqual(['under', 'ok', 'over', 'ok']);
  });
});

describe('extractive tool', () => {
  it('toggles sentences by click and Space, moves with arrows, counts against min and max', async () => {
    const user = userEvent.setup();
    render(<ToolHarness schema={schema} data={paragraphs} />);
    const counter = screen.getByTestId('counter-key');
    expect(counter).toHaveTextContent('0 selected · at least 2 · at most 3');
    // not red before it is touched
    expect(counter).toHaveClass('counter-idle');
    await user.click(screen.getByText('셋째 문장이다.'));
    expect(currentValue()).toEqual({ key: [2] });
    expect(counter).toHaveClass('counter-under');
    const boxes = screen.getAllByRole('checkbox');
    boxes[0].focus();
    await user.keyboard(' ');
    expect(currentValue()).toEqual({ key: [0, 2] });
    expect(counter).toHaveClass('counter-ok');
    fireEvent.keyDown(boxes[0], { key: 'ArrowDown' });
    expect(boxes[1]).toHaveFocus();
    await user.keyboard(' ');
    fireEvent.keyDown(boxes[1], { key: 'ArrowDown' });
    fireEvent.keyDown(boxes[2], { key: 'ArrowDown' });
    await user.keyboard(' ');
    expect(currentValue()).toEqual({ key: [0, 1, 2, 3] });
    expect(counter).toHaveTextContent('4 selected');
    expect(counter).toHaveClass('counter-over');
    await user.click(screen.getByText('첫 문장이다.'));
    expect(currentValue()).toEqual({ key: [1, 2, 3] });
  });

  it('draws the sentences once, and says when the task has none', () => {
    const { unmount } = render(<ToolHarness schema={schema} data={{ sentences: ['가.', '나.'] }} />);
    expect(screen.getAllByText('가.')).toHaveLength(1);
    unmount();
    render(<ToolHarness schema={schema} data={{ text: '문장.' }} />);
    expect(screen.getByText('This task has no data.sentences or data.paragraphs.')).toBeInTheDocument();
  });

  it('read-only shows the picks without changing them', () => {
    render(<ToolHarness schema={schema} data={{ sentences: ['가.', '나.'] }} initial={{ key: [1] }} readOnly />);
    expect(screen.getAllByRole('checkbox').map((b) => (b as HTMLInputElement).checked)).toEqual([false, true]);
    expect(screen.getAllByRole('checkbox')[0]).toBeDisabled();
  });
});
