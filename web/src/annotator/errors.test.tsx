import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import type { AnnotationResult, LabelSchema } from '../api/types';
import { Annotator } from './Annotator';
import { useAnnotationStore } from './core/store';
import { AnnotatorStringsProvider } from './i18n';

const schema: LabelSchema = {
  fields: [
    { name: 'summary', type: 'abstractive', minChars: 5 },
    { name: 'topic', type: 'choice', options: ['a', 'b'] },
  ],
};
const SERVER = { summary: ['must be at least 5 characters'], topic: ['is required'], '': ['Task is stale'] };

/** A page as the labeling page is: it keeps the server's 422 errors in state and rebuilds the object each render. */
function Page({ initial }: { initial: AnnotationResult }) {
  const store = useAnnotationStore(initial);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  return (
    <AnnotatorStringsProvider lang="en">
      <button type="button" onClick={() => setErrors(SERVER)}>
        submit
      </button>
      <button type="button" onClick={() => setErrors({})}>
        clear
      </button>
      <Annotator schema={schema} data={{ sentences: ['원문'] }} store={store} errors={{ ...errors }} />
    </AnnotatorStringsProvider>
  );
}

describe('annotator errors', () => {
  it("a field's error goes as soon as the field is edited; the others stay until theirs is", async () => {
    const user = userEvent.setup();
    render(<Page initial={{ summary: '짧다' }} />);
    await user.click(screen.getByRole('button', { name: 'submit' }));
    const summary = screen.getByTestId('field-summary');
    expect(summary).toHaveTextContent('must be at least 5 characters');
    expect(screen.getByTestId('error-summary')).toHaveTextContent('summary: must be at least 5 characters');

    await user.type(screen.getByRole('textbox', { name: 'summary' }), '는 요약');
    expect(summary).not.toHaveTextContent('must be at least 5 characters');
    expect(summary).not.toHaveClass('field-invalid');
    expect(screen.getByRole('textbox', { name: 'summary' })).toHaveAttribute('aria-invalid', 'false');
    expect(screen.getByTestId('error-summary')).not.toHaveTextContent('must be at least 5');
    // Untouched fields and errors about no field stay.
    expect(screen.getByTestId('field-topic')).toHaveTextContent('is required');
    expect(screen.getByTestId('error-summary')).toHaveTextContent('Task is stale');

    await user.click(screen.getByRole('radio', { name: /a/ }));
    expect(screen.getByTestId('field-topic')).not.toHaveTextContent('is required');
  });

  it('shows the errors of the next submit again, for the value then sent', async () => {
    const user = userEvent.setup();
    render(<Page initial={{ summary: '짧다' }} />);
    await user.click(screen.getByRole('button', { name: 'submit' }));
    await user.type(screen.getByRole('textbox', { name: 'summary' }), '!');
    expect(screen.getByTestId('field-summary')).not.toHaveTextContent('must be at least 5');
    await user.click(screen.getByRole('button', { name: 'clear' }));
    await user.click(screen.getByRole('button', { name: 'submit' }));
    expect(screen.getByTestId('field-summary')).toHaveTextContent('must be at least 5 characters');
  });
});
