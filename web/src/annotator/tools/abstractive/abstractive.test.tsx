import { act, fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { LabelSchema } from '../../../api/types';
import { currentValue, ToolHarness } from '../testing';
import { charCount } from './AbstractiveTool';

const schema: LabelSchema = { fields: [{ name: 'summary', type: 'abstractive', minChars: 5, maxChars: 10 }] };
const data = { sentences: ['원문 문장이다.'] };

describe('abstractive tool', () => {
  it('counts characters as the server does: NFC code points', () => {
    expect(charCount('한국어')).toBe(3);
    expect(charCount('한국어'.normalize('NFD'))).toBe(3);
    expect(charCount('👍🏽')).toBe(2);
    expect(charCount('')).toBe(0);
  });

  it('shows a live counter against minChars and maxChars, never cutting the text', async () => {
    const user = userEvent.setup();
    render(<ToolHarness schema={schema} data={data} />);
    const box = screen.getByRole('textbox', { name: 'summary' });
    const counter = screen.getByTestId('counter-summary');
    // not red before it is touched: no "more needed", not invalid; leaving the empty box makes it so
    expect(counter).toHaveTextContent(/^0 characters · at least 5 · at most 10$/);
    expect(counter).toHaveClass('counter-idle');
    expect(box).not.toHaveAttribute('aria-invalid', 'true');
    act(() => box.focus());
    act(() => box.blur());
    expect(counter).toHaveTextContent('0 characters · at least 5 · at most 10 — 5 more needed');
    expect(box).toHaveAttribute('aria-invalid', 'true');
    await user.type(box, '요약문');
    expect(counter).toHaveTextContent('3 characters');
    expect(counter).toHaveClass('counter-under');
    await user.type(box, '입니다');
    expect(counter).toHaveClass('counter-ok');
    await user.type(box, ' 아주 길게 씀');
    expect(currentValue()).toEqual({ summary: '요약문입니다 아주 길게 씀' });
    expect(counter).toHaveTextContent('14 characters · at least 5 · at most 10 — 4 over the limit');
    expect(counter).toHaveClass('counter-over');
    expect(box).toHaveAttribute('aria-invalid', 'true');
  });

  it('Enter during IME composition never submits; Ctrl+Enter after it does', () => {
    const submit = vi.fn();
    render(<ToolHarness schema={schema} data={data} onSubmit={submit} />);
    const box = screen.getByRole('textbox', { name: 'summary' });
    box.focus();
    fireEvent.compositionStart(box);
    fireEvent.change(box, { target: { value: '한' } });
    // Enter that commits the syllable: isComposing, or keyCode 229 from browsers that end composition first
    fireEvent.keyDown(box, { key: 'Enter', isComposing: true });
    fireEvent.keyDown(box, { key: 'Enter', keyCode: 229 });
    fireEvent.keyDown(box, { key: 'Enter', ctrlKey: true, keyCode: 229 });
    // between compositionstart and compositionend even a key without the flags belongs to the IME
    fireEvent.keyDown(box, { key: 'Enter', ctrlKey: true });
    expect(submit).not.toHaveBeenCalled();
    fireEvent.compositionEnd(box, { data: '한' });
    expect(currentValue()).toEqual({ summary: '한' });
    fireEvent.keyDown(box, { key: 'Enter', ctrlKey: true });
    expect(submit).toHaveBeenCalledTimes(1);
  });

  it('keeps the composed text when the last step fires no input event', () => {
    render(<ToolHarness schema={schema} data={data} />);
    const box = screen.getByRole('textbox', { name: 'summary' }) as HTMLTextAreaElement;
    fireEvent.compositionStart(box);
    fireEvent.change(box, { target: { value: '한구' } });
    // the browser swaps the box's text to the final syllables without an input event
    box.value = '한국';
    fireEvent.compositionEnd(box, { data: '국' });
    expect(currentValue()).toEqual({ summary: '한국' });
  });

  it('serves the free text field type too; clearing it removes the answer', async () => {
    const user = userEvent.setup();
    render(<ToolHarness schema={{ fields: [{ name: 'note', type: 'text', maxChars: 3 }] }} data={{ text: '원문' }} />);
    const box = screen.getByRole('textbox', { name: 'note' });
    await user.type(box, '메모');
    expect(currentValue()).toEqual({ note: '메모' });
    await user.clear(box);
    expect(currentValue()).toEqual({});
    expect(screen.getByTestId('task-text')).toHaveTextContent('원문');
  });
});
